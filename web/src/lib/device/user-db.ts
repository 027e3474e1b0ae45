/**
 * One IndexedDB database per user id, so a second user on a shared device opens a
 * different database and never reads the first one's records (QUALITY §3, I5).
 * Every transaction is committed with durability 'strict': the outbox and the drafts
 * must survive a power cut, and a pulled page is one transaction, so the extra flush is
 * paid once per page, not per row.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { DossierView, NeedsReportView, OutboxEntry } from '@icaro/sync';
import type { CitizenPeople, Draft } from './draft-types.ts';
import type { AnswerDraft, StoredAttachment } from './attachment-store.ts';

/** Sync bookkeeping. The seq counter has its own row so it never moves backwards. */
export type MetaRow =
  | { key: 'sync'; clientId: string; cursor: number | null; lastSyncAt: string | null }
  | { key: 'seq'; next: number }
  /** A citizen's own and household facts (myRequests.people), for filing offline. */
  | { key: 'people'; people: CitizenPeople; fetchedAt: string };

export type UserDatabase = Dexie & {
  // A plain Table: EntityTable's insert type does not spread over a union of row shapes.
  meta: Table<MetaRow, string>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  dossiers: EntityTable<DossierView, 'id'>;
  drafts: EntityTable<Draft, 'id'>;
  needsReports: EntityTable<NeedsReportView, 'id'>;
  attachments: EntityTable<StoredAttachment, 'sha256'>;
  answerDrafts: EntityTable<AnswerDraft, 'dossierId'>;
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
  return db;
}
