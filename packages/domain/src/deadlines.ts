import type { DayKind } from './catalogue-types.ts';
import { todayInPalermo } from './forms.ts';
import type { DossierState } from './lifecycle.ts';
import { addDays, daysBetween, isWorkingDay, nextWorkingDay, type IsoDate } from './working-days.ts';

/**
 * The legal deadline of a dossier (Law 241/1990), derived from its status events only,
 * so that the device and the server always agree. Every date is a day in Palermo.
 *
 * - The clock starts at protocol (PROTOCOLLATA); the term is counted from the next day
 *   (dies a quo non computatur).
 * - INTEGRAZIONE_RICHIESTA suspends it once (art. 2 c. 7): the first request only, from
 *   the day after the request to the day the dossier leaves that state, at most 30 days;
 *   later requests do not suspend and, past 30 days, the clock runs again.
 * - PREAVVISO_DINIEGO (art. 10-bis) suspends it for the applicant's 10-day reply window,
 *   fixed from the notice: the window is the applicant's, however soon the office moves on.
 *   Each notice opens its own window.
 * - While a request for documents is still open, it is taken to end today: the clock
 *   stays stopped, so the days left stay the same and the due date moves on day by day.
 * - Working-day terms count only working days (no Saturdays, Sundays or public holidays).
 *   Calendar terms count every day, but a term that ends on a Saturday, Sunday or public
 *   holiday moves to the next working day: this follows art. 2963 c.c. and art. 155
 *   c.p.c. (which also treats Saturday as a holiday), and the city's offices are closed
 *   on Saturdays, so nothing can be decided or filed there that day.
 * - A decision (or withdrawal) stops the clock for good.
 */

/** Once the dossier reaches one of these, the procedure is over and the clock stops. */
export const CLOCK_STOPPING_STATES = [
  'AMMESSA',
  'IN_LISTA_ATTESA',
  'RESPINTA',
  'IRRICEVIBILE',
  'RITIRATA',
  'IN_EROGAZIONE',
  'CHIUSA',
  'REVOCATA',
] as const satisfies readonly DossierState[];

export const INTEGRATION_MAX_SUSPENSION_DAYS = 30;
export const PREAVVISO_DINIEGO_REPLY_DAYS = 10;
/** The share of the term, in the term's own kind of days, from which we warn. */
export const DEADLINE_WARNING_PERCENT = 80;
export const DEADLINE_WARNING_RATIO = DEADLINE_WARNING_PERCENT / 100;

/** Term days used from which a dossier is in warning: 80% of the term, rounded up (in integers: 0.8 * 35 is not 28 in floating point). */
export function warningDays(termDays: number): number {
  return Math.ceil((termDays * DEADLINE_WARNING_PERCENT) / 100);
}

/** A change of state, as recorded in the dossier's event log (ISO timestamps). */
export interface ClockEvent {
  readonly from: DossierState | null;
  readonly to: DossierState;
  readonly at: string;
}

/** The legal term of a service; a `CatalogueService` is one. */
export interface LegalTerm {
  readonly termDays: number;
  readonly dayKind: DayKind;
}

export type SuspensionKind = 'integration' | 'preavviso_diniego';

export interface Suspension {
  readonly kind: SuspensionKind;
  /** The day of the request or notice; the clock still runs on it. */
  readonly requestedOn: IsoDate;
  /** The last suspended day, counted in calendar days (equal to requestedOn when none). */
  readonly endsOn: IsoDate;
  /** Calendar days suspended: 0 for a request that does not suspend. */
  readonly days: number;
  /** False for a second request for documents, which the law does not let suspend. */
  readonly effective: boolean;
  /** The dossier is still waiting in the suspending state. */
  readonly open: boolean;
}

export type DeadlineStatus = 'none' | 'suspended' | 'on_time' | 'warning' | 'overdue';

export interface Deadline {
  readonly termDays: number;
  /** Whether the term counts calendar or working days. */
  readonly dayKind: DayKind;
  /** The day of protocol, or null before it: no protocol, no deadline. */
  readonly start: IsoDate | null;
  readonly suspensions: readonly Suspension[];
  /** Calendar days during which the clock was (or, for a 10-bis window, will be) stopped. */
  readonly suspendedDays: number;
  /** The last day to decide, after suspensions and any move off a non-working day. */
  readonly dueDate: IsoDate | null;
  /** The day the used term days reach 80% of the term, with the suspensions known today. */
  readonly warningDate: IsoDate | null;
  /** The day the clock stopped for good (decision or withdrawal), or null. */
  readonly decidedOn: IsoDate | null;
  readonly status: DeadlineStatus;
  /** Term days (of the term's kind) already used, up to today or the decision. */
  readonly usedDays: number | null;
  /**
   * Term days left until the due date (0 on it); when overdue, minus the term days since
   * it, and at least -1 (a working term due on Friday is one day late on Saturday).
   * Null when the status is 'none'.
   */
  readonly daysLeft: number | null;
  /** usedDays as a whole percentage of the term, rounded down (may pass 100). */
  readonly percentUsed: number | null;
}

type Span = readonly [after: IsoDate, through: IsoDate];

const STOPPING: readonly DossierState[] = CLOCK_STOPPING_STATES;

function instant(at: string | Date): number {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(t)) throw new RangeError(`Not a timestamp: ${String(at)}`);
  return t;
}

function palermoDay(t: number): IsoDate {
  return todayInPalermo(new Date(t));
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

/** The suspensions among the events after protocol, as they stand on `today`. */
function findSuspensions(events: readonly { to: DossierState; t: number }[], today: IsoDate): Suspension[] {
  const out: Suspension[] = [];
  let integrations = 0;
  events.forEach((e, i) => {
    const requestedOn = palermoDay(e.t);
    const next = events[i + 1];
    const open = next === undefined;
    if (e.to === 'PREAVVISO_DINIEGO') {
      const days = PREAVVISO_DINIEGO_REPLY_DAYS;
      out.push({ kind: 'preavviso_diniego', requestedOn, endsOn: addDays(requestedOn, days), days, effective: true, open });
    } else if (e.to === 'INTEGRAZIONE_RICHIESTA') {
      const effective = ++integrations === 1;
      const leftOn = open ? today : palermoDay(next.t);
      const cap = addDays(requestedOn, INTEGRATION_MAX_SUSPENSION_DAYS);
      const endsOn = effective ? minDate(leftOn, cap) : requestedOn;
      const days = Math.max(0, daysBetween(requestedOn, endsOn));
      out.push({ kind: 'integration', requestedOn, endsOn: days > 0 ? endsOn : requestedOn, days, effective, open });
    }
  });
  return out;
}

function isSuspended(day: IsoDate, spans: readonly Span[]): boolean {
  return spans.some(([after, through]) => day > after && day <= through);
}

function makeCounter(dayKind: DayKind, spans: readonly Span[]): (day: IsoDate) => boolean {
  return (day) => (dayKind === 'calendar' || isWorkingDay(day)) && !isSuspended(day, spans);
}

/** Term days counted in (from, to]; 0 when `to` is not after `from`. */
function countDays(from: IsoDate, to: IsoDate, counts: (day: IsoDate) => boolean): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (counts(d)) n++;
  return n;
}

/** The day on which `n` term days have been counted after `start`. */
function countedDay(start: IsoDate, n: number, counts: (day: IsoDate) => boolean): IsoDate {
  let d = start;
  for (let counted = 0; counted < n; ) {
    d = addDays(d, 1);
    if (counts(d)) counted++;
  }
  return d;
}

function statusOn(today: IsoDate, dueDate: IsoDate, suspensions: readonly Suspension[], used: number, term: LegalTerm): DeadlineStatus {
  if (today > dueDate) return 'overdue';
  const suspended = suspensions.some((s) => s.effective && (s.days > 0 || s.open) && today >= s.requestedOn && today <= s.endsOn);
  if (suspended) return 'suspended';
  return used >= warningDays(term.termDays) ? 'warning' : 'on_time';
}

/**
 * The deadline of a dossier as it stands at `now`, from its status events (any order;
 * events after `now` are ignored) and its service's legal term.
 */
export function computeDeadline(events: readonly ClockEvent[], term: LegalTerm, now: Date | string): Deadline {
  if (!Number.isInteger(term.termDays) || term.termDays < 1) throw new RangeError(`termDays must be a positive integer, not ${term.termDays}`);
  const nowT = instant(now);
  const today = palermoDay(nowT);
  const sorted = events
    .map((e) => ({ to: e.to, t: instant(e.at) }))
    .filter((e) => e.t <= nowT)
    .sort((a, b) => a.t - b.t);
  const protocol = sorted.findIndex((e) => e.to === 'PROTOCOLLATA');
  const base = { termDays: term.termDays, dayKind: term.dayKind };
  if (protocol < 0) {
    const none = { start: null, suspensions: [], suspendedDays: 0, dueDate: null, warningDate: null, decidedOn: null };
    return { ...base, ...none, status: 'none', usedDays: null, daysLeft: null, percentUsed: null };
  }
  const start = palermoDay(sorted[protocol]!.t);
  const after = sorted.slice(protocol + 1);
  const stop = after.findIndex((e) => STOPPING.includes(e.to));
  const running = stop < 0 ? after : after.slice(0, stop + 1);
  const decidedOn = stop < 0 ? null : palermoDay(after[stop]!.t);

  const suspensions = findSuspensions(running, today);
  const spans: Span[] = suspensions.filter((s) => s.days > 0).map((s) => [s.requestedOn, s.endsOn]);
  const suspendedDays = suspensions.reduce((sum, s) => sum + s.days, 0);
  const counts = makeCounter(term.dayKind, spans);
  const lastDay = countedDay(start, term.termDays, counts);
  const dueDate = term.dayKind === 'calendar' ? nextWorkingDay(lastDay) : lastDay;
  const warningDate = countedDay(start, warningDays(term.termDays), counts);
  const usedDays = countDays(start, decidedOn ?? today, counts);
  const percentUsed = Math.floor((usedDays * 100) / term.termDays);
  const known = { start, suspensions, suspendedDays, dueDate, warningDate, decidedOn, usedDays, percentUsed };
  if (decidedOn !== null) return { ...base, ...known, status: 'none', daysLeft: null };

  // Once past the due date a dossier is at least one day late, even on a weekend.
  const daysLeft = today <= dueDate ? countDays(today, dueDate, counts) : -Math.max(1, countDays(dueDate, today, counts));
  return { ...base, ...known, status: statusOn(today, dueDate, suspensions, usedDays, term), daysLeft };
}

/** Just the status of `computeDeadline`: what a list of dossiers shows as a badge. */
export function deadlineStatus(events: readonly ClockEvent[], term: LegalTerm, now: Date | string): DeadlineStatus {
  return computeDeadline(events, term, now).status;
}
