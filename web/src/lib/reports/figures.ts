/**
 * Turning published figures (already through disclosure control on the server) into
 * words, chart bars and CSV rows. Nothing here computes a figure.
 */
import { toCsv, type PublishedAmount, type PublishedCell } from '@icaro/domain';

/** A median, p90 or share as the server publishes it (without the n behind it). */
export type PublishedStatistic = { kind: 'value'; value: number } | { kind: 'suppressed'; reason: 'too_few' };
import type { Messages } from '$lib/i18n/types.ts';

export interface Bar {
  label: string;
  /** null: nothing to draw (a suppressed or unavailable figure); `text` still shows. */
  value: number | null;
  text: string;
}

export interface FigureCell {
  text: string;
  /** Words for screen readers when the text is a symbol ("<5", "–", "n.d."). */
  spoken?: string;
}

export function cellValue(c: PublishedCell): number | null {
  return c.kind === 'value' ? c.value : null;
}

/** What a cell shows: the number, "<5"/"<10", or "–" for a count hidden to protect another. */
export function cellText(c: PublishedCell): string {
  return c.kind === 'value' ? String(c.value) : c.label === 'c' ? '–' : c.label;
}

export function statValue(s: PublishedStatistic): number | null {
  return s.kind === 'value' ? s.value : null;
}

export function statText(s: PublishedStatistic, m: Messages, format: (v: number) => string = String): string {
  return s.kind === 'value' ? format(s.value) : m.reports.notAvailable;
}

/** A published count as a table cell, in words for screen readers when suppressed. */
export function countCell(c: PublishedCell, m: Messages): FigureCell {
  return c.kind === 'value' ? { text: String(c.value) } : { text: cellText(c), spoken: m.reports.suppressed[c.label] };
}

/** A published statistic as a table cell. */
export function statCell(s: PublishedStatistic, m: Messages, format: (v: number) => string = String): FigureCell {
  return s.kind === 'value' ? { text: format(s.value) } : { text: m.reports.notAvailable, spoken: m.reports.notAvailableSpoken };
}

export function barsOf(labels: readonly string[], cells: readonly PublishedCell[]): Bar[] {
  return labels.map((label, i) => ({ label, value: cellValue(cells[i]!), text: cellText(cells[i]!) }));
}

/** One CSV for the whole dashboard: section, item, value, as shown on screen. */
export function dashboardCsv(
  sections: readonly { title: string; rows: readonly (readonly [string, string])[] }[],
  header: readonly string[],
): string {
  return toCsv([[...header], ...sections.flatMap((s) => s.rows.map(([item, value]) => [s.title, item, value]))]);
}

/** Euros for charts (a suppressed sum draws no bar). */
export function amountValue(a: PublishedAmount): number | null {
  return a.kind === 'value' ? a.cents / 100 : null;
}

/** A sum as text: formatted euros, or "–" when hidden; plain "1234.50" for CSV by default. */
export function amountText(a: PublishedAmount, format: (cents: number) => string = (c) => (c / 100).toFixed(2)): string {
  return a.kind === 'value' ? format(a.cents) : '–';
}

export function amountCell(a: PublishedAmount, m: Messages, format: (cents: number) => string): FigureCell {
  return a.kind === 'value' ? { text: format(a.cents) } : { text: '–', spoken: m.reports.amountHidden };
}
