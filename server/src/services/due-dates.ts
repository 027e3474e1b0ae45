/**
 * The stored due dates of a dossier (dossiers.due_date and warn_date), derived from the
 * domain's deadline rule (`computeDeadline` in packages/domain) so the office queue can
 * filter and sort on real columns.
 *
 * The stored pair must not depend on the day it was computed, or it would go stale
 * overnight. Two cases need care:
 * - while a first request for documents is open, the domain takes the suspension to end
 *   today, so its due date moves day by day. The stored date assumes the suspension
 *   runs its full 30 days (the latest the due date can become); the status change that
 *   ends the suspension recomputes it. The dossier is shown as suspended meanwhile.
 * - after a decision the clock has stopped: nothing is due, both are null.
 */
import {
  DEADLINE_WARNING_RATIO,
  INTEGRATION_MAX_SUSPENSION_DAYS,
  addDays,
  computeDeadline,
  isWorkingDay,
  type ClockEvent,
  type Deadline,
  type LegalTerm,
} from '@icaro/domain';

export interface DueDates {
  dueDate: string | null;
  warnDate: string | null;
}

const NONE: DueDates = { dueDate: null, warnDate: null };

export function dueDatesFor(events: readonly ClockEvent[], term: LegalTerm): DueDates {
  if (events.length === 0) return NONE;
  // Computed as of the latest event: the pair depends on nothing later (see above), and
  // the domain then counts used days only up to that event, not up to today.
  const now = new Date(Math.max(...events.map((e) => Date.parse(e.at))));
  let deadline = computeDeadline(events, term, now);
  const open = deadline.suspensions.find((s) => s.open && s.effective && s.kind === 'integration');
  if (open) {
    // Noon in Palermo on the last day the suspension may last: see above.
    const capDay = addDays(open.requestedOn, INTEGRATION_MAX_SUSPENSION_DAYS);
    const at = new Date(`${capDay}T10:00:00Z`);
    if (at > now) deadline = computeDeadline(events, term, at);
  }
  if (!deadline.start || !deadline.dueDate || deadline.decidedOn) return NONE;
  return { dueDate: deadline.dueDate, warnDate: warnDateOf(deadline) };
}

/**
 * The first day on which the domain reports 'warning': the day the used term days
 * reach 80% of the term, counted as the domain counts them (the term's kind of days,
 * skipping suspended days). A test checks it against `computeDeadline` day by day.
 */
function warnDateOf(d: Deadline): string {
  // Whole days since the epoch: this loop runs for every dossier in a start-up backfill.
  const spans = d.suspensions.filter((s) => s.days > 0).map((s) => [dayNumber(s.requestedOn), dayNumber(s.endsOn)] as const);
  const target = Math.ceil(DEADLINE_WARNING_RATIO * d.termDays);
  let day = dayNumber(d.start!);
  for (let used = 0; used < target; ) {
    day += 1;
    const suspended = spans.some(([after, through]) => day > after && day <= through);
    if ((d.dayKind === 'calendar' || workingDay(day)) && !suspended) used++;
  }
  return isoDay(day);
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Days repeat across dossiers: remembering them makes a start-up backfill far quicker. */
const workingDays = new Map<number, boolean>();
function workingDay(day: number): boolean {
  let known = workingDays.get(day);
  if (known === undefined) {
    known = isWorkingDay(isoDay(day));
    if (workingDays.size > 20_000) workingDays.clear();
    workingDays.set(day, known);
  }
  return known;
}
