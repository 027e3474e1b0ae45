/**
 * Reports and statistics (issue 5 §8): pre-aggregated tables kept in step with the status
 * events, in the same transaction (services/stats-keeper.ts), so dashboard queries read a
 * few thousand small rows through covering indexes instead of a million dossiers.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per dossier: what it currently adds to the aggregates below. When its events
 * change, the keeper subtracts the old row's contribution and adds the new one.
 */
export const statsDossiers = sqliteTable('stats_dossiers', {
  /** dossiers.id (derived data: no foreign key, so the schema files stay independent). */
  dossierId: text('dossier_id').primaryKey(),
  officeId: text('office_id').notNull(),
  serviceCode: text('service_code').notNull(),
  circoscrizione: integer('circoscrizione').notNull(),
  receivedOn: text('received_on').notNull(),
  protocolledOn: text('protocolled_on'),
  closedOn: text('closed_on'),
  /** 'decided' | 'withdrawn' | null while open. */
  outcome: text('outcome'),
  servedOn: text('served_on'),
  toProtocolDays: integer('to_protocol_days'),
  toDecisionDays: integer('to_decision_days'),
  toServiceDays: integer('to_service_days'),
  requestToDecisionDays: integer('request_to_decision_days'),
  /** 1 decided within the legal term, 0 late, null with no decision or no term. */
  withinTerm: integer('within_term'),
});

/** Volumes by month (YYYY-MM) × office × service × circoscrizione. */
export const statsMonthly = sqliteTable(
  'stats_monthly',
  {
    month: text('month').notNull(),
    officeId: text('office_id').notNull(),
    serviceCode: text('service_code').notNull(),
    circoscrizione: integer('circoscrizione').notNull(),
    /** Requests received in the month. */
    received: integer('received').notNull().default(0),
    /** Decisions taken in the month. */
    decided: integer('decided').notNull().default(0),
    /** Decisions of the month with a legal term (protocolled): the share's denominator. */
    decidedWithTerm: integer('decided_with_term').notNull().default(0),
    decidedInTerm: integer('decided_in_term').notNull().default(0),
    withdrawn: integer('withdrawn').notNull().default(0),
    /** Services started in the month (benefits provided, SIUSS-coded through the service). */
    served: integer('served').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.officeId, t.serviceCode, t.circoscrizione] }),
    index('stats_monthly_office_idx').on(t.officeId, t.month),
  ],
);

/**
 * Service times as histograms: measure × month (when the measure ended) × office ×
 * service × circoscrizione × days → how many. Median and p90 are exact in days.
 */
export const statsDurations = sqliteTable(
  'stats_durations',
  {
    measure: text('measure').notNull(),
    month: text('month').notNull(),
    officeId: text('office_id').notNull(),
    serviceCode: text('service_code').notNull(),
    circoscrizione: integer('circoscrizione').notNull(),
    days: integer('days').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.measure, t.month, t.officeId, t.serviceCode, t.circoscrizione, t.days] }),
    // Covering: citywide by measure and period, and one office's.
    index('stats_durations_city_idx').on(t.measure, t.month, t.serviceCode, t.circoscrizione, t.days, t.n),
    index('stats_durations_office_idx').on(t.officeId, t.measure, t.month, t.serviceCode, t.circoscrizione, t.days, t.n),
    // One office and one service; one circoscrizione: each walks only its own rows.
    index('stats_durations_office_service_idx').on(t.officeId, t.measure, t.serviceCode, t.month, t.circoscrizione, t.days, t.n),
    index('stats_durations_circ_idx').on(t.circoscrizione, t.measure, t.month, t.serviceCode, t.officeId, t.days, t.n),
  ],
);

/** Open dossiers (no decision, no withdrawal) by the day they were received: the backlog and its age. */
export const statsOpen = sqliteTable(
  'stats_open',
  {
    officeId: text('office_id').notNull(),
    serviceCode: text('service_code').notNull(),
    circoscrizione: integer('circoscrizione').notNull(),
    receivedOn: text('received_on').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.serviceCode, t.circoscrizione, t.receivedOn] }),
    index('stats_open_city_idx').on(t.receivedOn, t.serviceCode, t.circoscrizione, t.officeId, t.n),
    index('stats_open_circ_idx').on(t.circoscrizione, t.serviceCode, t.officeId, t.receivedOn, t.n),
  ],
);

/*
 * Roll-ups of the histograms and of the backlog, kept with them by the same statements'
 * caller (the stats keeper), so a dashboard reads the coarsest table its filter allows:
 * a city without filters reads months × days, not months × offices × services × days.
 */

/** Durations by office (dashboards of one office, or all, without service or circoscrizione filter). */
export const statsDurationsOffice = sqliteTable(
  'stats_durations_office',
  {
    officeId: text('office_id').notNull(),
    measure: text('measure').notNull(),
    month: text('month').notNull(),
    days: integer('days').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.measure, t.month, t.days] }),
    index('stats_durations_office_cover_idx').on(t.officeId, t.measure, t.month, t.days, t.n),
  ],
);

/** Durations by service, citywide (Trasparenza; a service filter without office or circoscrizione). */
export const statsDurationsService = sqliteTable(
  'stats_durations_service',
  {
    measure: text('measure').notNull(),
    month: text('month').notNull(),
    serviceCode: text('service_code').notNull(),
    days: integer('days').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.measure, t.month, t.serviceCode, t.days] }),
    index('stats_durations_service_cover_idx').on(t.measure, t.month, t.serviceCode, t.days, t.n),
  ],
);

/** Durations of the whole city (no filter but the period). */
export const statsDurationsCity = sqliteTable(
  'stats_durations_city',
  {
    measure: text('measure').notNull(),
    month: text('month').notNull(),
    days: integer('days').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.measure, t.month, t.days] }), index('stats_durations_city_cover_idx').on(t.measure, t.month, t.days, t.n)],
);

/** The backlog by office and day received (no service or circoscrizione filter). */
export const statsOpenOffice = sqliteTable(
  'stats_open_office',
  {
    officeId: text('office_id').notNull(),
    receivedOn: text('received_on').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.receivedOn] }), index('stats_open_office_cover_idx').on(t.officeId, t.receivedOn, t.n)],
);
