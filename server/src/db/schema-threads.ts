/**
 * Internal communications between offices (issue 4 §5). Server only: nothing here goes
 * into a device pull, because a thread may carry sensitive free text. Staff read and write
 * it online through the `threads` router; SSE pokes tell their screens to refresh.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { dossiers, offices, users } from './schema.ts';

/**
 * A formal request from one office to another about a dossier: a question (e.g. to the
 * Ragioneria, or to another circoscrizione) or the transmission of the dossier itself (a
 * handover: the dossier moves to `to_office_id` when the request is made).
 *
 * Every timestamp is stored (ISO 8601, UTC). Reports read these columns directly:
 * - `requested_at`: when the request was sent;
 * - `acknowledged_at` / `acknowledged_by`: when the receiving office took it in charge;
 * - `answered_at` / `answered_by` / `answer`: the receiving office's written answer;
 * - `first_answer_at`: the receiving office's first answer. For a question it is the
 *   written answer; for a transmission it is the acknowledgement by the receiving head of
 *   procedure (what a transmission asks for is taking charge, not information);
 * - `first_answer_seconds`: `first_answer_at - requested_at` in whole seconds, stored
 *   once when the first answer happens ("time to first answer", by month of requested_at);
 * - `answered_by_office`: the office that gave the first answer (the receiving office).
 */
export const internalRequests = sqliteTable(
  'internal_requests',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    /** 'question' | 'transmission' */
    kind: text('kind', { enum: ['question', 'transmission'] }).notNull(),
    fromOfficeId: text('from_office_id')
      .notNull()
      .references(() => offices.id),
    toOfficeId: text('to_office_id')
      .notNull()
      .references(() => offices.id),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: text('requested_at').notNull(),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by').references(() => users.id),
    answeredAt: text('answered_at'),
    answeredBy: text('answered_by').references(() => users.id),
    answer: text('answer'),
    firstAnswerAt: text('first_answer_at'),
    firstAnswerSeconds: integer('first_answer_seconds'),
    answeredByOffice: text('answered_by_office').references(() => offices.id),
  },
  (t) => [
    index('internal_requests_to_idx').on(t.toOfficeId, t.requestedAt),
    index('internal_requests_from_idx').on(t.fromOfficeId, t.requestedAt),
    index('internal_requests_dossier_idx').on(t.dossierId, t.requestedAt),
    // Reports: time to first answer by month.
    index('internal_requests_requested_idx').on(t.requestedAt),
    // The inbox lists every request still waiting for its first answer, whatever its age.
    index('internal_requests_to_open_idx').on(t.toOfficeId, t.requestedAt).where(sql`first_answer_at IS NULL`),
    index('internal_requests_from_open_idx').on(t.fromOfficeId, t.requestedAt).where(sql`first_answer_at IS NULL`),
  ],
);

/**
 * The dossier's internal thread: one row per entry, in order. A note of the dossier's
 * office has no request; entries of a request (the request itself, its acknowledgement,
 * its answer, and follow-up notes) carry `request_id`, and are what the other office of
 * that request may see. The integer id orders the thread and backs the read markers.
 */
export const threadMessages = sqliteTable(
  'thread_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    requestId: text('request_id').references(() => internalRequests.id),
    /** 'note' | 'question' | 'transmission' | 'acknowledgement' | 'answer' */
    kind: text('kind', { enum: ['note', 'question', 'transmission', 'acknowledgement', 'answer'] }).notNull(),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    authorOfficeId: text('author_office_id')
      .notNull()
      .references(() => offices.id),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('thread_messages_dossier_idx').on(t.dossierId, t.id), index('thread_messages_request_idx').on(t.requestId, t.id)],
);

/** Per user and dossier: the last thread entry the user has seen (unread counts). */
export const threadReads = sqliteTable(
  'thread_reads',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    lastReadId: integer('last_read_id').notNull(),
    readAt: text('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.dossierId] })],
);

/**
 * Per user and dossier: how many thread entries the user may see and has not seen. Kept
 * by the threads service when an entry is written (one row per colleague of the offices
 * concerned) and when the user reads, so the header's count is one indexed sum whatever
 * the size of the city. A row is removed when its count reaches zero.
 */
export const threadUnread = sqliteTable(
  'thread_unread',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    unread: integer('unread').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.dossierId] })],
);
