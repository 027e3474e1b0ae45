/**
 * Keeps the pre-aggregated statistics (schema-reports.ts) in step with the status events
 * (issue 5 §8). Called in the transaction of every status event, next to the due dates:
 * it recomputes the dossier's times from all its events (the domain's `dossierTimes`),
 * subtracts what the dossier added to the aggregates before and adds what it adds now.
 * So the aggregates always equal a recount, whatever order events come in, and a
 * rollback of the transaction rolls them back too.
 */
import { dossierTimes, monthOf, TIME_MEASURES, type DossierTimes, type TimeMeasure } from '@icaro/domain';
import type { Repositories } from '../repositories/index.ts';
import type { MonthlyColumn, StatsDossierRow } from '../repositories/reports.repo.ts';

interface DossierKeys {
  id: string;
  serviceCode: string;
  serviceVersion: number;
  officeId: string;
  circoscrizione: number;
}

const DAY_COLUMNS: Record<TimeMeasure, keyof StatsDossierRow> = {
  to_protocol: 'toProtocolDays',
  to_decision: 'toDecisionDays',
  to_service: 'toServiceDays',
  request_to_decision: 'requestToDecisionDays',
};

function factsRow(d: DossierKeys, t: DossierTimes): StatsDossierRow {
  return {
    dossierId: d.id,
    officeId: d.officeId,
    serviceCode: d.serviceCode,
    circoscrizione: d.circoscrizione,
    receivedOn: t.receivedOn,
    protocolledOn: t.protocolledOn,
    closedOn: t.closedOn,
    outcome: t.outcome,
    servedOn: t.servedOn,
    toProtocolDays: t.days.to_protocol,
    toDecisionDays: t.days.to_decision,
    toServiceDays: t.days.to_service,
    requestToDecisionDays: t.days.request_to_decision,
    withinTerm: t.withinTerm === null ? null : t.withinTerm ? 1 : 0,
  };
}

function sameFacts(a: StatsDossierRow, b: StatsDossierRow): boolean {
  return (Object.keys(a) as (keyof StatsDossierRow)[]).every((k) => a[k] === b[k]);
}

/** The day each measure of a stored row ended on. */
function measureDay(r: StatsDossierRow, m: TimeMeasure): string | null {
  if (r[DAY_COLUMNS[m]] === null) return null;
  return m === 'to_protocol' ? r.protocolledOn : m === 'to_service' ? r.servedOn : r.closedOn;
}

export function createStatsKeeper(repos: Repositories) {
  /** Adds (sign 1) or removes (sign -1) one dossier's contribution to every aggregate. */
  function apply(r: StatsDossierRow, sign: 1 | -1): void {
    const key = { officeId: r.officeId, serviceCode: r.serviceCode, circoscrizione: r.circoscrizione };
    const monthly = (day: string, column: MonthlyColumn) => repos.reports.addMonthly({ ...key, month: monthOf(day) }, column, sign);
    monthly(r.receivedOn, 'received');
    if (r.closedOn && r.outcome === 'decided') {
      monthly(r.closedOn, 'decided');
      if (r.withinTerm !== null) monthly(r.closedOn, 'decided_with_term');
      if (r.withinTerm === 1) monthly(r.closedOn, 'decided_in_term');
    }
    if (r.closedOn && r.outcome === 'withdrawn') monthly(r.closedOn, 'withdrawn');
    if (r.servedOn) monthly(r.servedOn, 'served');
    if (!r.closedOn) repos.reports.addOpen(key, r.receivedOn, sign);
    for (const m of TIME_MEASURES) {
      const day = measureDay(r, m);
      if (day) repos.reports.addDuration(m, { ...key, month: monthOf(day) }, r[DAY_COLUMNS[m]] as number, sign);
    }
  }

  function refresh(d: DossierKeys): void {
    const service = repos.catalogue.find(d.serviceCode, d.serviceVersion);
    const events = repos.queue.events(d.id);
    if (!service || events.length === 0) return;
    const next = factsRow(d, dossierTimes(events, service));
    const prev = repos.reports.factsOf(d.id);
    if (prev && sameFacts(prev, next)) return;
    if (prev) apply(prev, -1);
    apply(next, 1);
    repos.reports.putFacts(next);
  }

  return {
    refresh,
    /** Computes the statistics of dossiers that have none (a fresh seed, an older database). */
    backfill(transaction: <T>(fn: () => T) => T, batch = 2_000): number {
      if (repos.reports.complete()) return 0;
      let done = 0;
      for (let after = ''; ;) {
        const list = repos.reports.missing(after, batch);
        if (list.length === 0) return done;
        transaction(() => list.forEach(refresh));
        done += list.length;
        after = list[list.length - 1]!.id;
      }
    },
  };
}
export type StatsKeeper = ReturnType<typeof createStatsKeeper>;

/**
 * After a dossier moves to another office (an anagrafe transfer, a transmission between
 * offices): its statistics follow it, in the same transaction.
 */
export function refreshMovedDossier(repos: Repositories, dossierId: string): void {
  const d = repos.dossiers.findById(dossierId);
  if (d) createStatsKeeper(repos).refresh(d);
}
