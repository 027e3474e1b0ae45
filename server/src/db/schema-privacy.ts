/**
 * The data subject's rights (GDPR arts. 15-20, QUALITY.md §2 "GDPR"): requests received,
 * append-only corrections of a person's data, and the record of what was erased.
 * Never holds more personal data than the corrections themselves (which erasure removes).
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { persons, users } from './schema.ts';

/**
 * A written request from a data subject, handled by the city's data protection officer:
 * access/export (art. 15, 20), rectification (art. 16) or erasure (art. 17), and how it ended.
 */
export const privacyRequests = sqliteTable(
  'privacy_requests',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    /** 'access' | 'rectification' | 'erasure' */
    kind: text('kind').notNull(),
    /** The day the written request was received (Europe/Rome date). */
    receivedOn: text('received_on').notNull(),
    /** 'exported' | 'rectified' | 'refused' | 'erased' */
    outcome: text('outcome').notNull(),
    /** Erasure refused: the legal basis codes (JSON array) and the first day it can be done (null: a procedure is open). */
    basis: text('basis'),
    retainUntil: text('retain_until'),
    handledBy: text('handled_by')
      .notNull()
      .references(() => users.id),
    handledAt: text('handled_at').notNull(),
  },
  (t) => [index('privacy_requests_person_idx').on(t.personId, t.handledAt), index('privacy_requests_handled_idx').on(t.handledAt)],
);

/**
 * Rectification (art. 16) as an append-only correction: the person's record takes the new
 * value in the same transaction, and this row keeps who, when, which field, the old and the
 * new value, why and on which document. Triggers refuse UPDATE and DELETE, except inside the
 * erasure of the same person (privacy_erasure_gate).
 */
export const personCorrections = sqliteTable(
  'person_corrections',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    reason: text('reason').notNull(),
    /** The document the correction rests on (e.g. "carta d'identità AB1234567"). */
    sourceDocument: text('source_document').notNull(),
    requestId: text('request_id').references(() => privacyRequests.id),
    correctedBy: text('corrected_by')
      .notNull()
      .references(() => users.id),
    correctedAt: text('corrected_at').notNull(),
  },
  (t) => [index('person_corrections_person_idx').on(t.personId, t.correctedAt)],
);

/**
 * What was erased, by id only: a dossier whose retention ended (its content anonymised) or
 * a whole person. Makes the purge idempotent and tells staff the record is gone on purpose.
 */
export const privacyErasures = sqliteTable(
  'privacy_erasures',
  {
    id: text('id').primaryKey(),
    /** 'dossier' | 'person' */
    kind: text('kind').notNull(),
    subjectId: text('subject_id').notNull(),
    requestId: text('request_id').references(() => privacyRequests.id),
    /** A user id, or 'retention-purge' for the scheduled job. */
    doneBy: text('done_by').notNull(),
    doneAt: text('done_at').notNull(),
    files: integer('files').notNull().default(0),
  },
  (t) => [uniqueIndex('privacy_erasures_subject_uq').on(t.kind, t.subjectId)],
);

/**
 * Open only inside an erasure's transaction: while a person's id is here, the append-only
 * triggers of their corrections, registry history, case notes and care plans let the erasure
 * delete those rows. Empty at every commit.
 */
export const privacyErasureGate = sqliteTable('privacy_erasure_gate', {
  personId: text('person_id').primaryKey(),
});
