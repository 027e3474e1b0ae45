/**
 * Attachments (issue 3 §3) and answers to integration requests (issue 3 §4).
 *
 * Files travel apart from records: a dossier may name an attachment (dossier_attachments)
 * before its bytes have arrived, and is shown "in arrivo" until they do. The bytes live
 * on disk under DATA_DIR/attachments/<aa>/<sha256>; these tables hold what is known about
 * them.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { dossiers, users } from './schema.ts';

/** One row per stored file, keyed by the SHA-256 of its bytes (checked by the server). */
export const attachments = sqliteTable('attachments', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  /** Detected from the magic bytes: application/pdf, image/jpeg or image/png. */
  mime: text('mime').notNull(),
  /** The first user who uploaded it. */
  uploadedBy: text('uploaded_by')
    .notNull()
    .references(() => users.id),
  createdAt: text('created_at').notNull(),
});

/**
 * Who has uploaded each file (all of its bytes). A link from a dossier opens the file to
 * the dossier's readers only when the user who made the link uploaded it: knowing a
 * hash is not enough to reach someone else's document.
 */
export const attachmentUploads = sqliteTable(
  'attachment_uploads',
  {
    sha256: text('sha256')
      .notNull()
      .references(() => attachments.sha256),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.userId] }), index('attachment_uploads_user_idx').on(t.userId)],
);

/** The applicant's answer to an integration request: a message and documents. */
export const dossierAnswers = sqliteTable(
  'dossier_answers',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    message: text('message').notNull(),
    /** When the device recorded the answer. */
    answeredAt: text('answered_at').notNull(),
    /** When the server received it: the clock runs again from here. */
    receivedAt: text('received_at').notNull(),
  },
  (t) => [index('dossier_answers_dossier_idx').on(t.dossierId, t.receivedAt)],
);

/** A document named by a dossier, with the request or with an answer. No FK to attachments: the file may arrive later. */
export const dossierAttachments = sqliteTable(
  'dossier_attachments',
  {
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    sha256: text('sha256').notNull(),
    /** The file name shown to staff (cleaned on the device and again on the server). */
    name: text('name').notNull(),
    /** Which of the service's required documents it is, as the catalogue words it. */
    documentKind: text('document_kind'),
    /** Set when the document came with the answer to an integration request. */
    answerId: text('answer_id').references(() => dossierAnswers.id),
    addedBy: text('added_by')
      .notNull()
      .references(() => users.id),
    addedAt: text('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.sha256] }), index('dossier_attachments_sha_idx').on(t.sha256)],
);
