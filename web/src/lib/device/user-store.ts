/**
 * Everything the app keeps on the device for one signed-in user. Screens and managers
 * reach IndexedDB only through this class, which seals every record with the user's
 * data key (records.ts; ARCHITECTURE.md, "Sensitive data on devices") and opens it again
 * after reading: screens see plain records, the database only ciphertext.
 */
import { liveQuery } from 'dexie';
import type { DossierView, NeedsReportView, OutboxEntry } from '@icaro/sync';
import type { CitizenPeople, Draft } from './draft-types.ts';
import { DexieSyncStorage, appendInTransaction } from './sync-storage.ts';
import { openUserDatabase, type UserDatabase } from './user-db.ts';
import { AttachmentStore } from './attachment-store.ts';
import { RecordCipher, sealLegacyRows } from './records.ts';

export type Unsubscribe = () => void;
export interface OutboxCount {
  pending: number;
  refused: number;
}

export class UserStore {
  readonly syncStorage: DexieSyncStorage;
  /** Files attached to drafts and waiting for upload (see attachment-store.ts). */
  readonly attachments: AttachmentStore;
  private readonly db: UserDatabase;
  private readonly cipher: RecordCipher;

  /** `key`: the user's unwrapped data key (keyring.ts). */
  constructor(
    readonly userId: string,
    key: CryptoKey,
  ) {
    this.db = openUserDatabase(userId);
    this.cipher = new RecordCipher(key);
    this.syncStorage = new DexieSyncStorage(this.db, this.cipher);
    this.attachments = new AttachmentStore(this.db, this.cipher);
  }

  /** Seals the rows an older version left in clear; run once after each unlock. */
  sealLegacyRows(): Promise<number> {
    return sealLegacyRows(this.db, this.cipher);
  }

  // --- drafts -------------------------------------------------------------------------

  async createDraft(id: string): Promise<Draft> {
    const at = new Date().toISOString();
    const draft: Draft = {
      id,
      createdAt: at,
      updatedAt: at,
      applicant: null,
      serviceCode: null,
      serviceVersion: null,
      answers: {},
      consent: null,
    };
    await this.db.drafts.add(await this.cipher.sealDraft(draft));
    return draft;
  }

  async getDraft(id: string): Promise<Draft | undefined> {
    const row = await this.db.drafts.get(id);
    return row ? this.cipher.openDraft(row) : undefined;
  }

  /** Saves the whole draft; callers await it before moving to the next step. */
  async saveDraft(draft: Draft): Promise<Draft> {
    const saved = { ...plainCopy(draft), updatedAt: new Date().toISOString() };
    await this.db.drafts.put(await this.cipher.sealDraft(saved));
    return saved;
  }

  async listDrafts(): Promise<Draft[]> {
    return this.cipher.openAll(await this.listDraftRows(), this.cipher.openDraft);
  }

  private listDraftRows() {
    return this.db.drafts.orderBy('updatedAt').reverse().toArray();
  }

  deleteDraft(id: string): Promise<void> {
    return this.db.drafts.delete(id);
  }

  /**
   * Puts a mutation in the outbox and removes the draft it came from, in one durable
   * transaction: after a crash there is either the draft or the queued submission, never
   * both and never neither. The entry is sealed before the transaction opens.
   */
  async enqueueFromDraft(draftId: string | null, make: (seq: number) => OutboxEntry): Promise<OutboxEntry> {
    const content = make(0);
    const sealed = await this.cipher.sealOutbox(content);
    return this.db.transaction('rw', this.db.meta, this.db.outbox, this.db.drafts, async () => {
      const entry = await appendInTransaction(this.db, make, content, sealed);
      if (draftId) await this.db.drafts.delete(draftId);
      return entry;
    });
  }

  // --- a citizen's people ---------------------------------------------------------------

  async getPeople(): Promise<CitizenPeople | undefined> {
    const row = await this.db.meta.get('people');
    return row ? this.cipher.openPeople(row) : undefined;
  }

  async savePeople(people: CitizenPeople): Promise<void> {
    await this.db.meta.put(await this.cipher.sealPeople(people, new Date().toISOString()));
  }

  // --- reads ----------------------------------------------------------------------------

  async getDossier(id: string): Promise<DossierView | undefined> {
    const row = await this.db.dossiers.get(id);
    return row ? this.cipher.openDossier(row) : undefined;
  }

  async listDossiers(): Promise<DossierView[]> {
    return this.cipher.openAll(await this.db.dossiers.toArray(), this.cipher.openDossier);
  }

  countOutbox(): Promise<OutboxCount> {
    return countOutboxOf(this.db);
  }

  /** Live views: they fire again whenever this or another tab changes the tables. */
  watchOutbox(onValue: (entries: OutboxEntry[]) => void, onError?: (e: unknown) => void): Unsubscribe {
    return watchOpened(() => this.db.outbox.orderBy('seq').toArray(), (rows) => this.cipher.openAll(rows, this.cipher.openOutbox), onValue, onError);
  }

  watchDossiers(onValue: (rows: DossierView[]) => void, onError?: (e: unknown) => void): Unsubscribe {
    return watchOpened(() => this.db.dossiers.toArray(), (rows) => this.cipher.openAll(rows, this.cipher.openDossier), onValue, onError);
  }

  watchDrafts(onValue: (rows: Draft[]) => void, onError?: (e: unknown) => void): Unsubscribe {
    return watchOpened(() => this.listDraftRows(), (rows) => this.cipher.openAll(rows, this.cipher.openDraft), onValue, onError);
  }

  /** Needs reports pulled for this user, newest first. */
  watchNeedsReports(onValue: (rows: NeedsReportView[]) => void, onError?: (e: unknown) => void): Unsubscribe {
    return watchOpened(
      () => this.db.needsReports.orderBy('receivedAt').reverse().toArray(),
      (rows) => this.cipher.openAll(rows, this.cipher.openNeedsReport),
      onValue,
      onError,
    );
  }

  // --- lifecycle ------------------------------------------------------------------------

  /**
   * On logout and lock: drops what can be pulled again (the read cache and its cursor).
   * The outbox and the drafts stay: they are the user's own unsent work.
   */
  clearReadCaches(): Promise<void> {
    return clearReadCachesOf(this.db);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Live query over stored rows, opened after each result outside the query (WebCrypto
 * promises do not belong in Dexie's observed zone). A slower opening of an older result
 * never overwrites a newer one.
 */
function watchOpened<R, T>(query: () => Promise<R>, openRows: (rows: R) => Promise<T>, onValue: (v: T) => void, onError?: (e: unknown) => void): Unsubscribe {
  const fail = onError ?? ((e: unknown) => console.error(e));
  let latest = 0;
  let stopped = false;
  const sub = liveQuery(query).subscribe({
    next: (rows) => {
      const mine = ++latest;
      openRows(rows).then(
        (value) => {
          if (!stopped && mine === latest) onValue(value);
        },
        (e: unknown) => {
          if (!stopped && mine === latest) fail(e);
        },
      );
    },
    error: fail,
  });
  return () => {
    stopped = true;
    sub.unsubscribe();
  };
}

async function clearReadCachesOf(db: UserDatabase): Promise<void> {
  await db.transaction('rw', db.dossiers, db.needsReports, db.meta, async () => {
    await db.dossiers.clear();
    await db.needsReports.clear();
    const row = await db.meta.get('sync');
    if (row?.key === 'sync') await db.meta.put({ ...row, cursor: null, lastSyncAt: null });
  });
}

/**
 * For a locked session (no key in memory): what logout needs. The outbox's status is
 * stored in clear, so it can be counted without the key; the read caches are dropped.
 */
export function lockedUserData(userId: string): Pick<UserStore, 'countOutbox' | 'clearReadCaches' | 'close'> {
  const db = openUserDatabase(userId);
  return { countOutbox: () => countOutboxOf(db), clearReadCaches: () => clearReadCachesOf(db), close: () => db.close() };
}

function countOutboxOf(db: UserDatabase): Promise<OutboxCount> {
  return db.transaction('r', db.outbox, async () => ({
    pending: await db.outbox.where('status').equals('pending').count(),
    refused: await db.outbox.where('status').equals('refused').count(),
  }));
}

/** Svelte $state proxies cannot be cloned into IndexedDB: store a plain copy. */
function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
