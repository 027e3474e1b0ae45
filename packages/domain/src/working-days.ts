import { gregorianEaster } from 'date-easter';

/**
 * Calendar days, working days and the public holidays that count in Palermo.
 *
 * Dates are ISO `YYYY-MM-DD` strings meaning a day in Palermo (Europe/Rome); arithmetic
 * is done on UTC midnights so no time zone or daylight-saving change can shift a day.
 *
 * Why not `date-holidays`: it is the maintained, complete source (it even lists Santa
 * Rosalia for IT-82-PA), but it bundles every country and moment-timezone: 1.4 MB
 * minified, about 230 KB gzip, and still about 140 KB gzip with only the parser; the
 * citizen's whole first screen may weigh 100 KB. So the fixed days are listed here, Easter
 * comes from `date-easter` (the same author's computus, about 0.5 KB gzip), and the tests
 * check this list against `date-holidays` (a dev dependency only) year by year.
 */

/** A day in Palermo, `YYYY-MM-DD`. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

/** National public holidays with a fixed date (Law 260/1949 and later), as MM-DD. */
const FIXED_NATIONAL_HOLIDAYS = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];

/** Santa Rosalia, Palermo's patron saint: a public holiday in the city. */
const PALERMO_PATRON = '07-15';

/** San Francesco d'Assisi, restored as a national holiday from 2026 (Law 151/2025). */
const SAINT_FRANCIS = '10-04';
const SAINT_FRANCIS_SINCE = 2026;

function toDayNumber(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year ?? NaN, (month ?? NaN) - 1, day ?? NaN) / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Easter Sunday of a year (Gregorian computus). */
export function easterSunday(year: number): IsoDate {
  const easter = gregorianEaster(year);
  return `${String(year).padStart(4, '0')}-${String(easter.month).padStart(2, '0')}-${String(easter.day).padStart(2, '0')}`;
}

/** The public holidays of a year in Palermo, sorted, each once (Easter Sunday included). */
export function palermoHolidays(year: number): IsoDate[] {
  const y = String(year).padStart(4, '0');
  const easter = easterSunday(year);
  const fixed = [...FIXED_NATIONAL_HOLIDAYS, PALERMO_PATRON];
  if (year >= SAINT_FRANCIS_SINCE) fixed.push(SAINT_FRANCIS);
  return [...new Set([...fixed.map((md) => `${y}-${md}`), easter, addDays(easter, 1)])].sort();
}

/** True on a public holiday in Palermo. */
export function isPalermoHoliday(date: IsoDate): boolean {
  const monthDay = date.slice(5);
  if (FIXED_NATIONAL_HOLIDAYS.includes(monthDay) || monthDay === PALERMO_PATRON) return true;
  const year = Number(date.slice(0, 4));
  if (monthDay === SAINT_FRANCIS && year >= SAINT_FRANCIS_SINCE) return true;
  // Easter falls between 22 March and 25 April, so Easter Monday between 23 March and 26 April.
  if (monthDay < '03-22' || monthDay > '04-26') return false;
  const easter = easterSunday(year);
  return date === easter || date === addDays(easter, 1);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // Day 0 of the epoch, 1970-01-01, was a Thursday.
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** A working day for the city's offices: not Saturday, not Sunday, not a public holiday. */
export function isWorkingDay(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !isPalermoHoliday(date);
}

/** `date` itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}
