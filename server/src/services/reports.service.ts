/**
 * Dashboards and the public Trasparenza figures (issue 5 §4, §7), from the pre-aggregated
 * statistics (stats-keeper.ts). Nothing here reads a dossier, a person or a free text:
 * every figure is a count or a statistic over many dossiers.
 *
 * Who sees what:
 * - an analyst (stats.read, no office) sees the whole city, every count and statistic
 *   through disclosure control (packages/domain/src/disclosure.ts);
 * - a head of procedure (stats.read with an office) sees their office only, through the
 *   same control: dashboards are exported and printed, so the figures that leave the
 *   office are the protected ones (the head reads the rows themselves in the queue);
 * - the public sees the Trasparenza figures, citywide, protected.
 */
import {
  CATALOGUE,
  CIRCOSCRIZIONI,
  OFFICES,
  TIME_MEASURES,
  addDays,
  findService,
  protectAmounts,
  protectCount,
  protectStatistic,
  protectTable,
  summariseHistogram,
  todayInPalermo,
  type PublishedAmount,
  type ProtectedTable,
  type PublishedCell,
  type TimeMeasure,
} from '@icaro/domain';
import type { Repositories } from '../repositories/index.ts';
import type { StatsFilter } from '../repositories/reports.repo.ts';
import type { SessionUser } from './auth.service.ts';

export interface DashboardQuery {
  /** YYYY-MM, inclusive; default the last 12 months. */
  from?: string;
  to?: string;
  service?: string;
  office?: string;
  circoscrizione?: number;
}

/**
 * A median, p90 or share as it leaves the server: the value, or suppressed (n < 10). The
 * n it was computed over is not sent: set beside the protected counts, it could give a
 * hidden count away (the decisions of a period are nearly the n of its decision times).
 */
export type Statistic = { kind: 'value'; value: number } | { kind: 'suppressed'; reason: 'too_few' };

/** Through disclosure control (n ≥ 10), without its n. */
export function statistic(n: number, value: number | null): Statistic {
  if (value === null) return { kind: 'suppressed', reason: 'too_few' };
  const p = protectStatistic({ n, value });
  return p.kind === 'value' ? { kind: 'value', value: p.value } : p;
}

export interface TimeFigure {
  measure: TimeMeasure;
  median: Statistic;
  p90: Statistic;
}

export interface MonthShare {
  month: string;
  /** The share of decisions within the legal term, in whole percent, published with n ≥ 10. */
  share: Statistic;
}

export interface SpendingLine {
  key: string;
  /** What people read: a budget line's code and name, a service title, a month. */
  label: string;
  /** The line's allocation for the years of the period (budget lines, citywide view only). */
  allocationCents: number | null;
  committed: PublishedAmount;
  paid: PublishedAmount;
}

export interface SpendingFigures {
  byLine: SpendingLine[];
  byService: SpendingLine[];
  byCircoscrizione: SpendingLine[];
  byMonth: SpendingLine[];
  total: SpendingLine;
}

export interface CommunicationMonth {
  month: string;
  /** Requests between offices sent in the month. */
  requests: PublishedCell;
  /** Median hours from the request to the first answer, published with n ≥ 10 answered. */
  medianHours: Statistic;
}

export interface Dashboard {
  /** The filter applied: a head of procedure's office is forced. */
  filter: { from: string; to: string; service: string | null; office: string | null; circoscrizione: number | null };
  /** Today in Palermo: the backlog's ages are counted to it. */
  today: string;
  /** Counts 1..threshold-1 are shown as "<threshold". */
  threshold: number;
  /** Requests received and decisions taken, by month. */
  received: ProtectedTable;
  decided: ProtectedTable;
  /** Open dossiers by age in days. */
  backlog: ProtectedTable;
  times: TimeFigure[];
  withinTerm: MonthShare[];
  /** Services started in the period, by SIUSS code. */
  siuss: ProtectedTable;
  /** Committed (benefits, less what a revocation released), paid and allocated, in cents. */
  spending: SpendingFigures;
  /** Time to first answer between offices, by month. */
  communication: CommunicationMonth[];
}

export interface TransparencyRow {
  serviceCode: string;
  title: string;
  decided: PublishedCell;
  /** Median days from request to decision, suspensions excluded. */
  median: Statistic;
  /** Share decided within the legal term, in whole percent. */
  withinTerm: Statistic;
}

export interface Transparency {
  from: string;
  to: string;
  /** When the figures were computed (ISO). */
  computedAt: string;
  rows: TransparencyRow[];
}

export class ReportAccessError extends Error {}

export const BACKLOG_BUCKETS = ['0-30', '31-60', '61-90', '91-180', '181+'] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The longest period a dashboard covers, so a query stays bounded. */
export const MAX_PERIOD_MONTHS = 36;

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let i = 0; i < 1000; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    out.push(month);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function monthsBack(month: string, n: number): string {
  let [y, m] = month.split('-').map(Number) as [number, number];
  m -= n;
  while (m < 1) {
    m += 12;
    y--;
  }
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** Sums cents and benefits by a key, in the order of `keys`. */
function sumBy<T extends { cents: number; n: number }>(
  rows: readonly T[],
  keyOf: (r: T) => string,
  keys: readonly string[],
): Map<string, { cents: number; n: number }> {
  const out = new Map(keys.map((k) => [k, { cents: 0, n: 0 }]));
  for (const r of rows) {
    const k = keyOf(r);
    const cell = out.get(k) ?? { cents: 0, n: 0 };
    cell.cents += r.cents;
    cell.n += r.n;
    out.set(k, cell);
  }
  return out;
}

const SIUSS_CODES = [...new Set(CATALOGUE.map((s) => s.siuss).filter((c): c is string => c !== null))].sort();

export function createReportsService(repos: Repositories, now: () => Date = () => new Date()) {
  /** A table over services counts with the stricter threshold when any of its services is sensitive. */
  function sensitiveFor(serviceCode: string | null): boolean {
    return serviceCode ? (findService(serviceCode)?.sensitive ?? true) : CATALOGUE.some((s) => s.sensitive);
  }

  function resolve(user: SessionUser, q: DashboardQuery): Dashboard['filter'] {
    const today = todayInPalermo(now());
    const to = q.to ?? today.slice(0, 7);
    const from = q.from ?? monthsBack(to, 11);
    if (!MONTH.test(from) || !MONTH.test(to) || from > to) throw new ReportAccessError('period');
    if (monthsBetween(from, to).length > MAX_PERIOD_MONTHS) throw new ReportAccessError('period');
    if (q.service && !findService(q.service)) throw new ReportAccessError('service');
    if (q.office && !OFFICES.some((o) => o.id === q.office)) throw new ReportAccessError('office');
    if (q.circoscrizione != null && !CIRCOSCRIZIONI.some((c) => c.number === q.circoscrizione))
      throw new ReportAccessError('circoscrizione');
    // A head of procedure's dashboards are their office's: the office is forced.
    let office = q.office ?? null;
    if (user.role === 'head_of_procedure') {
      if (!user.officeId) throw new ReportAccessError('office');
      if (office && office !== user.officeId) throw new ReportAccessError('office');
      office = user.officeId;
    } else if (user.role !== 'analyst') {
      throw new ReportAccessError('role');
    }
    return { from, to, service: q.service ?? null, office, circoscrizione: q.circoscrizione ?? null };
  }

  function oneColumn(rows: readonly string[], counts: readonly number[], sensitive: boolean): ProtectedTable {
    return protectTable({ rows, cols: ['n'], cells: counts.map((n) => [n]), sensitive });
  }

  function timeFigure(measure: TimeMeasure, filter: StatsFilter): TimeFigure {
    const s = summariseHistogram(repos.reports.durations(measure, filter));
    return {
      measure,
      median: statistic(s.n, s.median),
      p90: statistic(s.n, s.p90),
    };
  }

  function spendingFigures(filter: StatsFilter, months: readonly string[], sensitive: boolean, citywide: boolean): SpendingFigures {
    const { committed, paid, allocations } = repos.reports.spending(filter);
    const lines = new Map<string, { label: string; cents: number }>();
    for (const a of allocations) {
      const l = lines.get(a.lineId) ?? { label: `${a.code} ${a.name}`, cents: 0 };
      l.cents += a.cents;
      lines.set(a.lineId, l);
    }
    const breakdown = (
      keyOf: (r: { lineId: string; serviceCode: string; circoscrizione: number; month: string }) => string,
      keys: readonly string[],
      label: (k: string) => string,
      allocation?: (k: string) => number | null,
    ): SpendingLine[] => {
      const c = sumBy(committed, keyOf, keys);
      const p = sumBy(paid, keyOf, keys);
      const all = [...new Set([...c.keys(), ...p.keys()])];
      const pc = protectAmounts(
        all.map((k) => c.get(k) ?? { cents: 0, n: 0 }),
        sensitive,
      );
      const pp = protectAmounts(
        all.map((k) => p.get(k) ?? { cents: 0, n: 0 }),
        sensitive,
      );
      return all.map((k, i) => ({ key: k, label: label(k), allocationCents: allocation?.(k) ?? null, committed: pc[i]!, paid: pp[i]! }));
    };
    const total = (rows: readonly { cents: number; n: number }[]) => {
      const t = rows.reduce((a, r) => ({ cents: a.cents + r.cents, n: a.n + r.n }), { cents: 0, n: 0 });
      return protectAmounts([t], sensitive)[0]!;
    };
    return {
      byLine: breakdown(
        (r) => r.lineId,
        [...lines.keys()],
        (k) => lines.get(k)?.label ?? k,
        (k) => (citywide ? (lines.get(k)?.cents ?? 0) : null),
      ),
      byService: breakdown(
        (r) => r.serviceCode,
        [],
        (k) => findService(k)?.title ?? k,
      ),
      byCircoscrizione: breakdown(
        (r) => String(r.circoscrizione),
        [],
        (k) => k,
      ),
      byMonth: breakdown(
        (r) => r.month,
        months,
        (k) => k,
      ),
      total: {
        key: 'total',
        label: 'total',
        allocationCents: citywide ? [...lines.values()].reduce((a, l) => a + l.cents, 0) : null,
        committed: total(committed),
        paid: total(paid),
      },
    };
  }

  function communication(filter: StatsFilter, months: readonly string[]): CommunicationMonth[] {
    const byMonth = new Map(months.map((m) => [m, { requests: 0, seconds: new Map<number, number>() }]));
    for (const r of repos.reports.firstAnswers(filter)) {
      const m = byMonth.get(r.month);
      if (!m) continue;
      m.requests++;
      // Histogram in whole hours: the median is exact to the hour.
      if (r.seconds !== null) {
        const h = Math.floor(r.seconds / 3600);
        m.seconds.set(h, (m.seconds.get(h) ?? 0) + 1);
      }
    }
    return months.map((month) => {
      const m = byMonth.get(month)!;
      const s = summariseHistogram(m.seconds);
      return {
        month,
        requests: protectCount(m.requests, false),
        medianHours: statistic(s.n, s.median),
      };
    });
  }

  return {
    dashboard(user: SessionUser, q: DashboardQuery): Dashboard {
      const f = resolve(user, q);
      const today = todayInPalermo(now());
      const sensitive = sensitiveFor(f.service);
      const filter: StatsFilter = {
        fromMonth: f.from,
        toMonth: f.to,
        officeId: f.office,
        serviceCode: f.service,
        circoscrizione: f.circoscrizione,
      };
      const months = monthsBetween(f.from, f.to);
      const monthly = repos.reports.monthly(filter);
      const byMonth = new Map(months.map((m) => [m, { received: 0, decided: 0, withTerm: 0, inTerm: 0 }]));
      const servedByService = new Map<string, number>();
      for (const r of monthly) {
        const m = byMonth.get(r.month);
        if (m) {
          m.received += r.received;
          m.decided += r.decided;
          m.withTerm += r.decidedWithTerm;
          m.inTerm += r.decidedInTerm;
        }
        servedByService.set(r.serviceCode, (servedByService.get(r.serviceCode) ?? 0) + r.served);
      }
      const ages = new Map<string, number>(BACKLOG_BUCKETS.map((b) => [b, 0]));
      // Age in days ≤ 30 is "received on or after today − 30": compared as ISO dates, no date arithmetic per row.
      const cuts = [30, 60, 90, 180].map((n) => addDays(today, -n));
      for (const [receivedOn, n] of repos.reports.open(filter)) {
        const at = cuts.findIndex((c) => receivedOn >= c);
        const b = BACKLOG_BUCKETS[at === -1 ? 4 : at]!;
        ages.set(b, ages.get(b)! + n);
      }
      const siussCounts = new Map<string, number>(SIUSS_CODES.map((c) => [c, 0]));
      for (const [code, n] of servedByService) {
        const siuss = findService(code)?.siuss;
        if (siuss) siussCounts.set(siuss, (siussCounts.get(siuss) ?? 0) + n);
      }
      // SIUSS codes group services of every area, minors and disability among them.
      const siussSensitive = f.service ? sensitive : true;
      return {
        filter: f,
        today,
        threshold: oneColumn([], [], sensitive).threshold,
        received: oneColumn(
          months,
          months.map((m) => byMonth.get(m)!.received),
          sensitive,
        ),
        decided: oneColumn(
          months,
          months.map((m) => byMonth.get(m)!.decided),
          sensitive,
        ),
        backlog: oneColumn(
          BACKLOG_BUCKETS,
          BACKLOG_BUCKETS.map((b) => ages.get(b)!),
          sensitive,
        ),
        times: TIME_MEASURES.filter((m) => m !== 'request_to_decision').map((m) => timeFigure(m, filter)),
        withinTerm: months.map((month) => {
          const m = byMonth.get(month)!;
          const share = m.withTerm === 0 ? 0 : Math.round((m.inTerm * 100) / m.withTerm);
          return { month, share: statistic(m.withTerm, share) };
        }),
        siuss: oneColumn([...siussCounts.keys()], [...siussCounts.values()], siussSensitive),
        spending: spendingFigures(filter, months, sensitive, !f.office && !f.service && f.circoscrizione === null),
        communication: communication(filter, months),
      };
    },

    /** The public figures: the last 12 months, citywide, per service. */
    transparency(): Transparency {
      const today = todayInPalermo(now());
      const to = today.slice(0, 7);
      const from = monthsBack(to, 11);
      const filter: StatsFilter = { fromMonth: from, toMonth: to };
      const bins = repos.reports.durationsByService('request_to_decision', filter);
      const totals = new Map<string, { decided: number; withTerm: number; inTerm: number }>();
      for (const r of repos.reports.monthly(filter)) {
        const t = totals.get(r.serviceCode) ?? { decided: 0, withTerm: 0, inTerm: 0 };
        t.decided += r.decided;
        t.withTerm += r.decidedWithTerm;
        t.inTerm += r.decidedInTerm;
        totals.set(r.serviceCode, t);
      }
      const rows = CATALOGUE.map((service): TransparencyRow => {
        const s = summariseHistogram(bins.get(service.code) ?? new Map<number, number>());
        const t = totals.get(service.code) ?? { decided: 0, withTerm: 0, inTerm: 0 };
        return {
          serviceCode: service.code,
          title: service.title,
          decided: protectCount(t.decided, service.sensitive),
          median: statistic(s.n, s.median),
          withinTerm: statistic(t.withTerm, t.withTerm ? Math.round((t.inTerm * 100) / t.withTerm) : 0),
        };
      });
      return { from, to, computedAt: now().toISOString(), rows };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
