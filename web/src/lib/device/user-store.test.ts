import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { UserStore } from './user-store.ts';
import { openUserDatabase } from './user-db.ts';
import { newDeviceDataKey } from './crypto.ts';
import { dossier, entry, uuid } from '../test/fixtures.ts';
import type { OutboxEntry } from '@icaro/sync';

const key = await newDeviceDataKey();
/** An entry maker as the engine's: the same entry whatever the seq. */
function made(overrides: Partial<OutboxEntry> = {}): (seq: number) => OutboxEntry {
  const id = uuid();
  return (seq) => entry(seq, { id, ...overrides });
}

const stores: UserStore[] = [];
function storeFor(userId: string): UserStore {
  const s = new UserStore(userId, key);
  stores.push(s);
  return s;
}

afterEach(async () => {
  for (const s of stores.splice(0)) {
    s.close();
    const db = openUserDatabase(s.userId);
    await db.delete();
  }
});

describe('UserStore', () => {
  it('saves and reloads a draft, dropping reactive wrappers', async () => {
    const store = storeFor(uuid());
    const draft = await store.createDraft(uuid());
    const saved = await store.saveDraft({ ...draft, serviceCode: 'PA-ACC-01', answers: { topic: 'altro' } });
    expect(await store.getDraft(draft.id)).toEqual(saved);
    expect(saved.updatedAt >= draft.updatedAt).toBe(true);
  });

  it('queues a submission and removes its draft in one step', async () => {
    const store = storeFor(uuid());
    const draft = await store.createDraft(uuid());
    const queued = await store.enqueueFromDraft(draft.id, made({ name: 'dossier.submit@1' }));
    expect(await store.getDraft(draft.id)).toBeUndefined();
    expect(await store.syncStorage.listOutbox()).toEqual([queued]);
    expect(await store.countOutbox()).toEqual({ pending: 1, refused: 0 });
  });

  it('keeps the draft when the append fails', async () => {
    const store = storeFor(uuid());
    const draft = await store.createDraft(uuid());
    await expect(store.enqueueFromDraft(draft.id, (seq) => made()(seq + 1))).rejects.toThrow();
    expect(await store.getDraft(draft.id)).toBeDefined();
    expect(await store.syncStorage.listOutbox()).toEqual([]);
  });

  it('on logout clears what can be pulled again, and only that', async () => {
    const store = storeFor(uuid());
    await store.syncStorage.loadMeta();
    const id = uuid();
    await store.syncStorage.applyPull([{ entity: 'dossier', op: 'put', id, data: dossier(id) }], 5, false);
    const draft = await store.createDraft(uuid());
    await store.clearReadCaches();
    expect(await store.listDossiers()).toEqual([]);
    expect((await store.syncStorage.loadMeta()).cursor).toBeNull();
    expect(await store.getDraft(draft.id)).toBeDefined();
  });

  it('keeps each user in their own database', async () => {
    const a = storeFor(uuid());
    const b = storeFor(uuid());
    await a.createDraft(uuid());
    await a.enqueueFromDraft(null, made());
    expect(await b.listDrafts()).toEqual([]);
    expect(await b.countOutbox()).toEqual({ pending: 0, refused: 0 });
  });

  it('tells live watchers about changes', async () => {
    const store = storeFor(uuid());
    const seen: number[] = [];
    const stop = store.watchOutbox((rows) => seen.push(rows.length));
    await new Promise((r) => setTimeout(r, 20));
    await store.enqueueFromDraft(null, made());
    await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
  });
});
