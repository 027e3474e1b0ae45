import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeDeadline, deadlineStatus, type ClockEvent, type LegalTerm } from './deadlines.ts';
import type { DossierState } from './lifecycle.ts';
import { addDays, isWorkingDay } from './working-days.ts';

const CAL30: LegalTerm = { termDays: 30, dayKind: 'calendar' };
const work = (termDays: number): LegalTerm => ({ termDays, dayKind: 'working' });

/** 09:00 UTC is 10:00 or 11:00 in Palermo: the same day in either season. */
const at = (date: string) => `${date}T09:00:00Z`;
const ev = (from: DossierState | null, to: DossierState, date: string): ClockEvent => ({ from, to, at: at(date) });
const protocolled = (date: string): ClockEvent[] => [ev(null, 'INVIATA', date), ev('INVIATA', 'PROTOCOLLATA', date)];

/** Protocolled Monday 2 March 2026; a 30-day calendar term ends Wednesday 1 April. */
const MARCH = [...protocolled('2026-03-02'), ev('PROTOCOLLATA', 'ASSEGNATA', '2026-03-03'), ev('ASSEGNATA', 'ISTRUTTORIA', '2026-03-05')];
const integration = (from: string, to: string | null): ClockEvent[] => [
  ev('ISTRUTTORIA', 'INTEGRAZIONE_RICHIESTA', from),
  ...(to ? [ev('INTEGRAZIONE_RICHIESTA', 'ISTRUTTORIA', to)] : []),
];

describe('start of the clock', () => {
  it('has no deadline before protocol', () => {
    const d = computeDeadline([ev(null, 'INVIATA', '2026-03-02')], CAL30, at('2026-05-01'));
    expect(d).toMatchObject({ start: null, dueDate: null, warningDate: null, status: 'none', daysLeft: null, dayKind: 'calendar' });
  });

  it('starts on the day of protocol in Palermo, not in UTC', () => {
    const winter = [{ from: 'INVIATA', to: 'PROTOCOLLATA', at: '2026-03-01T23:30:00Z' }] as const;
    expect(computeDeadline(winter, CAL30, at('2026-03-03')).start).toBe('2026-03-02');
    const summer = [{ from: 'INVIATA', to: 'PROTOCOLLATA', at: '2026-07-14T22:30:00Z' }] as const;
    expect(computeDeadline(summer, CAL30, at('2026-07-16')).start).toBe('2026-07-15');
  });

  it('counts the term from the day after protocol', () => {
    const d = computeDeadline(MARCH, CAL30, at('2026-03-10'));
    expect(d).toMatchObject({ start: '2026-03-02', dueDate: '2026-04-01', dayKind: 'calendar', usedDays: 8, status: 'on_time' });
  });

  it('ignores events after now and accepts them in any order', () => {
    const events = [ev('VALUTAZIONE', 'AMMESSA', '2026-03-20'), ...MARCH].reverse();
    expect(computeDeadline(events, CAL30, at('2026-03-19')).status).toBe('on_time');
    expect(computeDeadline(events, CAL30, at('2026-03-20')).status).toBe('none');
  });

  it('refuses a term that is not a positive whole number', () => {
    expect(() => computeDeadline(MARCH, { termDays: 0, dayKind: 'calendar' }, at('2026-03-10'))).toThrow(RangeError);
    expect(() => computeDeadline(MARCH, CAL30, 'not a date')).toThrow(RangeError);
  });
});

describe('calendar terms move off a non-working last day', () => {
  it.each([
    ['2026-03-05', '2026-04-07', 'Saturday, Easter Sunday and Easter Monday'],
    ['2026-04-01', '2026-05-04', '1 May (Friday), then the weekend'],
    ['2026-05-03', '2026-06-03', '2 June'],
    ['2026-06-15', '2026-07-16', '15 July, Santa Rosalia'],
    ['2026-07-16', '2026-08-17', '15 August, a Saturday'],
    ['2026-11-08', '2026-12-09', '8 December'],
    ['2026-11-25', '2026-12-28', '25–26 December and the weekend'],
    ['2026-12-02', '2027-01-04', '1 January, across the year end'],
    ['2026-12-07', '2027-01-07', '6 January'],
  ])('protocol %s -> due %s (%s)', (start, due) => {
    expect(computeDeadline(protocolled(start), CAL30, at(start)).dueDate).toBe(due);
  });
});

describe('working-day terms', () => {
  it.each([
    ['2026-04-03', 10, '2026-04-20', 'weekend and Easter Monday 2026'],
    ['2025-04-17', 10, '2025-05-06', 'Easter Monday 2025, 25 April, 1 May'],
    ['2027-03-26', 1, '2027-03-30', 'Easter Monday 2027'],
    ['2026-12-22', 5, '2026-12-30', 'Christmas'],
    ['2026-12-22', 8, '2027-01-05', 'across the year end'],
    ['2026-12-22', 9, '2027-01-07', 'Epiphany'],
    ['2026-07-13', 3, '2026-07-17', 'Santa Rosalia'],
    ['2025-08-13', 3, '2025-08-19', 'Ferragosto on a Friday'],
    ['2025-05-30', 1, '2025-06-03', '2 June on a Monday'],
    ['2025-12-05', 1, '2025-12-09', '8 December on a Monday'],
    ['2025-12-24', 1, '2025-12-29', '25–26 December'],
    ['2027-10-01', 1, '2027-10-05', 'San Francesco, 4 October'],
  ])('protocol %s + %i working days -> %s (%s)', (start, days, due) => {
    const d = computeDeadline(protocolled(start), work(days), at(start));
    expect(d).toMatchObject({ dueDate: due, dayKind: 'working' });
  });
});

describe('suspensions', () => {
  it('a request for documents answered after 12 days adds 12 days', () => {
    const d = computeDeadline([...MARCH, ...integration('2026-03-10', '2026-03-22')], CAL30, at('2026-03-25'));
    expect(d).toMatchObject({ suspendedDays: 12, dueDate: '2026-04-13', status: 'on_time' });
    expect(d.suspensions).toEqual([
      { kind: 'integration', requestedOn: '2026-03-10', endsOn: '2026-03-22', days: 12, effective: true, open: false },
    ]);
  });

  it('suspends for 30 days at most', () => {
    const d = computeDeadline([...MARCH, ...integration('2026-03-10', '2026-05-09')], CAL30, at('2026-05-09'));
    // 1 April + 30 = 1 May, a holiday; then Saturday and Sunday.
    expect(d).toMatchObject({ suspendedDays: 30, dueDate: '2026-05-04' });
  });

  it('suspends once: a second request for documents does not', () => {
    const events = [...MARCH, ...integration('2026-03-10', '2026-03-22'), ...integration('2026-03-25', '2026-04-04')];
    const d = computeDeadline(events, CAL30, at('2026-03-30'));
    expect(d).toMatchObject({ suspendedDays: 12, dueDate: '2026-04-13', status: 'on_time', usedDays: 16 });
    expect(d.suspensions[1]).toMatchObject({ effective: false, days: 0, open: true });
  });

  it('while documents are awaited the clock stands still, and runs again after 30 days', () => {
    const events = [...MARCH, ...integration('2026-03-10', null)];
    const day10 = computeDeadline(events, CAL30, at('2026-03-20'));
    expect(day10).toMatchObject({ status: 'suspended', usedDays: 8, daysLeft: 24, dueDate: '2026-04-13' });
    // Still 22 term days to run; the 30th day is now Sunday 12 April, moved to the Monday.
    expect(computeDeadline(events, CAL30, at('2026-03-21'))).toMatchObject({ status: 'suspended', usedDays: 8, daysLeft: 23 });
    expect(computeDeadline(events, CAL30, at('2026-03-10')).status).toBe('suspended');
    // Suspended 11 March–9 April; the clock runs again from the 10th.
    const late = computeDeadline(events, CAL30, at('2026-04-20'));
    expect(late).toMatchObject({ status: 'on_time', suspendedDays: 30, usedDays: 19, dueDate: '2026-05-04', daysLeft: 14 });
  });

  it('a 10-bis notice suspends for the 10-day reply window, however soon the office moves on', () => {
    const events = [
      ...MARCH,
      ev('ISTRUTTORIA', 'VALUTAZIONE', '2026-03-18'),
      ev('VALUTAZIONE', 'PREAVVISO_DINIEGO', '2026-03-20'),
      ev('PREAVVISO_DINIEGO', 'VALUTAZIONE', '2026-03-25'),
    ];
    // 1 April + 10 = Saturday 11 April -> Monday 13 April.
    expect(computeDeadline(events, CAL30, at('2026-03-26'))).toMatchObject({ status: 'suspended', suspendedDays: 10, dueDate: '2026-04-13' });
    expect(computeDeadline(events, CAL30, at('2026-03-30')).status).toBe('suspended');
    expect(computeDeadline(events, CAL30, at('2026-03-31'))).toMatchObject({ status: 'on_time', usedDays: 19 });
    expect(computeDeadline(events.slice(0, -1), CAL30, at('2026-03-22')).suspensions[0]).toMatchObject({
      kind: 'preavviso_diniego',
      endsOn: '2026-03-30',
      open: true,
    });
  });

  it('counts working days around a suspension', () => {
    // Protocol Friday 3 April 2026, 10 working days -> 20 April; suspended 7–13 April.
    const events = [...protocolled('2026-04-03'), ev('PROTOCOLLATA', 'ISTRUTTORIA', '2026-04-03'), ...integration('2026-04-06', '2026-04-13')];
    expect(computeDeadline(events, work(10), at('2026-04-14'))).toMatchObject({ suspendedDays: 7, dueDate: '2026-04-27', usedDays: 1 });
  });
});

describe('status, days left and the 80% warning', () => {
  it.each([
    ['2026-03-25', 'on_time', 23, 76, 7],
    ['2026-03-26', 'warning', 24, 80, 6],
    ['2026-04-01', 'warning', 30, 100, 0],
    ['2026-04-02', 'overdue', 31, 103, -1],
    ['2026-04-05', 'overdue', 34, 113, -4],
  ])('calendar term, on %s: %s, %i used, %i%%, %i left', (today, status, used, percent, left) => {
    const d = computeDeadline(MARCH, CAL30, at(today));
    expect(d).toMatchObject({ status, usedDays: used, percentUsed: percent, daysLeft: left });
  });

  it.each([
    ['2026-04-15', 'on_time', 7, 70, 3],
    ['2026-04-16', 'warning', 8, 80, 2],
    ['2026-04-20', 'warning', 10, 100, 0],
    ['2026-04-22', 'overdue', 12, 120, -2],
  ])('working term, on %s: %s, %i used, %i%%, %i left', (today, status, used, percent, left) => {
    const d = computeDeadline(protocolled('2026-04-03'), work(10), at(today));
    expect(d).toMatchObject({ status, usedDays: used, percentUsed: percent, daysLeft: left });
  });

  it('warns from 80% of the term in whole days', () => {
    // 80% of 35 is 28 (in floating point 0.8 * 35 is 28.000000000000004).
    const term = { termDays: 35, dayKind: 'calendar' } as const;
    expect(computeDeadline(MARCH, term, at('2026-03-29'))).toMatchObject({ status: 'on_time', usedDays: 27 });
    expect(computeDeadline(MARCH, term, at('2026-03-30'))).toMatchObject({ status: 'warning', usedDays: 28, warningDate: '2026-03-30' });
    expect(computeDeadline(MARCH, CAL30, at('2026-03-10')).warningDate).toBe('2026-03-26');
    expect(computeDeadline(protocolled('2026-04-03'), work(10), at('2026-04-03')).warningDate).toBe('2026-04-16');
  });

  it('a calendar term moved off a weekend is not overdue on that weekend', () => {
    // Protocol 5 March 2026: the 30th day is Saturday 4 April, due Tuesday 7 April.
    const d = computeDeadline(protocolled('2026-03-05'), CAL30, at('2026-04-06'));
    expect(d).toMatchObject({ status: 'warning', usedDays: 32, daysLeft: 1 });
  });

  it.each(['AMMESSA', 'IN_LISTA_ATTESA', 'RESPINTA', 'IRRICEVIBILE', 'RITIRATA'] as const)('a dossier in %s has no running deadline', (state) => {
    const events = [...MARCH, ev('ISTRUTTORIA', state, '2026-04-10')];
    const d = computeDeadline(events, CAL30, at('2026-06-01'));
    expect(d).toMatchObject({ status: 'none', decidedOn: '2026-04-10', dueDate: '2026-04-01', usedDays: 39, daysLeft: null });
    expect(deadlineStatus(events, CAL30, at('2026-06-01'))).toBe('none');
  });
});

describe('properties', () => {
  const startDay = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));
  const term = fc.record({ termDays: fc.integer({ min: 1, max: 180 }), dayKind: fc.constantFrom('calendar' as const, 'working' as const) });
  const now = (start: string) => at(addDays(start, 2000));

  it('the due date is always a working day', () => {
    fc.assert(
      fc.property(startDay, term, (start, t) => {
        const due = computeDeadline(protocolled(start), t, now(start)).dueDate;
        expect(due !== null && isWorkingDay(due)).toBe(true);
      }),
    );
  });

  it('adding a suspension never moves the due date earlier', () => {
    const suspension = fc.record({
      kind: fc.constantFrom('INTEGRAZIONE_RICHIESTA' as const, 'PREAVVISO_DINIEGO' as const),
      after: fc.integer({ min: 0, max: 200 }),
      length: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(startDay, term, suspension, (start, t, s) => {
        const base = [...protocolled(start), ev('PROTOCOLLATA', 'ISTRUTTORIA', start)];
        const from = addDays(start, s.after);
        const back = s.kind === 'INTEGRAZIONE_RICHIESTA' ? 'ISTRUTTORIA' : 'VALUTAZIONE';
        const withIt = [...base, ev('ISTRUTTORIA', s.kind, from), ev(s.kind, back, addDays(from, s.length))];
        const without = computeDeadline(base, t, now(start)).dueDate!;
        expect(computeDeadline(withIt, t, now(start)).dueDate! >= without).toBe(true);
      }),
    );
  });

  it('the status is warning from the warning date on, until the due date', () => {
    fc.assert(
      fc.property(startDay, term, fc.integer({ min: 0, max: 250 }), (start, t, elapsed) => {
        const d = computeDeadline(protocolled(start), t, at(addDays(start, elapsed)));
        const today = addDays(start, elapsed);
        const expected = today > d.dueDate! ? 'overdue' : today >= d.warningDate! ? 'warning' : 'on_time';
        expect(d.status).toBe(expected);
      }),
    );
  });

  it('without suspensions, a working term until its due date is days used plus days left', () => {
    fc.assert(
      fc.property(startDay, fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 200 }), (start, days, elapsed) => {
        const d = computeDeadline(protocolled(start), work(days), at(addDays(start, elapsed)));
        expect(d.status === 'overdue').toBe(d.daysLeft! < 0);
        if (d.status !== 'overdue') expect(d.usedDays! + d.daysLeft!).toBe(days);
      }),
    );
  });

  it('a working term due on Friday is one day late on Saturday', () => {
    // Protocol Thursday 16 April 2026, one working day: due Friday 17.
    expect(computeDeadline(protocolled('2026-04-16'), work(1), at('2026-04-18'))).toMatchObject({ status: 'overdue', daysLeft: -1 });
    expect(computeDeadline(protocolled('2026-04-16'), work(1), at('2026-04-20'))).toMatchObject({ status: 'overdue', daysLeft: -1 });
    expect(computeDeadline(protocolled('2026-04-16'), work(1), at('2026-04-21'))).toMatchObject({ status: 'overdue', daysLeft: -2 });
  });
});
