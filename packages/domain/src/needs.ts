/**
 * Needs surveys (rilevazione dei bisogni): what associations observe in the field, as
 * structured reports. The codes are shared by the device's form, the server's checks and
 * the aggregates; the public aggregate is built here so that it passes disclosure control
 * in one place and can never carry the free-text description.
 */
import { USER_AREAS, type UserArea } from './catalogue-types.ts';
import { CIRCOSCRIZIONE_NUMBERS } from './territory.ts';
import { protectTable, type ProtectedTable } from './disclosure.ts';

/** The need observed: a fixed list, so that reports can be counted together. */
export const NEED_KINDS = [
  'cibo',
  'casa',
  'reddito',
  'lavoro',
  'cura_domiciliare',
  'salute',
  'scuola',
  'mobilita',
  'solitudine',
  'altro',
] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

/** How many people are affected, as an estimate band: field workers cannot count exactly. */
export const PEOPLE_BANDS = ['1-5', '6-20', '21-50', '51-200', 'oltre-200'] as const;
export type PeopleBand = (typeof PEOPLE_BANDS)[number];

export const URGENCIES = ['bassa', 'media', 'alta'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const NEEDS_DESCRIPTION_MAX = 2000;

/** What the aggregate needs from a report: deliberately no description, no author. */
export interface NeedsCountable {
  readonly circoscrizione: number;
  readonly userArea: UserArea;
}

/**
 * Reports counted by circoscrizione (rows, "1".."8") and user area (columns), passed
 * through disclosure control. Areas include minors and disability, so the stricter
 * threshold applies to the whole table: a small count could point at a known family.
 */
export function publicNeedsTable(reports: readonly NeedsCountable[]): ProtectedTable {
  const cells = CIRCOSCRIZIONE_NUMBERS.map(() => USER_AREAS.map(() => 0));
  for (const r of reports) {
    const i = CIRCOSCRIZIONE_NUMBERS.indexOf(r.circoscrizione as (typeof CIRCOSCRIZIONE_NUMBERS)[number]);
    const j = USER_AREAS.indexOf(r.userArea);
    if (i < 0 || j < 0) continue;
    cells[i]![j]! += 1;
  }
  return protectTable({ rows: CIRCOSCRIZIONE_NUMBERS.map(String), cols: [...USER_AREAS], cells, sensitive: true });
}

/** Reports counted by month (rows, in the order given) and user area, passed through disclosure control. */
export function publicNeedsTrend(reports: readonly (NeedsCountable & { readonly month: string })[], months: readonly string[]): ProtectedTable {
  const cells = months.map(() => USER_AREAS.map(() => 0));
  for (const r of reports) {
    const i = months.indexOf(r.month);
    const j = USER_AREAS.indexOf(r.userArea);
    if (i >= 0 && j >= 0) cells[i]![j]! += 1;
  }
  return protectTable({ rows: [...months], cols: [...USER_AREAS], cells, sensitive: true });
}

/** The last `n` months (YYYY-MM) up to and including the one of `isoInstant`, oldest first. */
export function lastMonths(isoInstant: string, n: number): string[] {
  const [y, m] = needsMonth(isoInstant).split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, k) => {
    const total = y * 12 + (m - 1) - (n - 1 - k);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

export interface NeedsTrendRow {
  month: string;
  counts: Record<UserArea, number>;
  total: number;
}

/**
 * Reports per month and area over the last `months` months, oldest first, for staff
 * (who see the reports themselves, so these counts are not suppressed).
 */
export function needsTrend(reports: readonly { receivedAt: string; userArea: UserArea }[], nowIso: string, months = 12): NeedsTrendRow[] {
  const rows = lastMonths(nowIso, months).map((month) => ({
    month,
    counts: Object.fromEntries(USER_AREAS.map((a) => [a, 0])) as Record<UserArea, number>,
    total: 0,
  }));
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  for (const r of reports) {
    const row = byMonth.get(needsMonth(r.receivedAt));
    if (!row) continue;
    row.counts[r.userArea] += 1;
    row.total += 1;
  }
  return rows;
}

/** The day (YYYY-MM-DD) an instant falls on in Palermo: "today" for the date a need was observed. */
export function palermoDay(isoInstant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(isoInstant));
}

/** The month (YYYY-MM, Europe/Rome) a report counts in for trends. */
export function needsMonth(isoInstant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit' }).format(new Date(isoInstant));
}
