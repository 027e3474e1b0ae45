import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '@icaro/sync';
import { DexieSyncStorage } from './sync-storage.ts';
import { openUserDatabase, type UserDatabase } from './user-db.ts';
import { RecordCipher } from './records.ts';
import { newDeviceDataKey } from './crypto.ts';
import { dossier, entry, uuid } from '../test/fixtures.ts';

const cipher = new RecordCipher(await newDeviceDataKey());

const open: UserDatabase[] = [];
function tab(userId: string): { db: UserDatabase; storage: DexieSyncStorage } {
  // A second Dexie instance on the same database name behaves like a second tab.
  const db = openUserDatabase(userId);
  open.push(db);
  return { db, storage: new DexieSyncStorage(db, cipher, () => new Date('2026-11-26T12:00:00.000Z')) };
}

afterEach(async () => {
  const dbs = open.splice(0);
  for (const db of dbs) db.close();
  for (const db of dbs) await db.delete();
});

const append = (s: DexieSyncStorage) => {
  // The engine's entry maker is the same entry whatever the seq: one id, made once.
  const id = uuid();
  return s.appendToOutbox((seq) => entry(seq, { id }));
};

describe('DexieSyncStorage', () => {
  it('creates one clientId on first use and keeps it', async () => {
    const { storage } = tab(uuid());
    const first = await storage.loadMeta();
    expect(first).toMatchObject({ cursor: null, lastSyncAt: null });
    expect(first.clientId).toMatch(/^[0-9a-f-]{36}$/);
    await storage.saveMeta({ lastSyncAt: '2026-11-26T12:00:00.000Z' });
    expect(await storage.loadMeta()).toEqual({ ...first, lastSyncAt: '2026-11-26T12:00:00.000Z' });
  });

  it('gives two tabs appending at once distinct, consecutive seqs', async () => {
    const user = uuid();
    const a = tab(user);
    const b = tab(user);
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => append(i % 2 ? a.storage : b.storage)));
    const seqs = made.map((e) => e.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await a.storage.listOutbox()).map((e) => e.seq)).toEqual(seqs);
  });

  it('never reuses a seq once acknowledged entries are gone', async () => {
    const { storage } = tab(uuid());
    const first = await append(storage);
    const second = await append(storage);
    await storage.settleOutbox([first.id, second.id], []);
    expect(await storage.listOutbox()).toEqual([]);
    expect((await append(storage)).seq).toBe(3);
  });

  it('settles: drops applied entries and marks refused ones with the reason', async () => {
    const { storage } = tab(uuid());
    const [a, b, c] = [await append(storage), await append(storage), await append(storage)];
    await storage.settleOutbox([a.id], [{ id: b.id, code: 'stale_state', detail: 'moved on' }]);
    const rows = await storage.listOutbox();
    expect(rows.map((e) => [e.id, e.status])).toEqual([
      [b.id, 'refused'],
      [c.id, 'pending'],
    ]);
    expect(rows[0]!.refusal).toEqual({ code: 'stale_state', detail: 'moved on', at: '2026-11-26T12:00:00.000Z' });
    await storage.removeFromOutbox(b.id);
    expect((await storage.listOutbox()).map((e) => e.id)).toEqual([c.id]);
  });

  it('counts push attempts without touching ids', async () => {
    const { storage } = tab(uuid());
    const e = await append(storage);
    await storage.incrementAttempts([e.id]);
    await storage.incrementAttempts([e.id]);
    expect(await storage.listOutbox()).toEqual([{ ...e, attempts: 2 }]);
  });

  it('applies a pulled page in order and moves the cursor', async () => {
    const { db, storage } = tab(uuid());
    await storage.loadMeta();
    const [x, y] = [uuid(), uuid()];
    const page: Change[] = [
      { entity: 'dossier', op: 'put', id: x, data: dossier(x) },
      { entity: 'dossier', op: 'put', id: y, data: dossier(y) },
      { entity: 'dossier', op: 'del', id: x },
      { entity: 'dossier', op: 'put', id: y, data: dossier(y, { status: 'PROTOCOLLATA' }) },
    ];
    await storage.applyPull(page, 7, false);
    expect((await db.dossiers.toArray()).map((d) => [d.id, d.status])).toEqual([[y, 'PROTOCOLLATA']]);
    expect((await storage.loadMeta()).cursor).toBe(7);
  });

  it('keeps needs reports in their own table, apart from dossiers', async () => {
    const { db, storage } = tab(uuid());
    await storage.loadMeta();
    const [d, r] = [uuid(), uuid()];
    const report = {
      id: r,
      associationId: 'ASS-01',
      associationName: 'Associazione',
      circoscrizione: 2,
      officeId: 'UFF-C2',
      userArea: 'anziani',
      need: 'solitudine',
      peopleBand: '6-20',
      urgency: 'alta',
      description: 'Anziani soli.',
      observedOn: '2026-11-20',
      submittedAt: '2026-11-20T10:00:00.000Z',
      receivedAt: '2026-11-20T10:00:00.000Z',
    } as const;
    await storage.applyPull(
      [
        { entity: 'dossier', op: 'put', id: d, data: dossier(d) },
        { entity: 'needs_report', op: 'put', id: r, data: report },
      ],
      3,
      false,
    );
    expect((await db.dossiers.toArray()).map((x) => x.id)).toEqual([d]);
    expect((await db.needsReports.toArray()).map((x) => x.id)).toEqual([r]);
    await storage.applyPull([{ entity: 'needs_report', op: 'del', id: r }], 4, false);
    expect(await db.needsReports.count()).toBe(0);
    expect(await db.dossiers.count()).toBe(1);
  });

  it('on reset drops pulled records but keeps the outbox', async () => {
    const { db, storage } = tab(uuid());
    await storage.loadMeta();
    const old = uuid();
    await storage.applyPull([{ entity: 'dossier', op: 'put', id: old, data: dossier(old) }], 3, false);
    const pending = await append(storage);
    const fresh = uuid();
    await storage.applyPull([{ entity: 'dossier', op: 'put', id: fresh, data: dossier(fresh) }], 10, true);
    expect((await db.dossiers.toArray()).map((d) => d.id)).toEqual([fresh]);
    expect((await storage.listOutbox()).map((e) => e.id)).toEqual([pending.id]);
    expect((await storage.loadMeta()).cursor).toBe(10);
  });
});
