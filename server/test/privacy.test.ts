import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { loadEnv } from '../src/env.ts';
import { createLogger } from '../src/logger.ts';
import { startServer, type RunningServer } from '../src/main.ts';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { TestClient } from './helpers.ts';

/** Canary values: if any of them shows up in a log line, personal data is leaking. */
const CANARY_NAME = 'Canarina';
const applicant = { ...syntheticApplicant(4242, 3), givenName: CANARY_NAME };
const lines: string[] = [];
let running: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-privacy-'));
  const env = loadEnv({ PORT: '0', DATA_DIR: dataDir, SEED_DOSSIERS: '0', SEED_CITIZENS: '5', WEB_DIR: path.join(dataDir, 'none'), LOG_LEVEL: 'debug' });
  running = await startServer(env, createLogger('debug', (line) => lines.push(line)));
});
afterAll(async () => {
  await running.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('logs', () => {
  it('hold no personal data, even when requests fail', async () => {
    const client = new TestClient(running.url, null);
    await client.login('operatore.demo', 'a-wrong-password-canary');
    await client.login('operatore.demo');
    const random = new Random(5);
    const good = envelope(1, 'dossier.submit@1', submitArgs(random, applicant));
    const refused = envelope(2, 'dossier.submit@1', submitArgs(random, applicant, { consent: undefined }));
    const res = await client.mutation('sync.push', { clientId: uuidv7(), mutations: [good, refused] });
    expect(res.status).toBe(200);
    await client.mutation('sync.push', { clientId: uuidv7(), mutations: [{ ...good, args: { junk: CANARY_NAME } }] });
    await client.query('sync.pull', { cursor: null });
    expect(lines.length).toBeGreaterThan(0); // the logger was really listening
    const all = lines.join('\n');
    for (const canary of [CANARY_NAME, applicant.codiceFiscale, applicant.familyName, 'a-wrong-password-canary']) {
      expect(all).not.toContain(canary);
    }
  });
});
