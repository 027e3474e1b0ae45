import { describe, expect, it } from 'vitest';
import { addDays, computeDeadline, type ClockEvent, type LegalTerm } from '@icaro/domain';
import { deadlineRisk } from '@icaro/sync';
import { dueDatesFor } from '../src/services/due-dates.ts';

const noon = (day: string) => new Date(`${day}T10:00:00Z`);
const at = (day: string) => `${day}T09:00:00.000Z`;

/** Event logs across year ends, Easter, Santa Rosalia and a request for documents. */
const CASES: [string, ClockEvent[]][] = [
  ['protocolled before Christmas', [{ from: null, to: 'INVIATA', at: at('2026-12-10') }, { from: 'INVIATA', to: 'PROTOCOLLATA', at: at('2026-12-11') }]],
  ['over Santa Rosalia', [{ from: null, to: 'INVIATA', at: at('2026-06-30') }, { from: 'INVIATA', to: 'PROTOCOLLATA', at: at('2026-07-01') }]],
  [
    'with a request for documents answered',
    [
      { from: null, to: 'INVIATA', at: at('2027-03-01') },
      { from: 'INVIATA', to: 'PROTOCOLLATA', at: at('2027-03-02') },
      { from: 'PROTOCOLLATA', to: 'ISTRUTTORIA', at: at('2027-03-05') },
      { from: 'ISTRUTTORIA', to: 'INTEGRAZIONE_RICHIESTA', at: at('2027-03-10') },
      { from: 'INTEGRAZIONE_RICHIESTA', to: 'ISTRUTTORIA', at: at('2027-03-22') },
    ],
  ],
];
const TERMS: LegalTerm[] = [
  { termDays: 30, dayKind: 'calendar' },
  { termDays: 20, dayKind: 'working' },
  { termDays: 90, dayKind: 'calendar' },
];

describe('stored due dates', () => {
  for (const [label, events] of CASES) {
    for (const term of TERMS) {
      it(`give the domain's status on every day (${label}, ${term.termDays} ${term.dayKind} days)`, () => {
        const last = events[events.length - 1]!.at.slice(0, 10);
        const { dueDate, warnDate } = dueDatesFor(events, term);
        expect(dueDate).toBe(computeDeadline(events, term, noon(last)).dueDate);
        for (let day = last; day <= addDays(dueDate!, 3); day = addDays(day, 1)) {
          const status = computeDeadline(events, term, noon(day)).status;
          // The queue has no 'suspended' risk: a day the clock stands still keeps its risk.
          if (status === 'suspended') continue;
          expect(deadlineRisk(dueDate, warnDate, day), day).toBe(status);
        }
      });
    }
  }

  it('are empty before protocol and after a decision', () => {
    const term = TERMS[0]!;
    expect(dueDatesFor([{ from: null, to: 'INVIATA', at: at('2026-05-04') }], term)).toEqual({ dueDate: null, warnDate: null });
    const decided: ClockEvent[] = [...CASES[0]![1], { from: 'PROTOCOLLATA', to: 'IRRICEVIBILE', at: at('2026-12-15') }];
    expect(dueDatesFor(decided, term)).toEqual({ dueDate: null, warnDate: null });
  });

  it('assume the longest suspension while a request for documents is open', () => {
    const open = CASES[2]![1].slice(0, 4);
    const term = TERMS[0]!;
    const stored = dueDatesFor(open, term);
    expect(stored.dueDate).toBe(computeDeadline(open, term, noon('2027-04-09')).dueDate);
    expect(stored.dueDate! > computeDeadline(open, term, noon('2027-03-11')).dueDate!).toBe(true);
  });
});
