/**
 * The albo of professionals (issue 6 §2) and mediators on dossiers. One row per
 * professional (per codice fiscale): the application, its review and, once approved, the
 * listing with its expiry. A renewal or a new application after a rejection reuses the row.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { dossiers, persons, users } from './schema.ts';

export const professionals = sqliteTable(
  'professionals',
  {
    id: text('id').primaryKey(),
    /** pending | info_requested | listed | rejected | delisted (ALBO_STATUSES). */
    status: text('status').notNull(),
    codiceFiscale: text('codice_fiscale').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone').notNull(),
    qualification: text('qualification').notNull(),
    professionalOrder: text('professional_order').notNull(),
    registrationNumber: text('registration_number').notNull(),
    description: text('description').notNull().default(''),
    /** JSON arrays, read whole and filtered in memory (a few hundred rows at most). */
    userAreas: text('user_areas').notNull(),
    languages: text('languages').notNull(),
    circoscrizioni: text('circoscrizioni').notNull(),
    associationIds: text('association_ids').notNull(),
    /** JSON array of ALBO_PUBLISHABLE fields the professional agreed to publish. */
    publish: text('publish').notNull(),
    /** SHA-256 of the applicant's follow-up code (shown once): the status page and answers. */
    accessCodeHash: text('access_code_hash').notNull(),
    submittedAt: text('submitted_at').notNull(),
    /** The office's last message to the applicant: the reason of a rejection, or what is missing. */
    reviewNote: text('review_note'),
    reviewedAt: text('reviewed_at'),
    reviewedBy: text('reviewed_by').references(() => users.id),
    /** The applicant's latest answer to a request for more. */
    applicantNote: text('applicant_note'),
    /** A renewal asked for by a listed professional, waiting for review. */
    renewalRequestedAt: text('renewal_requested_at'),
    listedAt: text('listed_at'),
    /** The listing's last day (YYYY-MM-DD, Palermo); null until approved. */
    expiresOn: text('expires_on'),
    /** The expiry date a reminder was last sent for: one reminder per listing period. */
    remindedFor: text('reminded_for'),
    delistedAt: text('delisted_at'),
    /** The account made on approval (role professional). */
    userId: text('user_id').references(() => users.id),
    personId: text('person_id').references(() => persons.id),
  },
  (t) => [uniqueIndex('professionals_cf_uq').on(t.codiceFiscale), index('professionals_status_idx').on(t.status, t.expiresOn)],
);

/** Every step of an application, for the office and the applicant (the audit trail has them too). */
export const professionalEvents = sqliteTable(
  'professional_events',
  {
    id: text('id').primaryKey(),
    professionalId: text('professional_id')
      .notNull()
      .references(() => professionals.id),
    at: text('at').notNull(),
    /** submitted | info_requested | answered | approved | rejected | renewal_requested | renewed | reminded | delisted */
    kind: text('kind').notNull(),
    actorId: text('actor_id'),
    note: text('note'),
  },
  (t) => [index('professional_events_idx').on(t.professionalId, t.at)],
);

/** The documents behind an application: uploads named by their SHA-256 (issue 3 §3). */
export const professionalDocuments = sqliteTable(
  'professional_documents',
  {
    id: text('id').primaryKey(),
    professionalId: text('professional_id')
      .notNull()
      .references(() => professionals.id),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    addedAt: text('added_at').notNull(),
  },
  (t) => [index('professional_documents_idx').on(t.professionalId)],
);

/**
 * A listed professional added to a dossier as a mediator, with a stated purpose. Removal
 * (or the listing lapsing) sets removed_at: the row stays, so the change log can still
 * tell that professional's device to delete the dossier.
 */
export const dossierMediators = sqliteTable(
  'dossier_mediators',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    professionalId: text('professional_id')
      .notNull()
      .references(() => professionals.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').notNull(),
    /** The officer let this mediator see the sensitive answers (audited). */
    sensitiveGranted: integer('sensitive_granted', { mode: 'boolean' }).notNull().default(false),
    addedBy: text('added_by')
      .notNull()
      .references(() => users.id),
    addedAt: text('added_at').notNull(),
    removedAt: text('removed_at'),
    removedBy: text('removed_by'),
  },
  (t) => [index('dossier_mediators_user_idx').on(t.userId, t.removedAt), index('dossier_mediators_dossier_idx').on(t.dossierId, t.removedAt)],
);
