/**
 * Spending (issue 4 §6) and the sensitive case-work sections (§7): budget lines with
 * their yearly allocations, the economic benefits decided at admission, the payments
 * made against them, case notes and the care plan (progetto individualizzato).
 *
 * Money is integer cents in INTEGER columns, never REAL. Benefits and payments carry the
 * keys the reports group by (office, circoscrizione, service, SIUSS code, budget line,
 * year, dates) as real indexed columns, copied at decision time so a report is one scan.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey, check } from 'drizzle-orm/sqlite-core';
import { dossiers, users } from './schema.ts';

/** A capitolo di spesa of the city's budget. */
export const budgetLines = sqliteTable(
  'budget_lines',
  {
    id: text('id').primaryKey(),
    /** The capitolo's code in the city's budget, e.g. "12041.04.0001". */
    code: text('code').notNull(),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('budget_lines_code_uq').on(t.code)],
);

/** The amount a budget line may commit in one year. */
export const budgetAllocations = sqliteTable(
  'budget_allocations',
  {
    budgetLineId: text('budget_line_id')
      .notNull()
      .references(() => budgetLines.id),
    year: integer('year').notNull(),
    allocationCents: integer('allocation_cents').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.budgetLineId, t.year] }), check('budget_allocations_cents_ck', sql`${t.allocationCents} >= 0`)],
);

/**
 * An economic benefit, recorded in the transaction that admits the dossier: a monthly
 * amount for a number of months within one year, committed on a budget line.
 */
export const benefits = sqliteTable(
  'benefits',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    serviceCode: text('service_code').notNull(),
    /** The service's SIUSS code (DM 206/2014), kept on the benefit for the SIUSS totals. */
    siuss: text('siuss'),
    officeId: text('office_id').notNull(),
    circoscrizione: integer('circoscrizione').notNull(),
    budgetLineId: text('budget_line_id')
      .notNull()
      .references(() => budgetLines.id),
    /** The budget year the benefit is committed on: the year of its period. */
    year: integer('year').notNull(),
    monthlyCents: integer('monthly_cents').notNull(),
    months: integer('months').notNull(),
    /** YYYY-MM, first and last month of the period. */
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    /** monthly x months: the commitment. */
    amountCents: integer('amount_cents').notNull(),
    /** Sum of the payments, kept in the payment's transaction. */
    paidCents: integer('paid_cents').notNull().default(0),
    /**
     * The unpaid part given back to the line when the dossier is revoked: from then the
     * benefit commits amount - released (= what was paid) and is no longer payable.
     */
    releasedCents: integer('released_cents').notNull().default(0),
    releasedAt: text('released_at'),
    decidedBy: text('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: text('decided_at').notNull(),
    /** The decision's day in Europe/Rome (YYYY-MM-DD): reports group by its month. */
    decidedOn: text('decided_on').notNull(),
    /** Set only when the commitment went over the line's remaining allocation. */
    overrideReason: text('override_reason'),
    overriddenBy: text('overridden_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('benefits_dossier_uq').on(t.dossierId),
    // Covering: a line's committed total for a year is read from the index alone.
    index('benefits_line_year_idx').on(t.budgetLineId, t.year, t.amountCents, t.releasedCents),
    index('benefits_office_decided_idx').on(t.officeId, t.decidedOn),
    index('benefits_year_service_idx').on(t.year, t.serviceCode),
    // The Ragioneria's list of benefits still to pay, in decision order: only those rows.
    index('benefits_to_pay_idx')
      .on(t.year, t.decidedOn, t.id)
      .where(sql`${t.paidCents} < ${t.amountCents} AND ${t.releasedAt} IS NULL`),
    check('benefits_amount_ck', sql`${t.amountCents} > 0 AND ${t.amountCents} = ${t.monthlyCents} * ${t.months}`),
    check('benefits_paid_ck', sql`${t.paidCents} >= 0 AND ${t.paidCents} <= ${t.amountCents}`),
  ],
);

/** A payment (mandato di pagamento) against a benefit, recorded by accounts. */
export const payments = sqliteTable(
  'payments',
  {
    /** Chosen by the client, so a retried request is recognised rather than paid twice. */
    id: text('id').primaryKey(),
    benefitId: text('benefit_id')
      .notNull()
      .references(() => benefits.id),
    dossierId: text('dossier_id').notNull(),
    budgetLineId: text('budget_line_id').notNull(),
    year: integer('year').notNull(),
    officeId: text('office_id').notNull(),
    circoscrizione: integer('circoscrizione').notNull(),
    serviceCode: text('service_code').notNull(),
    siuss: text('siuss'),
    amountCents: integer('amount_cents').notNull(),
    /** The value date of the payment, YYYY-MM-DD. */
    paidOn: text('paid_on').notNull(),
    /** E.g. the number of the mandato di pagamento. */
    reference: text('reference').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [
    index('payments_benefit_idx').on(t.benefitId),
    // Covering: a line's paid total for a year is read from the index alone.
    index('payments_line_year_idx').on(t.budgetLineId, t.year, t.amountCents),
    index('payments_office_paid_idx').on(t.officeId, t.paidOn),
    index('payments_paid_on_idx').on(t.paidOn),
    check('payments_amount_ck', sql`${t.amountCents} > 0`),
  ],
);

/**
 * A case officer's proposal of the benefit (DOMAIN.md: the case officer proposes a
 * decision, the head of procedure signs it): amount, period and budget line, before
 * admission. Nothing is committed by a proposal. Every proposal is kept; the latest is
 * the one the head finds written in the admission form. Append-only: the repository has
 * no update or delete.
 */
export const benefitProposals = sqliteTable(
  'benefit_proposals',
  {
    /** Chosen by the client, so a retried request is recognised. */
    id: text('id').primaryKey(),
    dossierId: text('dossier_id').notNull(),
    budgetLineId: text('budget_line_id')
      .notNull()
      .references(() => budgetLines.id),
    year: integer('year').notNull(),
    monthlyCents: integer('monthly_cents').notNull(),
    months: integer('months').notNull(),
    fromMonth: text('from_month').notNull(),
    totalCents: integer('total_cents').notNull(),
    proposedBy: text('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: text('proposed_at').notNull(),
  },
  (t) => [
    index('benefit_proposals_dossier_idx').on(t.dossierId, t.proposedAt),
    check('benefit_proposals_amount_ck', sql`${t.monthlyCents} > 0 AND ${t.months} > 0 AND ${t.totalCents} > 0`),
  ],
);

/** Case notes: append-only (a correction is a new note); triggers refuse UPDATE and DELETE. */
export const caseNotes = sqliteTable(
  'case_notes',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('case_notes_dossier_idx').on(t.dossierId, t.createdAt)],
);

/** The care plan (progetto individualizzato): every saved version is kept; the highest is current. */
export const carePlanVersions = sqliteTable(
  'care_plan_versions',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    version: integer('version').notNull(),
    objectives: text('objectives').notNull(),
    interventions: text('interventions').notNull(),
    /** When the plan is to be reviewed, YYYY-MM-DD. */
    reviewOn: text('review_on'),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('care_plan_versions_uq').on(t.dossierId, t.version)],
);
