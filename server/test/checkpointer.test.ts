/**
 * WAL checkpoints happen on the checkpointer's thread, not in the commits of the request
 * connection (db/checkpointer.ts), and closing the database stops it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return true;
  return check();
}

describe('WAL checkpointer', () => {
  it('copies committed pages into the database file while the request connection never checkpoints them itself', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-ckpt-'));
    dirs.push(dir);
    const file = path.join(dir, 'db.sqlite');
    const db = openDatabase(file);
    const sqlite = db.$client;
    // The request connection's own checkpoint is only a fallback for a long burst.
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(16_384);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL, unchanged
    sqlite.exec('create table t (id integer primary key, body text not null)');
    const insert = sqlite.prepare('insert into t (body) values (?)');
    // About 2,500 pages in 10 commits: over the default 1,000-page threshold, far under the fallback.
    for (let commit = 0; commit < 10; commit++)
      sqlite.transaction(() => {
        for (let i = 0; i < 250; i++) insert.run('x'.repeat(4000));
      })();
    const dataBytes = 2_500 * 4_000;
    // Only a checkpoint moves pages from the -wal into the database file.
    expect(await until(() => fs.statSync(file).size >= dataBytes)).toBe(true);
    expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(2_500);

    sqlite.close();
    // Closing waits for the checkpointer's connection, so the request connection closes
    // last and removes the WAL before close() returns.
    expect(fs.readdirSync(dir)).toEqual(['db.sqlite']);
    const again = openDatabase(file);
    expect(again.$client.prepare('select count(*) from t').pluck().get()).toBe(2_500);
    again.$client.close();
  });

  it('leaves nothing behind when the database is closed right after opening (worker still starting)', () => {
    for (let round = 0; round < 5; round++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-ckpt-'));
      const db = openDatabase(path.join(dir, 'db.sqlite'));
      db.$client.exec('create table t (id integer primary key)');
      db.$client.close();
      expect(fs.readdirSync(dir)).toEqual(['db.sqlite']);
      // What a test's afterEach does: must not race a worker still writing in the directory.
      fs.rmSync(dir, { recursive: true });
    }
  });
});
