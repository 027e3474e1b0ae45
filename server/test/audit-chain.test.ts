import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.ts';
import { migrateDatabase, openDatabase, type Db } from '../src/db/client.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { createAuditTrail, GENESIS_HASH } from '../src/services/audit.service.ts';

const run = promisify(execFile);
const serverRoot = path.resolve(import.meta.dirname, '..');

let dataDir: string;
let db: Db;
let trail: ReturnType<typeof createAuditTrail>;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-audit-'));
  const env = loadEnv({ DATA_DIR: dataDir, WEB_DIR: path.join(dataDir, 'none') });
  db = openDatabase(env.dbFile);
  migrateDatabase(db, env.MIGRATIONS_DIR);
  trail = createAuditTrail(createRepositories(db).audit);
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function appendSome(n: number) {
  for (let i = 0; i < n; i++) {
    trail.append({
      at: `2026-03-0${1 + (i % 9)}T10:00:00.000Z`,
      actor: { id: `user-${i % 3}`, role: i % 2 ? 'case_officer' : 'head_of_procedure' },
      dossierId: `dossier-${i % 4}`,
      section: i % 2 ? 'sensitive' : 'status',
      action: i % 2 ? 'read' : 'change',
      purpose: i % 2 ? 'istruttoria' : 'transition',
      note: i % 5 === 0 ? null : `nota ${i}`,
    });
  }
}

/** Edits a row behind the trail's back: drops the guard, as an attacker with the file could. */
function tamper(setSql: string, seq: number) {
  db.$client.exec('drop trigger audit_log_no_update');
  db.$client.prepare(`update audit_log set ${setSql} where seq = ?`).run(seq);
}

describe('audit chain', () => {
  it('links each row to the previous one and verifies', () => {
    appendSome(7);
    const first = createRepositories(db).audit.page(0, 10);
    expect(first[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < first.length; i++) expect(first[i]!.prevHash).toBe(first[i - 1]!.hash);
    expect(trail.verify()).toEqual({ ok: true, rows: 7 });
    // Pages smaller than the chain walk it the same.
    expect(trail.verify(2)).toEqual({ ok: true, rows: 7 });
  });

  it('an empty chain verifies', () => {
    expect(trail.verify()).toEqual({ ok: true, rows: 0 });
  });

  it('refuses UPDATE and DELETE (triggers)', () => {
    appendSome(2);
    expect(() => db.$client.prepare("update audit_log set purpose = 'verifica' where seq = 1").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare('delete from audit_log where seq = 1').run()).toThrow(/append-only/);
    expect(trail.verify()).toEqual({ ok: true, rows: 2 });
  });

  const edits: [string, string][] = [
    ['at', "at = '2026-03-09T11:00:00.000Z'"],
    ['actor_id', "actor_id = 'someone-else'"],
    ['actor_role', "actor_role = 'auditor'"],
    ['dossier_id', "dossier_id = 'dossier-9'"],
    ['section', "section = 'assignment'"],
    ['action', "action = 'change'"],
    ['purpose', "purpose = 'verifica'"],
    ['note', "note = 'altro'"],
    ['prev_hash', `prev_hash = '${'1'.repeat(64)}'`],
    ['hash', `hash = '${'2'.repeat(64)}'`],
  ];
  for (const [field, set] of edits) {
    it(`editing ${field} breaks verification at that row`, () => {
      appendSome(6);
      tamper(set, 4);
      const result = trail.verify();
      expect(result).toMatchObject({ ok: false, brokenAt: 4, rows: 3 });
    });
  }

  it('removing a row breaks verification at the next one', () => {
    appendSome(5);
    db.$client.exec('drop trigger audit_log_no_delete');
    db.$client.prepare('delete from audit_log where seq = 2').run();
    expect(trail.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: 'seq' });
  });

  it('the CLI says ok with the row count, and exit 1 at the first broken row', async () => {
    appendSome(3);
    const cli = (args: string[]) =>
      run(path.join(serverRoot, '../node_modules/.bin/tsx'), [path.join(serverRoot, 'src/cli.ts'), ...args], {
        env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
      });
    const ok = await cli(['audit-verify']);
    expect(ok.stdout).toContain('ok: 3');
    tamper("purpose = 'verifica'", 2);
    const broken = await cli(['audit-verify']).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(broken?.code).toBe(1);
    expect(broken?.stderr).toContain('riga 2');
  });
});
