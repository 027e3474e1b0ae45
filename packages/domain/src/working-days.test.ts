import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Holidays from 'date-holidays';
import { addDays, dayOfWeek, daysBetween, easterSunday, isPalermoHoliday, isWorkingDay, nextWorkingDay, palermoHolidays } from './working-days.ts';

describe('easter', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // the latest possible
    [2285, '2285-03-22'], // the earliest possible
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each(['2025-04-21', '2026-04-06', '2027-03-29', '2024-04-01', '2038-04-26'])('Easter Monday %s is a holiday', (date) => {
    expect(isPalermoHoliday(date)).toBe(true);
    expect(isWorkingDay(date)).toBe(false);
  });

  it('Good Friday is not a holiday in Italy', () => {
    expect(isWorkingDay('2026-04-03')).toBe(true);
  });
});

describe('palermoHolidays', () => {
  it('lists the 2026 holidays, Santa Rosalia and San Francesco included', () => {
    expect(palermoHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-04-25',
      '2026-05-01',
      '2026-06-02',
      '2026-07-15',
      '2026-08-15',
      '2026-10-04',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('has no 4 October before 2026', () => {
    expect(isPalermoHoliday('2025-10-04')).toBe(false);
    expect(isPalermoHoliday('2027-10-04')).toBe(true);
  });

  it('matches date-holidays (Italy, Sicily, Palermo) for 2012–2100', () => {
    const reference = new Holidays('IT', '82', 'PA');
    for (let year = 2012; year <= 2100; year++) {
      const expected = reference
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10));
      expect(palermoHolidays(year), String(year)).toEqual([...new Set(expected)].sort());
    }
  });

  it('isPalermoHoliday agrees with the yearly list on any day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * 366 }), (offset) => {
        const date = addDays('1950-01-01', offset);
        const year = Number(date.slice(0, 4));
        expect(isPalermoHoliday(date)).toBe(palermoHolidays(year).includes(date));
      }),
    );
  });
});

describe('day arithmetic', () => {
  it('crosses months, leap days and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-02', '2026-04-01')).toBe(30);
    expect(daysBetween('2026-04-01', '2026-03-02')).toBe(-30);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-03-01')).toBe(0); // Sunday
    expect(dayOfWeek('2026-03-02')).toBe(1);
    expect(dayOfWeek('1969-12-31')).toBe(3);
    expect(dayOfWeek('2026-11-26')).toBe(4);
  });

  it('skips weekends and holidays to the next working day', () => {
    expect(nextWorkingDay('2026-04-03')).toBe('2026-04-03');
    expect(nextWorkingDay('2026-04-04')).toBe('2026-04-07'); // Saturday, Easter, Easter Monday
    expect(nextWorkingDay('2026-12-25')).toBe('2026-12-28');
    expect(nextWorkingDay('2027-01-01')).toBe('2027-01-04');
    expect(nextWorkingDay('2026-07-15')).toBe('2026-07-16');
    expect(nextWorkingDay('2026-08-15')).toBe('2026-08-17');
  });
});
