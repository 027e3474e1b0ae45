import { CLOCK_STOPPING_STATES, computeDeadline, type ClockEvent, type LegalTerm } from './deadlines.ts';
import { todayInPalermo } from './forms.ts';
import type { DossierState } from './lifecycle.ts';
import { daysBetween, type IsoDate } from './working-days.ts';

/**
 * The service times of one dossier (issue 5 §4, §8), derived from its status events only,
 * so the server's pre-aggregated statistics and any recomputation agree. Every date is
 * a day in Palermo; every duration is in calendar days.
 *
 * - submission → protocol: from the day the request arrived (INVIATA) to its protocol.
 * - protocol → decision: from protocol to the decision, less the days the legal clock
 *   was suspended in between (a first request for documents, a 10-bis notice's window),
 *   exactly as `computeDeadline` counts them.
 * - decision → service: from the admission to the start of the service (IN_EROGAZIONE).
 * - request → decision: submission to decision, less the same suspended days: what the
 *   public Trasparenza page reports.
 *
 * A decision is the first state that stops the clock (admission, waiting list,
 * rejection, inadmissibility); a withdrawal by the applicant is not a decision, so a
 * withdrawn dossier counts in no time and in no share within the term.
 */

export const TIME_MEASURES = ['to_protocol', 'to_decision', 'to_service', 'request_to_decision'] as const;
export type TimeMeasure = (typeof TIME_MEASURES)[number];

export type DossierOutcome = 'decided' | 'withdrawn';

export interface DossierTimes {
  readonly receivedOn: IsoDate;
  readonly protocolledOn: IsoDate | null;
  /** The day of the decision or withdrawal (the clock stopped for good), or null while open. */
  readonly closedOn: IsoDate | null;
  readonly outcome: DossierOutcome | null;
  /** The first day of the service (IN_EROGAZIONE), or null. */
  readonly servedOn: IsoDate | null;
  /** Durations in days, null when the measure does not apply (yet). */
  readonly days: Readonly<Record<TimeMeasure, number | null>>;
  /** Whether the decision came on or before the legal due date; null with no decision or no protocol. */
  readonly withinTerm: boolean | null;
}

const STOPPING: readonly DossierState[] = CLOCK_STOPPING_STATES;

function palermoDay(at: string): IsoDate {
  return todayInPalermo(new Date(at));
}

/** Calendar days in (from, to] during which the clock was suspended. */
function suspendedWithin(
  suspensions: readonly { requestedOn: IsoDate; endsOn: IsoDate; days: number }[],
  from: IsoDate,
  to: IsoDate,
): number {
  let n = 0;
  for (const s of suspensions) {
    if (s.days <= 0) continue;
    const start = s.requestedOn > from ? s.requestedOn : from;
    const end = s.endsOn < to ? s.endsOn : to;
    if (end > start) n += daysBetween(start, end);
  }
  return n;
}

/** The times of a dossier from its status events (any order) and its service's legal term. */
export function dossierTimes(events: readonly ClockEvent[], term: LegalTerm): DossierTimes {
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const first = sorted[0];
  if (!first) throw new RangeError('A dossier has at least its submission event');
  const receivedOn = palermoDay(first.at);
  const protocol = sorted.find((e) => e.to === 'PROTOCOLLATA');
  const stop = sorted.find((e) => STOPPING.includes(e.to));
  const served = sorted.find((e) => e.to === 'IN_EROGAZIONE');
  const protocolledOn = protocol ? palermoDay(protocol.at) : null;
  const closedOn = stop ? palermoDay(stop.at) : null;
  const outcome: DossierOutcome | null = stop ? (stop.to === 'RITIRATA' ? 'withdrawn' : 'decided') : null;
  const servedOn = served ? palermoDay(served.at) : null;

  let toDecision: number | null = null;
  let requestToDecision: number | null = null;
  let withinTerm: boolean | null = null;
  if (outcome === 'decided' && closedOn) {
    let suspended = 0;
    if (protocol && protocolledOn) {
      const deadline = computeDeadline(sorted, term, stop!.at);
      suspended = suspendedWithin(deadline.suspensions, protocolledOn, closedOn);
      toDecision = Math.max(0, daysBetween(protocolledOn, closedOn) - suspended);
      withinTerm = deadline.dueDate !== null && closedOn <= deadline.dueDate;
    }
    requestToDecision = Math.max(0, daysBetween(receivedOn, closedOn) - suspended);
  }
  const decided = outcome === 'decided' ? closedOn : null;
  return {
    receivedOn,
    protocolledOn,
    closedOn,
    outcome,
    servedOn,
    days: {
      to_protocol: protocolledOn ? Math.max(0, daysBetween(receivedOn, protocolledOn)) : null,
      to_decision: toDecision,
      to_service: servedOn && decided ? Math.max(0, daysBetween(decided, servedOn)) : null,
      request_to_decision: requestToDecision,
    },
    withinTerm,
  };
}

/** The day a measure is counted on: its end (the month of the statistic). */
export function measureEndsOn(times: DossierTimes, measure: TimeMeasure): IsoDate | null {
  if (times.days[measure] === null) return null;
  if (measure === 'to_protocol') return times.protocolledOn;
  if (measure === 'to_service') return times.servedOn;
  return times.closedOn;
}

export interface HistogramSummary {
  /** How many durations. */
  readonly n: number;
  /** The median in days: the middle value, or the mean of the two middle values. */
  readonly median: number | null;
  /** The 90th percentile in days, nearest rank: the smallest d with at least 90% of durations ≤ d. */
  readonly p90: number | null;
}

/**
 * Median and p90 of durations given as a histogram (days → how many), exact in days.
 * Bins may come in any order and repeat; bins with a count of 0 are ignored.
 */
export function summariseHistogram(bins: Iterable<readonly [days: number, count: number]>): HistogramSummary {
  const merged = new Map<number, number>();
  for (const [d, c] of bins) {
    if (!Number.isSafeInteger(d) || d < 0 || !Number.isSafeInteger(c) || c < 0) throw new RangeError(`Bad histogram bin ${d}: ${c}`);
    if (c > 0) merged.set(d, (merged.get(d) ?? 0) + c);
  }
  const sorted = [...merged].sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return { n: 0, median: null, p90: null };
  /** The value at 1-based rank r. */
  const at = (r: number): number => {
    let seen = 0;
    for (const [d, c] of sorted) {
      seen += c;
      if (seen >= r) return d;
    }
    return sorted[sorted.length - 1]![0];
  };
  const median = n % 2 === 1 ? at((n + 1) / 2) : (at(n / 2) + at(n / 2 + 1)) / 2;
  return { n, median, p90: at(Math.ceil(0.9 * n)) };
}

/** "2026-03" for a day. */
export function monthOf(day: IsoDate): string {
  return day.slice(0, 7);
}
