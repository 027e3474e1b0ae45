/**
 * One IndexedDB database per user id, so a second user on a shared device opens a
 * different database and never reads the first one's records (QUALITY §3, I5).
 * Every transaction is committed with durability 'strict': the outbox and the drafts
 * must survive a power cut, and a pulled page is one transaction, so the extra flush is
 * paid once per page, not per row.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { OutboxEntry } from '@icaro/sync';
import type { StoredAttachment } from './attachment-store.ts';
import type { Sealed } from './crypto.ts';

/**
 * How the data key is kept (docs/security.md, "Device data"): wrapped under a key derived
 * from the user's password, or (citizens, who have no password) a non-extractable key
 * stored as such.
 */
export type KeyringRow =
  | { key: 'keyring'; kind: 'password'; salt: Uint8Array<ArrayBuffer>; iterations: number; wrapped: Sealed; createdAt: string }
  | { key: 'keyring'; kind: 'device'; dataKey: CryptoKey; createdAt: string };

/** Sync bookkeeping. The seq counter has its own row so it never moves backwards. */
export type MetaRow =
  | { key: 'sync'; clientId: string; cursor: number | null; lastSyncAt: string | null }
  | { key: 'seq'; next: number }
  /** A citizen's own and household facts (myRequests.people), for filing offline: sealed. */
  | { key: 'people'; sealed: Sealed; fetchedAt: string }
  | KeyringRow
  /** Wrong passwords on the unlock screen, so a reload does not reset the wait. */
  | { key: 'unlockFailures'; count: number; blockedUntil: number };

/*
 * Stored rows: only what Dexie indexes (and the sync bookkeeping the engine updates in
 * place) stays in clear; the record itself is in `sealed` (crypto.ts). The list of clear
 * fields is in docs/security.md.
 */
export type OutboxRow = Pick<OutboxEntry, 'id' | 'seq' | 'status' | 'attempts' | 'refusal'> & { sealed: Sealed };
export interface DossierRow {
  id: string;
  status: string;
  updatedAt: string;
  sealed: Sealed;
}
export interface NeedsReportRow {
  id: string;
  receivedAt: string;
  sealed: Sealed;
}
export interface DraftRow {
  id: string;
  updatedAt: string;
  sealed: Sealed;
}
/** The file's name is sealed with the record, its bytes apart (`data`, null once uploaded). */
export type AttachmentRow = Omit<StoredAttachment, 'name' | 'blob'> & { sealed: Sealed; data: Sealed | null };
export interface AnswerDraftRow {
  dossierId: string;
  sealed: Sealed;
}

export type UserDatabase = Dexie & {
  // A plain Table: EntityTable's insert type does not spread over a union of row shapes.
  meta: Table<MetaRow, string>;
  outbox: EntityTable<OutboxRow, 'seq'>;
  dossiers: EntityTable<DossierRow, 'id'>;
  drafts: EntityTable<DraftRow, 'id'>;
  needsReports: EntityTable<NeedsReportRow, 'id'>;
  attachments: EntityTable<AttachmentRow, 'sha256'>;
  answerDrafts: EntityTable<AnswerDraftRow, 'dossierId'>;
};

export function userDatabaseName(userId: string): string {
  // Ids are server-made; keep the name printable whatever they look like.
  return `icaro-u-${encodeURIComponent(userId)}`;
}

export function openUserDatabase(userId: string): UserDatabase {
  const db = new Dexie(userDatabaseName(userId), { chromeTransactionDurability: 'strict' }) as UserDatabase;
  db.version(1).stores({
    meta: 'key',
    // seq is the primary key: listing in key order is listing in push order.
    outbox: 'seq, &id, status',
    dossiers: 'id, status, updatedAt',
    drafts: 'id, updatedAt',
  });
  // Needs reports (issue 6): pulled like dossiers, for the association that filed them and
  // the staff of their circoscrizione.
  db.version(2).stores({ needsReports: 'id, receivedAt' });
  // Attachments (issue 3 §3): files kept until the server has them, keyed by SHA-256.
  db.version(3).stores({ attachments: 'sha256, state' });
  // The answer to an integration request being written, one per dossier (issue 3 §4).
  db.version(4).stores({ answerDrafts: 'dossierId' });
  // Encryption at rest: same indexes, records sealed. Rows written in clear by version 4
  // are sealed at the first unlock (records.ts, sealLegacyRows): the upgrade itself
  // cannot encrypt, WebCrypto would let its transaction commit. The bump keeps an older
  // app still open in another tab from writing clear rows into this database.
  db.version(5).stores({});
  return db;
}
