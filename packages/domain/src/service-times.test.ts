import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dossierTimes, measureEndsOn, summariseHistogram } from './service-times.ts';
import type { ClockEvent } from './deadlines.ts';
import type { DossierState } from './lifecycle.ts';

/** Noon in Palermo on each day, so no event sits near midnight. */
function ev(path: [DossierState, string][]): ClockEvent[] {
  return path.map(([to, day], i) => ({ from: i === 0 ? null : path[i - 1]![0], to, at: `${day}T10:00:00Z` }));
}

describe('dossierTimes', () => {
  const term = { termDays: 30, dayKind: 'calendar' as const };

  it('measures each step in days and leaves the suspension out of the decision time', () => {
    const t = dossierTimes(
      ev([
        ['INVIATA', '2026-03-02'],
        ['PROTOCOLLATA', '2026-03-04'],
        ['ASSEGNATA', '2026-03-04'],
        ['ISTRUTTORIA', '2026-03-05'],
        ['INTEGRAZIONE_RICHIESTA', '2026-03-10'],
        ['ISTRUTTORIA', '2026-03-20'], // 10 days suspended
        ['VALUTAZIONE', '2026-03-25'],
        ['AMMESSA', '2026-04-03'],
        ['IN_EROGAZIONE', '2026-04-10'],
      ]),
      term,
    );
    expect(t.days).toEqual({ to_protocol: 2, to_decision: 20, to_service: 7, request_to_decision: 22 });
    expect(t.outcome).toBe('decided');
    expect(t.withinTerm).toBe(true);
    expect(measureEndsOn(t, 'to_service')).toBe('2026-04-10');
    expect(measureEndsOn(t, 'to_decision')).toBe('2026-04-03');
  });

  it('reports a decision after the due date as late', () => {
    const t = dossierTimes(
      ev([
        ['INVIATA', '2026-03-02'],
        ['PROTOCOLLATA', '2026-03-02'],
        ['ASSEGNATA', '2026-03-03'],
        ['ISTRUTTORIA', '2026-03-03'],
        ['VALUTAZIONE', '2026-03-20'],
        ['RESPINTA', '2026-04-15'],
      ]),
      term,
    );
    expect(t.days.to_decision).toBe(44);
    expect(t.withinTerm).toBe(false);
  });

  it('counts a withdrawal as no decision and an open dossier as nothing yet', () => {
    const withdrawn = dossierTimes(
      ev([
        ['INVIATA', '2026-03-02'],
        ['PROTOCOLLATA', '2026-03-03'],
        ['RITIRATA', '2026-03-09'],
      ]),
      term,
    );
    expect(withdrawn.outcome).toBe('withdrawn');
    expect(withdrawn.days).toEqual({ to_protocol: 1, to_decision: null, to_service: null, request_to_decision: null });
    expect(withdrawn.withinTerm).toBeNull();
    const open = dossierTimes(ev([['INVIATA', '2026-03-02']]), term);
    expect(open.outcome).toBeNull();
    expect(open.closedOn).toBeNull();
  });

  it('subtracts only the part of a 10-bis window before the decision', () => {
    const t = dossierTimes(
      ev([
        ['INVIATA', '2026-03-02'],
        ['PROTOCOLLATA', '2026-03-02'],
        ['ASSEGNATA', '2026-03-02'],
        ['ISTRUTTORIA', '2026-03-02'],
        ['VALUTAZIONE', '2026-03-06'],
        ['PREAVVISO_DINIEGO', '2026-03-10'],
        ['RESPINTA', '2026-03-14'], // 4 of the 10 window days used
      ]),
      term,
    );
    expect(t.days.to_decision).toBe(12 - 4);
  });
});

describe('summariseHistogram', () => {
  it('gives the exact median and p90 from counts', () => {
    // 1,2,2,3,3,3,4,10,20,30: median (3+3)/2 = 3, p90 = 9th value = 20.
    expect(
      summariseHistogram([
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 1],
        [10, 1],
        [20, 1],
        [30, 1],
      ]),
    ).toEqual({ n: 10, median: 3, p90: 20 });
    expect(
      summariseHistogram([
        [5, 1],
        [7, 1],
      ]),
    ).toEqual({ n: 2, median: 6, p90: 7 });
    expect(summariseHistogram([[3, 0]])).toEqual({ n: 0, median: null, p90: null });
  });

  it('agrees with sorting the expanded list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 30 }),
        (bins) => {
          const list = bins.flatMap(([d, c]) => Array.from({ length: c }, () => d)).sort((a, b) => a - b);
          const s = summariseHistogram(bins);
          if (list.length === 0) return s.n === 0;
          const n = list.length;
          const median = n % 2 ? list[(n - 1) / 2]! : (list[n / 2 - 1]! + list[n / 2]!) / 2;
          return s.n === n && s.median === median && s.p90 === list[Math.ceil(0.9 * n) - 1];
        },
      ),
    );
  });
});
