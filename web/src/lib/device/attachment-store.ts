/**
 * Attachments on the device (issue 3 §3): the files a user attaches to a request or to
 * an answer stay in IndexedDB, in the user's own database, until the server has them.
 *
 * Life of a row:
 * - 'local': attached to a draft, not sent yet (removable; never uploaded while a draft);
 * - 'queued': named by a mutation in the outbox; the upload queue sends it, resuming
 *   from the server's offset after a reload or a lost network;
 * - 'uploaded': the server has checked and stored it; the bytes are dropped from the
 *   device, the row stays so screens can say "inviato";
 * - 'refused': the server refused it (wrong type, too big, hash mismatch), with the code.
 *
 * For other features (assisted consent: the scanned delega, the on-screen signature):
 *   const prepared = await prepareAttachment(file, file.name);             // $lib/attachments
 *   if (prepared.ok) await store.attachments.add(prepared.value);          // state 'local'
 *   ...reference prepared.value.sha256 in your mutation args...
 *   await store.attachments.queue([sha256]);                               // when enqueued
 * and the leader tab's upload queue does the rest (requestAttachmentUpload() kicks it).
 */
import { liveQuery } from 'dexie';
import type { AttachmentError, AttachmentMime } from '@icaro/domain';
import type { AttachmentRow, UserDatabase } from './user-db.ts';
import type { RecordCipher } from './records.ts';

export type AttachmentState = 'local' | 'queued' | 'uploaded' | 'refused';

/** A checked file ready to be stored: the output of prepareAttachment ($lib/attachments). */
export interface PreparedAttachment {
  sha256: string;
  name: string;
  mime: AttachmentMime;
  size: number;
  blob: Blob;
}

/** A file as a draft or a record names it (the bytes stay in the store, by SHA-256). */
export interface AttachedFile {
  sha256: string;
  name: string;
  mime: AttachmentMime;
  size: number;
  /** Which of the service's required documents it is, as the catalogue words it. */
  documentKind?: string;
}

/** The answer to an integration request while it is being written: a reload loses nothing. */
export interface AnswerDraft {
  dossierId: string;
  message: string;
  files: AttachedFile[];
  updatedAt: string;
}

export interface StoredAttachment {
  sha256: string;
  name: string;
  mime: AttachmentMime;
  size: number;
  /** The bytes, until the server has them (then null). */
  blob: Blob | null;
  state: AttachmentState;
  /** Bytes the server was last known to hold. */
  received: number;
  error: AttachmentError | null;
  /** The dossiers whose records name this file (set when queued), to show its state there. */
  dossierIds?: string[];
  createdAt: string;
  updatedAt: string;
}

/**
 * The file's name and bytes are sealed (records.ts); its hash, type, size, state and the
 * dossiers naming it stay clear, so the queue moves without opening the bytes.
 */
export class AttachmentStore {
  constructor(
    private readonly db: UserDatabase,
    private readonly cipher: RecordCipher,
  ) {}

  /** Stores a prepared file as 'local'. The same file again keeps its row (and its state). */
  async add(file: PreparedAttachment): Promise<StoredAttachment> {
    const at = new Date().toISOString();
    const fresh: StoredAttachment = { ...file, state: 'local', received: 0, error: null, createdAt: at, updatedAt: at };
    const sealed = await this.cipher.sealAttachment(fresh);
    const existing = await this.db.transaction('rw', this.db.attachments, async () => {
      const row = await this.db.attachments.get(file.sha256);
      if (!row) await this.db.attachments.add(sealed);
      return row;
    });
    return existing ? this.cipher.openAttachment(existing) : fresh;
  }

  async get(sha256: string): Promise<StoredAttachment | undefined> {
    const row = await this.db.attachments.get(sha256);
    return row ? this.cipher.openAttachment(row) : undefined;
  }

  list(sha256s: readonly string[]): Promise<StoredAttachment[]> {
    return this.listRows(sha256s).then((rows) => this.cipher.openAll(rows, this.cipher.openAttachment));
  }

  private listRows(sha256s: readonly string[] | null) {
    const all = sha256s ? this.db.attachments.bulkGet([...sha256s]) : this.db.attachments.toArray();
    return all.then((rows) => rows.filter((r) => r !== undefined));
  }

  /** Removes a file attached to a draft. Queued or sent files are never removed here. */
  async removeLocal(sha256: string): Promise<void> {
    await this.db.transaction('rw', this.db.attachments, async () => {
      const row = await this.db.attachments.get(sha256);
      if (row?.state === 'local') await this.db.attachments.delete(sha256);
    });
  }

  /**
   * Marks files for upload, before the mutation naming them is enqueued; `dossierId`
   * remembers which dossier they belong to, so its page can show how they travel.
   */
  async queue(sha256s: readonly string[], dossierId?: string): Promise<void> {
    await this.db.transaction('rw', this.db.attachments, async () => {
      for (const sha256 of sha256s) {
        const row = await this.db.attachments.get(sha256);
        if (!row) continue;
        const dossierIds =
          dossierId && !(row.dossierIds ?? []).includes(dossierId) ? [...(row.dossierIds ?? []), dossierId] : row.dossierIds;
        // A refused file queued again (attached anew) gets another chance.
        const state = row.state === 'local' || (row.state === 'refused' && row.data) ? 'queued' : row.state;
        await this.db.attachments.update(sha256, {
          state,
          error: state === 'queued' ? null : row.error,
          dossierIds,
          updatedAt: new Date().toISOString(),
        });
      }
    });
  }

  /** Live rows of the files queued for a dossier from this device, oldest first. */
  watchDossier(dossierId: string, onValue: (rows: StoredAttachment[]) => void, onError?: (e: unknown) => void): () => void {
    return this.watchRows(
      () =>
        this.db.attachments
          .filter((r) => (r.dossierIds ?? []).includes(dossierId))
          .toArray()
          .then((rows) => rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt))),
      onValue,
      onError,
    );
  }

  /** The files waiting for upload, oldest first. */
  async queued(): Promise<StoredAttachment[]> {
    return this.cipher.openAll(await this.db.attachments.where('state').equals('queued').sortBy('createdAt'), this.cipher.openAttachment);
  }

  async setReceived(sha256: string, received: number): Promise<void> {
    await this.db.attachments.update(sha256, { received, updatedAt: new Date().toISOString() });
  }

  /** The server holds the file: the bytes leave the device. */
  async markUploaded(sha256: string): Promise<void> {
    const row = await this.db.attachments.get(sha256);
    if (!row) return;
    await this.db.attachments.update(sha256, {
      state: 'uploaded',
      data: null,
      received: row.size,
      error: null,
      updatedAt: new Date().toISOString(),
    });
  }

  async markRefused(sha256: string, error: AttachmentError): Promise<void> {
    await this.db.attachments.update(sha256, { state: 'refused', error, updatedAt: new Date().toISOString() });
  }

  // --- answers to integration requests being written ------------------------------------

  async getAnswerDraft(dossierId: string): Promise<AnswerDraft | undefined> {
    const row = await this.db.answerDrafts.get(dossierId);
    return row ? this.cipher.openAnswerDraft(row) : undefined;
  }

  async saveAnswerDraft(draft: Omit<AnswerDraft, 'updatedAt'>): Promise<void> {
    const plain: AnswerDraft = { dossierId: draft.dossierId, message: draft.message, files: draft.files.map((f) => ({ ...f })), updatedAt: new Date().toISOString() };
    await this.db.answerDrafts.put(await this.cipher.sealAnswerDraft(plain));
  }

  async deleteAnswerDraft(dossierId: string): Promise<void> {
    await this.db.answerDrafts.delete(dossierId);
  }

  /** Live rows for the given files (all files when omitted). */
  watch(sha256s: readonly string[] | null, onValue: (rows: StoredAttachment[]) => void, onError?: (e: unknown) => void): () => void {
    return this.watchRows(() => this.listRows(sha256s), onValue, onError);
  }

  /** Live stored rows, opened outside the query; an older result never overwrites a newer one. */
  private watchRows(query: () => Promise<AttachmentRow[]>, onValue: (rows: StoredAttachment[]) => void, onError?: (e: unknown) => void): () => void {
    const fail = onError ?? ((e: unknown) => console.error(e));
    let latest = 0;
    let stopped = false;
    const subscription = liveQuery(query).subscribe({
      next: (rows) => {
        const mine = ++latest;
        this.cipher.openAll(rows, this.cipher.openAttachment).then(
          (opened) => {
            if (!stopped && mine === latest) onValue(opened);
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
      subscription.unsubscribe();
    };
  }
}
