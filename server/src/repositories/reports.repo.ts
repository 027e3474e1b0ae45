/**
 * The SQL of reports (issue 5): the pre-aggregated statistics tables, written by the
 * stats keeper in the transaction of each status change and read by the dashboards.
 * Reads touch only the covering indexes of the small aggregate tables, never dossiers.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import type { statsDossiers } from '../db/schema.ts';

export type StatsDossierRow = typeof statsDossiers.$inferSelect;

export interface MonthlyKey {
  month: string;
  officeId: string;
  serviceCode: string;
  circoscrizione: number;
}

export type MonthlyColumn = 'received' | 'decided' | 'decided_with_term' | 'decided_in_term' | 'withdrawn' | 'served';
export const MONTHLY_COLUMNS: readonly MonthlyColumn[] = [
  'received',
  'decided',
  'decided_with_term',
  'decided_in_term',
  'withdrawn',
  'served',
];

/** What every dashboard query is narrowed by: a period in months, and optional keys. */
export interface StatsFilter {
  /** YYYY-MM, inclusive. */
  fromMonth: string;
  toMonth: string;
  officeId?: string | null;
  serviceCode?: string | null;
  circoscrizione?: number | null;
}

export interface MonthlyTotals {
  month: string;
  serviceCode: string;
  received: number;
  decided: number;
  decidedWithTerm: number;
  decidedInTerm: number;
  withdrawn: number;
  served: number;
}

function where(filter: StatsFilter, monthColumn: string | null): { clause: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.officeId) {
    parts.push('office_id = ?');
    params.push(filter.officeId);
  }
  if (monthColumn) {
    parts.push(`${monthColumn} between ? and ?`);
    params.push(filter.fromMonth, filter.toMonth);
  }
  if (filter.serviceCode) {
    parts.push('service_code = ?');
    params.push(filter.serviceCode);
  }
  if (filter.circoscrizione != null) {
    parts.push('circoscrizione = ?');
    params.push(filter.circoscrizione);
  }
  return { clause: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

export interface SpendingRow {
  lineId: string;
  serviceCode: string;
  circoscrizione: number;
  month: string;
  cents: number;
  n: number;
}

export interface AllocationRow {
  lineId: string;
  code: string;
  name: string;
  year: number;
  cents: number;
}

export function createReportsRepo(db: Db) {
  const sqlite = db.$client;
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = sqlite.prepare(sql)));
    return s;
  };
  const rawCache = new Map<string, Database.Statement>();
  /** Rows as arrays: no object per row on the hot reads. */
  const raw = (sql: string) => {
    let s = rawCache.get(sql);
    if (!s) rawCache.set(sql, (s = sqlite.prepare(sql).raw(true)));
    return s;
  };

  const factsOf = sqlite.prepare('select * from stats_dossiers where dossier_id = ?');
  const putFacts = sqlite.prepare(
    `insert or replace into stats_dossiers (dossier_id, office_id, service_code, circoscrizione, received_on, protocolled_on, closed_on, outcome,
       served_on, to_protocol_days, to_decision_days, to_service_days, request_to_decision_days, within_term)
     values (@dossierId, @officeId, @serviceCode, @circoscrizione, @receivedOn, @protocolledOn, @closedOn, @outcome,
       @servedOn, @toProtocolDays, @toDecisionDays, @toServiceDays, @requestToDecisionDays, @withinTerm)`,
  );
  const addMonthly = new Map(
    MONTHLY_COLUMNS.map((c) => [
      c,
      sqlite.prepare(
        `insert into stats_monthly (month, office_id, service_code, circoscrizione, ${c}) values (?, ?, ?, ?, ?)
         on conflict (month, office_id, service_code, circoscrizione) do update set ${c} = ${c} + excluded.${c}`,
      ),
    ]),
  );
  const addDuration = sqlite.prepare(
    `insert into stats_durations (measure, month, office_id, service_code, circoscrizione, days, n) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (measure, month, office_id, service_code, circoscrizione, days) do update set n = n + excluded.n`,
  );
  const dropEmptyDuration = sqlite.prepare(
    'delete from stats_durations where measure = ? and month = ? and office_id = ? and service_code = ? and circoscrizione = ? and days = ? and n = 0',
  );
  // The roll-ups (schema-reports.ts) move with every change of the fine tables.
  const rollups = [
    [
      sqlite.prepare(
        `insert into stats_durations_office (office_id, measure, month, days, n) values (@officeId, @measure, @month, @days, @delta)
         on conflict (office_id, measure, month, days) do update set n = n + excluded.n`,
      ),
      sqlite.prepare(
        'delete from stats_durations_office where office_id = @officeId and measure = @measure and month = @month and days = @days and n = 0',
      ),
    ],
    [
      sqlite.prepare(
        `insert into stats_durations_service (measure, month, service_code, days, n) values (@measure, @month, @serviceCode, @days, @delta)
         on conflict (measure, month, service_code, days) do update set n = n + excluded.n`,
      ),
      sqlite.prepare(
        'delete from stats_durations_service where measure = @measure and month = @month and service_code = @serviceCode and days = @days and n = 0',
      ),
    ],
    [
      sqlite.prepare(
        `insert into stats_durations_city (measure, month, days, n) values (@measure, @month, @days, @delta)
         on conflict (measure, month, days) do update set n = n + excluded.n`,
      ),
      sqlite.prepare('delete from stats_durations_city where measure = @measure and month = @month and days = @days and n = 0'),
    ],
  ] as const;
  const addOpenOffice = sqlite.prepare(
    `insert into stats_open_office (office_id, received_on, n) values (?, ?, ?)
     on conflict (office_id, received_on) do update set n = n + excluded.n`,
  );
  const dropEmptyOpenOffice = sqlite.prepare('delete from stats_open_office where office_id = ? and received_on = ? and n = 0');
  const dropEmptyOpen = sqlite.prepare(
    'delete from stats_open where office_id = ? and service_code = ? and circoscrizione = ? and received_on = ? and n = 0',
  );
  const addOpen = sqlite.prepare(
    `insert into stats_open (office_id, service_code, circoscrizione, received_on, n) values (?, ?, ?, ?, ?)
     on conflict (office_id, service_code, circoscrizione, received_on) do update set n = n + excluded.n`,
  );
  const missing = sqlite.prepare(
    `select d.id, d.service_code as serviceCode, d.service_version as serviceVersion, d.office_id as officeId, d.circoscrizione
     from dossiers d where d.id > ? and not exists (select 1 from stats_dossiers s where s.dossier_id = d.id) order by d.id limit ?`,
  );
  const countDossiers = sqlite.prepare('select count(*) from dossiers').pluck();
  const countFacts = sqlite.prepare('select count(*) from stats_dossiers').pluck();

  return {
    factsOf(dossierId: string): StatsDossierRow | undefined {
      const r = factsOf.get(dossierId) as Record<string, unknown> | undefined;
      if (!r) return undefined;
      return {
        dossierId: r.dossier_id as string,
        officeId: r.office_id as string,
        serviceCode: r.service_code as string,
        circoscrizione: r.circoscrizione as number,
        receivedOn: r.received_on as string,
        protocolledOn: r.protocolled_on as string | null,
        closedOn: r.closed_on as string | null,
        outcome: r.outcome as string | null,
        servedOn: r.served_on as string | null,
        toProtocolDays: r.to_protocol_days as number | null,
        toDecisionDays: r.to_decision_days as number | null,
        toServiceDays: r.to_service_days as number | null,
        requestToDecisionDays: r.request_to_decision_days as number | null,
        withinTerm: r.within_term as number | null,
      };
    },
    putFacts(row: StatsDossierRow): void {
      putFacts.run(row);
    },
    addMonthly(key: MonthlyKey, column: MonthlyColumn, delta: number): void {
      addMonthly.get(column)!.run(key.month, key.officeId, key.serviceCode, key.circoscrizione, delta);
    },
    addDuration(measure: string, key: MonthlyKey, days: number, delta: number): void {
      addDuration.run(measure, key.month, key.officeId, key.serviceCode, key.circoscrizione, days, delta);
      // Empty bins are removed, so the reads only ever walk bins that hold dossiers.
      if (delta < 0) dropEmptyDuration.run(measure, key.month, key.officeId, key.serviceCode, key.circoscrizione, days);
      const values = { measure, month: key.month, officeId: key.officeId, serviceCode: key.serviceCode, days, delta };
      for (const [add, drop] of rollups) {
        add.run(values);
        if (delta < 0) drop.run(values);
      }
    },
    addOpen(key: Omit<MonthlyKey, 'month'>, receivedOn: string, delta: number): void {
      addOpen.run(key.officeId, key.serviceCode, key.circoscrizione, receivedOn, delta);
      if (delta < 0) dropEmptyOpen.run(key.officeId, key.serviceCode, key.circoscrizione, receivedOn);
      addOpenOffice.run(key.officeId, receivedOn, delta);
      if (delta < 0) dropEmptyOpenOffice.run(key.officeId, receivedOn);
    },
    /** Dossiers with no statistics row yet, in id order after `after`. */
    missing(
      after: string,
      limit: number,
    ): { id: string; serviceCode: string; serviceVersion: number; officeId: string; circoscrizione: number }[] {
      return missing.all(after, limit) as never;
    },
    /** Whether every dossier has its statistics row (two counts: quick even at a million). */
    complete(): boolean {
      return countDossiers.get() === countFacts.get();
    },

    /** Volumes by month and service. */
    monthly(filter: StatsFilter): MonthlyTotals[] {
      const w = where(filter, 'month');
      return prepare(
        `select month, service_code as serviceCode, sum(received) as received, sum(decided) as decided,
           sum(decided_with_term) as decidedWithTerm, sum(decided_in_term) as decidedInTerm, sum(withdrawn) as withdrawn, sum(served) as served
         from stats_monthly ${w.clause} group by month, service_code order by month, service_code`,
      ).all(...w.params) as MonthlyTotals[];
    },
    /**
     * A measure's histogram: days → count, summed here from the covering index's rows
     * (cheaper than SQLite's GROUP BY, which would sort them in a temporary B-tree).
     */
    durations(measure: string, filter: StatsFilter): Map<number, number> {
      const period = [filter.fromMonth, filter.toMonth];
      let rows: [number, number][];
      // The coarsest table the filter allows (the roll-ups hold the same counts, summed).
      if (!filter.serviceCode && filter.circoscrizione == null) {
        rows = filter.officeId
          ? (raw('select days, n from stats_durations_office where office_id = ? and measure = ? and month between ? and ?').all(
              filter.officeId,
              measure,
              ...period,
            ) as [number, number][])
          : (raw('select days, n from stats_durations_city where measure = ? and month between ? and ?').all(measure, ...period) as [
              number,
              number,
            ][]);
      } else if (!filter.officeId && filter.circoscrizione == null) {
        rows = raw('select days, n from stats_durations_service where measure = ? and month between ? and ? and service_code = ?').all(
          measure,
          ...period,
          filter.serviceCode,
        ) as [number, number][];
      } else {
        const w = where(filter, 'month');
        rows = raw(`select days, n from stats_durations ${w.clause} and measure = ?`).all(...w.params, measure) as [number, number][];
      }
      const out = new Map<number, number>();
      for (const [d, n] of rows) out.set(d, (out.get(d) ?? 0) + n);
      return out;
    },
    /** The same by service: service → (days → count). */
    durationsByService(measure: string, filter: StatsFilter): Map<string, Map<number, number>> {
      // Summed in SQL: a year of months makes ten times more rows than (service, days)
      // pairs, and each row handed to JS costs more than SQLite's grouping.
      const plain = !filter.officeId && filter.circoscrizione == null && !filter.serviceCode;
      const w = where(filter, 'month');
      const rows = (
        plain
          ? raw(
              'select service_code, days, sum(n) from stats_durations_service where measure = ? and month between ? and ? group by 1, 2',
            ).all(measure, filter.fromMonth, filter.toMonth)
          : raw(`select service_code, days, sum(n) from stats_durations ${w.clause} and measure = ? group by 1, 2`).all(
              ...w.params,
              measure,
            )
      ) as [string, number, number][];
      const out = new Map<string, Map<number, number>>();
      for (const [code, d, n] of rows) {
        let bins = out.get(code);
        if (!bins) out.set(code, (bins = new Map()));
        bins.set(d, (bins.get(d) ?? 0) + n);
      }
      return out;
    },
    /** The backlog: open dossiers by the day they were received (days with none are left out). */
    open(filter: Omit<StatsFilter, 'fromMonth' | 'toMonth'>): Map<string, number> {
      const w = where({ ...filter, fromMonth: '', toMonth: '' }, null);
      const byOffice = !filter.serviceCode && filter.circoscrizione == null;
      const rows = raw(`select received_on, n from ${byOffice ? 'stats_open_office' : 'stats_open'} ${w.clause}`).all(...w.params) as [
        string,
        number,
      ][];
      const out = new Map<string, number>();
      for (const [day, n] of rows) if (n !== 0) out.set(day, (out.get(day) ?? 0) + n);
      return out;
    },
    /**
     * Spending in the period (issue 4's benefits and payments, real columns): commitments by
     * the month of the decision, payments by their value date, each grouped by budget line,
     * service, circoscrizione and month, with how many benefits each sum is over.
     */
    spending(filter: StatsFilter): { committed: SpendingRow[]; paid: SpendingRow[]; allocations: AllocationRow[] } {
      const from = `${filter.fromMonth}-01`;
      const to = `${filter.toMonth}-31`;
      // The same office, service and circoscrizione keys as the statistics tables.
      const w = where(filter, null);
      const k = { sql: w.clause ? ` and ${w.clause.slice('where '.length)}` : '', params: w.params };
      const committed = prepare(
        `select budget_line_id as lineId, service_code as serviceCode, circoscrizione, substr(decided_on, 1, 7) as month,
           sum(amount_cents - released_cents) as cents, count(*) as n
         from benefits where decided_on between ? and ?${k.sql} group by 1, 2, 3, 4`,
      ).all(from, to, ...k.params) as SpendingRow[];
      const paid = prepare(
        `select budget_line_id as lineId, service_code as serviceCode, circoscrizione, substr(paid_on, 1, 7) as month,
           sum(amount_cents) as cents, count(distinct benefit_id) as n
         from payments where paid_on between ? and ?${k.sql} group by 1, 2, 3, 4`,
      ).all(from, to, ...k.params) as SpendingRow[];
      const allocations = prepare(
        `select l.id as lineId, l.code, l.name, a.year, a.allocation_cents as cents
         from budget_lines l join budget_allocations a on a.budget_line_id = l.id where a.year between ? and ? order by l.code, a.year`,
      ).all(Number(filter.fromMonth.slice(0, 4)), Number(filter.toMonth.slice(0, 4))) as AllocationRow[];
      return { committed, paid, allocations };
    },
    /**
     * Internal communication (issue 4 §5's requests between offices): the time to first
     * answer in seconds of each request sent in the period, by the month it was sent;
     * null while unanswered. An office filter keeps the requests it had to answer.
     */
    firstAnswers(filter: StatsFilter): { month: string; seconds: number | null }[] {
      const office = filter.officeId ? ' and to_office_id = ?' : '';
      return prepare(
        `select substr(requested_at, 1, 7) as month, first_answer_seconds as seconds from internal_requests
         where requested_at >= ? and requested_at < ?${office}`,
      ).all(`${filter.fromMonth}-01`, `${filter.toMonth}-32`, ...(filter.officeId ? [filter.officeId] : [])) as never;
    },
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
