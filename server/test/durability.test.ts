import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { CATALOGUE } from '@icaro/domain';
import type { PullResponse, PushResponse, SubmitArgs } from '@icaro/sync';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { TestClient } from './helpers.ts';

const serverDir = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-kill-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function boot(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DOSSIERS: '0',
      SEED_CITIZENS: '5',
      LOG_LEVEL: 'error',
      WEB_DIR: path.join(dataDir, 'none'),
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

describe('acknowledged means durable (I3)', () => {
  it('keeps every acknowledged mutation across kill -9 and a restart', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const base = `http://127.0.0.1:${port}`;
    let child = await boot(port);
    const client = new TestClient(base, null);
    expect((await client.login('operatore.demo')).status).toBe(200);
    const random = new Random(3);
    const mutations = Array.from({ length: 200 }, (_, i) =>
      envelope(i + 1, 'dossier.submit@1', submitArgs(random, syntheticApplicant(i, 2), {}, CATALOGUE[0])),
    );
    const res = await client.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations });
    child.kill('SIGKILL'); // the moment the acknowledgement arrives
    expect(res.status).toBe(200);
    expect(res.data!.outcomes.every((o) => o.status === 'applied')).toBe(true);
    await new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

    child = await boot(port);
    try {
      const after = new TestClient(base, null);
      await after.login('operatore.demo');
      const pulled = await after.query<PullResponse>('sync.pull', { cursor: null, limit: 5000 });
      const ids = new Set(pulled.data!.changes.map((c) => c.id));
      for (const m of mutations) expect(ids.has((m.args as SubmitArgs).dossierId)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
