/**
 * Everything the app keeps on the device for one signed-in user. Screens and managers
 * reach IndexedDB only through this class, so encryption at rest (ARCHITECTURE.md,
 * "Sensitive data on devices") can be added here without touching them.
 */
import { liveQuery } from 'dexie';
import type { DossierView, NeedsReportView, OutboxEntry } from '@icaro/sync';
import type { CitizenPeople, Draft } from './draft-types.ts';
import { DexieSyncStorage, appendInTransaction } from './sync-storage.ts';
import { openUserDatabase, type UserDatabase } from './user-db.ts';
import { AttachmentStore } from './attachment-store.ts';

export type Unsubscribe = () => void;

export class UserStore {
  readonly syncStorage: DexieSyncStorage;
  /** Files attached to drafts and waiting for upload (see attachment-store.ts). */
  readonly attachments: AttachmentStore;
  private readonly db: UserDatabase;

  constructor(readonly userId: string) {
    this.db = openUserDatabase(userId);
    this.syncStorage = new DexieSyncStorage(this.db);
    this.attachments = new AttachmentStore(this.db);
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
    await this.db.drafts.add(draft);
    return draft;
  }

  getDraft(id: string): Promise<Draft | undefined> {
    return this.db.drafts.get(id);
  }

  /** Saves the whole draft; callers await it before moving to the next step. */
  async saveDraft(draft: Draft): Promise<Draft> {
    const saved = { ...plainCopy(draft), updatedAt: new Date().toISOString() };
    await this.db.drafts.put(saved);
    return saved;
  }

  listDrafts(): Promise<Draft[]> {
    return this.db.drafts.orderBy('updatedAt').reverse().toArray();
  }

  deleteDraft(id: string): Promise<void> {
    return this.db.drafts.delete(id);
  }

  /**
   * Puts a mutation in the outbox and removes the draft it came from, in one durable
   * transaction: after a crash there is either the draft or the queued submission, never
   * both and never neither.
   */
  async enqueueFromDraft(draftId: string | null, make: (seq: number) => OutboxEntry): Promise<OutboxEntry> {
    return this.db.transaction('rw', this.db.meta, this.db.outbox, this.db.drafts, async () => {
      const entry = await appendInTransaction(this.db, make);
      if (draftId) await this.db.drafts.delete(draftId);
      return entry;
    });
  }

  // --- a citizen's people ---------------------------------------------------------------

  async getPeople(): Promise<CitizenPeople | undefined> {
    const row = await this.db.meta.get('people');
    return row?.key === 'people' ? row.people : undefined;
  }

  async savePeople(people: CitizenPeople): Promise<void> {
    await this.db.meta.put({ key: 'people', people, fetchedAt: new Date().toISOString() });
  }

  // --- reads ----------------------------------------------------------------------------

  getDossier(id: string): Promise<DossierView | undefined> {
    return this.db.dossiers.get(id);
  }

  listDossiers(): Promise<DossierView[]> {
    return this.db.dossiers.toArray();
  }

  countOutbox(): Promise<{ pending: number; refused: number }> {
    return this.db.transaction('r', this.db.outbox, async () => ({
      pending: await this.db.outbox.where('status').equals('pending').count(),
      refused: await this.db.outbox.where('status').equals('refused').count(),
    }));
  }

  /** Live views: they fire again whenever this or another tab changes the tables. */
  watchOutbox(onValue: (entries: OutboxEntry[]) => void, onError?: (e: unknown) => void): Unsubscribe {
    return this.watch(() => this.db.outbox.orderBy('seq').toArray(), onValue, onError);
  }

  watchDossiers(onValue: (rows: DossierView[]) => void, onError?: (e: unknown) => void): Unsubscribe {
    return this.watch(() => this.db.dossiers.toArray(), onValue, onError);
  }

  watchDrafts(onValue: (rows: Draft[]) => void, onError?: (e: unknown) => void): Unsubscribe {
    return this.watch(() => this.listDrafts(), onValue, onError);
  }

  /** Needs reports pulled for this user, newest first. */
  watchNeedsReports(onValue: (rows: NeedsReportView[]) => void, onError?: (e: unknown) => void): Unsubscribe {
    return this.watch(() => this.db.needsReports.orderBy('receivedAt').reverse().toArray(), onValue, onError);
  }

  // --- lifecycle ------------------------------------------------------------------------

  /**
   * On logout: drops what can be pulled again (the read cache and its cursor). The
   * outbox and the drafts stay: they are the user's own unsent work.
   */
  async clearReadCaches(): Promise<void> {
    await this.db.transaction('rw', this.db.dossiers, this.db.needsReports, this.db.meta, async () => {
      await this.db.dossiers.clear();
      await this.db.needsReports.clear();
      const row = await this.db.meta.get('sync');
      if (row?.key === 'sync') await this.db.meta.put({ ...row, cursor: null, lastSyncAt: null });
    });
  }

  close(): void {
    this.db.close();
  }

  private watch<T>(query: () => Promise<T>, onValue: (v: T) => void, onError?: (e: unknown) => void): Unsubscribe {
    const sub = liveQuery(query).subscribe({ next: onValue, error: onError ?? ((e) => console.error(e)) });
    return () => sub.unsubscribe();
  }
}

/** Svelte $state proxies cannot be cloned into IndexedDB: store a plain copy. */
function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
