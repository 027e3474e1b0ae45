import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import type { OutboxEntry } from '@icaro/sync';
import { UserStore } from './user-store.ts';
import { openUserDatabase, userDatabaseName } from './user-db.ts';
import { FREE_TRIES, openOrCreateDeviceKey, openOrCreatePasswordKey, unlockWithPassword, type UnlockResult } from './keyring.ts';
import { dossier, entry, uuid } from '../test/fixtures.ts';

// Synthetic person (valid codice fiscale), used as the canary that must never be stored in clear.
const CANARY_CF = 'RSSMRA80A01G273M';
const CANARY_NAME = 'Canarino';
const PASSWORD = 'Palermo-Demo-2026';

const users: string[] = [];
const stores: UserStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) s.close();
  for (const id of users.splice(0)) await Dexie.delete(userDatabaseName(id));
});

function newUser(): string {
  const id = uuid();
  users.push(id);
  return id;
}

function keyOf(result: UnlockResult): CryptoKey {
  if (!result.ok) throw new Error(`unlock failed: ${result.reason}`);
  return result.key;
}

function withApplicant(id: string, givenName: string) {
  const view = dossier(id);
  return { ...view, applicant: { ...view.applicant, codiceFiscale: CANARY_CF, givenName } };
}

function made(overrides: Partial<OutboxEntry> = {}): (seq: number) => OutboxEntry {
  const id = uuid();
  return (seq) => entry(seq, { id, ...overrides });
}

/** Every row of every table, read without the key, as one string (bytes read as text too). */
async function rawDump(userId: string): Promise<string> {
  const db = new Dexie(userDatabaseName(userId));
  await db.open();
  const parts: string[] = [];
  const text = (v: unknown): unknown => {
    if (v instanceof ArrayBuffer) return new TextDecoder().decode(v);
    if (ArrayBuffer.isView(v)) return new TextDecoder().decode(v);
    if (Array.isArray(v)) return v.map(text);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)]));
    return v;
  };
  for (const table of db.tables) parts.push(JSON.stringify(text(await table.toArray())));
  db.close();
  return parts.join('\n');
}

describe('device data at rest', () => {
  it('stores no readable personal data in any table', async () => {
    const userId = newUser();
    const store = new UserStore(userId, keyOf(await openOrCreatePasswordKey(userId, PASSWORD)));
    stores.push(store);
    const draft = await store.createDraft(uuid());
    const applicant = { source: 'new' as const, codiceFiscale: CANARY_CF, givenName: CANARY_NAME, familyName: 'Rossi', phone: '', phoneAsked: true, circoscrizione: 3 };
    await store.saveDraft({ ...draft, applicant });
    const other = await store.createDraft(uuid());
    await store.enqueueFromDraft(other.id, made({ name: 'dossier.submit@1', args: { codiceFiscale: CANARY_CF, givenName: CANARY_NAME } }));
    await store.syncStorage.loadMeta();
    const dossierId = uuid();
    await store.syncStorage.applyPull([{ entity: 'dossier', op: 'put', id: dossierId, data: withApplicant(dossierId, `${CANARY_NAME} Rossi`) }], 3, false);
    await store.savePeople({ self: { codiceFiscale: CANARY_CF, givenName: CANARY_NAME } } as never);
    await store.attachments.add({ sha256: 'a'.repeat(64), name: `ISEE ${CANARY_NAME}.pdf`, mime: 'application/pdf', size: 20, blob: new Blob([`%PDF ${CANARY_CF}`]) });
    await store.attachments.saveAnswerDraft({ dossierId, message: `Sono ${CANARY_NAME}`, files: [] });

    const raw = await rawDump(userId);
    expect(raw).not.toContain(CANARY_CF);
    expect(raw).not.toContain(CANARY_NAME);
    // The clear index fields are there, so the dump really read the rows.
    expect(raw).toContain(dossierId);
    expect(raw).toContain('pending');

    // Through the store, with the key, everything reads back.
    expect((await store.getDraft(draft.id))?.applicant?.codiceFiscale).toBe(CANARY_CF);
    expect((await store.syncStorage.listOutbox())[0]?.args).toEqual({ codiceFiscale: CANARY_CF, givenName: CANARY_NAME });
    expect((await store.getDossier(dossierId))?.applicant.givenName).toBe(`${CANARY_NAME} Rossi`);
    const file = await store.attachments.get('a'.repeat(64));
    expect(file?.name).toBe(`ISEE ${CANARY_NAME}.pdf`);
    expect(await file?.blob?.text()).toBe(`%PDF ${CANARY_CF}`);
    expect((await store.attachments.getAnswerDraft(dossierId))?.message).toBe(`Sono ${CANARY_NAME}`);
  });

  it('does not unlock with a wrong password, and does with the right one', async () => {
    const userId = newUser();
    const first = keyOf(await openOrCreatePasswordKey(userId, PASSWORD));
    const store = new UserStore(userId, first);
    stores.push(store);
    const draft = await store.createDraft(uuid());
    store.close();

    const wrong = await unlockWithPassword(userId, 'palermo-demo-2026');
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong_password', triesLeft: FREE_TRIES - 1 });
    // A key from a wrong password could not open the data anyway: the unwrap itself fails.
    const again = new UserStore(userId, keyOf(await unlockWithPassword(userId, PASSWORD)));
    stores.push(again);
    expect((await again.getDraft(draft.id))?.id).toBe(draft.id);
  });

  it('makes the user wait after a few wrong passwords, across reopenings', async () => {
    const userId = newUser();
    keyOf(await openOrCreatePasswordKey(userId, PASSWORD));
    const now = Date.parse('2026-11-26T12:00:00Z');
    let last: UnlockResult | null = null;
    for (let i = 0; i < FREE_TRIES; i++) last = await unlockWithPassword(userId, `wrong-${i}`, now);
    expect(last).toMatchObject({ ok: false, reason: 'wrong_password', triesLeft: 0, retryAt: now + 30_000 });
    // Even the right password waits until then.
    expect(await unlockWithPassword(userId, PASSWORD, now + 10_000)).toEqual({ ok: false, reason: 'throttled', retryAt: now + 30_000 });
    expect((await unlockWithPassword(userId, PASSWORD, now + 30_001)).ok).toBe(true);
    // Success resets the count.
    expect(await unlockWithPassword(userId, 'wrong', now + 30_002)).toMatchObject({ reason: 'wrong_password', triesLeft: FREE_TRIES - 1 });
  });

  it("a second user's database is sealed with a different key", async () => {
    const a = newUser();
    const b = newUser();
    const storeA = new UserStore(a, keyOf(await openOrCreatePasswordKey(a, PASSWORD)));
    stores.push(storeA);
    await storeA.createDraft(uuid());
    // b's key on a's database opens nothing.
    const intruder = new UserStore(a, keyOf(await openOrCreatePasswordKey(b, PASSWORD)));
    stores.push(intruder);
    await expect(intruder.listDrafts()).rejects.toThrow();
  });

  it('keeps a citizen device key across reopenings', async () => {
    const userId = newUser();
    const key = await openOrCreateDeviceKey(userId);
    expect(key.extractable).toBe(false);
    const store = new UserStore(userId, key);
    stores.push(store);
    const draft = await store.createDraft(uuid());
    const reopened = new UserStore(userId, await openOrCreateDeviceKey(userId));
    stores.push(reopened);
    expect((await reopened.getDraft(draft.id))?.id).toBe(draft.id);
  });

  it('seals the outbox and drafts of a database written before encryption, losing nothing', async () => {
    const userId = newUser();
    // The database as version 4 of the app left it: the same tables, rows in clear.
    const old = new Dexie(userDatabaseName(userId));
    old.version(1).stores({ meta: 'key', outbox: 'seq, &id, status', dossiers: 'id, status, updatedAt', drafts: 'id, updatedAt' });
    old.version(2).stores({ needsReports: 'id, receivedAt' });
    old.version(3).stores({ attachments: 'sha256, state' });
    old.version(4).stores({ answerDrafts: 'dossierId' });
    const pending = entry(1, { args: { codiceFiscale: CANARY_CF } });
    const refused = entry(2, { status: 'refused', refusal: { code: 'stale_state', at: '2026-11-26T11:00:00.000Z' } });
    const draftId = uuid();
    const dossierId = uuid();
    await old.table('outbox').bulkAdd([pending, refused]);
    await old.table('meta').bulkPut([{ key: 'seq', next: 3 }, { key: 'sync', clientId: uuid(), cursor: 7, lastSyncAt: null }]);
    await old.table('drafts').add({ id: draftId, createdAt: 'x', updatedAt: '2026-11-26T10:00:00.000Z', applicant: { codiceFiscale: CANARY_CF, givenName: CANARY_NAME }, answers: {} });
    await old.table('dossiers').add(withApplicant(dossierId, CANARY_NAME));
    await old.table('answerDrafts').add({ dossierId, message: CANARY_NAME, files: [], updatedAt: 'x' });
    old.close();

    const store = new UserStore(userId, keyOf(await openOrCreatePasswordKey(userId, PASSWORD)));
    stores.push(store);
    // Readable before sealing too (the store accepts clear rows of the old version).
    expect((await store.syncStorage.listOutbox()).map((e) => e.id)).toEqual([pending.id, refused.id]);
    expect(await store.sealLegacyRows()).toBe(5);
    expect(await store.sealLegacyRows()).toBe(0);

    expect(await store.syncStorage.listOutbox()).toEqual([pending, refused]);
    expect(await store.countOutbox()).toEqual({ pending: 1, refused: 1 });
    expect((await store.getDraft(draftId))?.applicant?.codiceFiscale).toBe(CANARY_CF);
    expect((await store.getDossier(dossierId))?.applicant.givenName).toBe(CANARY_NAME);
    expect((await store.attachments.getAnswerDraft(dossierId))?.message).toBe(CANARY_NAME);
    expect((await store.syncStorage.loadMeta()).cursor).toBe(7);
    // The next submission takes the next seq.
    const next = await store.enqueueFromDraft(null, made());
    expect(next.seq).toBe(3);
    const raw = await rawDump(userId);
    expect(raw).not.toContain(CANARY_CF);
    expect(raw).not.toContain(CANARY_NAME);
    // The version was bumped (an older tab can no longer open it and write clear rows).
    const db = openUserDatabase(userId);
    await db.open();
    expect(db.verno).toBe(5);
    db.close();
  });
});
