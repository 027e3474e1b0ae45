import { exposedEntry, type AuditMark } from './disclosure-audit.ts';
import { cycleThrough, protectLinks } from './disclosure-links.ts';

/**
 * Statistical disclosure control: the one module that every aggregate shown to an analyst
 * or to the public passes through (DOMAIN.md, "Statistics and anonymisation").
 *
 * - 0 is shown as 0: an empty cell describes nobody.
 * - A count of 1–4 is shown as "<5"; in a sensitive table (health, disability, minors)
 *   a count of 1–9 is shown as "<10". This is primary suppression.
 * - Secondary suppression: a row or column with exactly one suppressed entry also
 *   suppresses its next-smallest entry, repeated in both dimensions until nothing changes.
 *   The next-smallest is taken among the non-zero entries: a 0 cannot hide anything (the
 *   row would still add up to the hidden cell alone), so a suppressed 0 would only cost
 *   readers a figure without protecting anyone. Ties go to the first entry in the line.
 * - Totals are entries too. The table is treated with its margins, as a table of
 *   (rows + 1) × (cols + 1) whose last row and column are the totals and whose corner is
 *   the grand total: every line of it adds up, so the same rules apply to totals, which
 *   are suppressed when they are small themselves or when they would give a cell away.
 *   So no row or column of cells is published with exactly one suppressed cell and its
 *   total, and the totals row cannot give away a hidden total either.
 * - A suppressed entry could still be found by adding and subtracting whole lines (two
 *   blocks of suppressed cells joined by a single one, for instance). Each such entry is
 *   made part of a cycle of suppressed entries, at the least cost in published counts
 *   (disclosure-links.ts).
 * - Last, the labels themselves give ranges ("<5" is 1–4), and ranges can meet: in
 *   [[1, 10], [10, 4]] with its totals, hiding the four cells leaves 1 and 4 as the only
 *   possible corners. An audit (disclosure-audit.ts) looks for any suppressed entry that
 *   the published counts and the ranges pin to one value, and hides more around it.
 *   Afterwards no suppressed entry can be computed exactly from what is published; it
 *   can still be narrowed to a range, as the "<5" label itself does.
 * - Means and medians are published only when computed over at least 10 people.
 */

export const SMALL_COUNT_THRESHOLD = 5;
export const SENSITIVE_COUNT_THRESHOLD = 10;
export const MIN_N_FOR_STATISTIC = 10;

/** "<5" and "<10" are small counts; "c" (confidential) hides a count to protect another. */
export type SuppressionLabel = '<5' | '<10' | 'c';

export type PublishedCell = { readonly kind: 'value'; readonly value: number } | { readonly kind: 'suppressed'; readonly label: SuppressionLabel };

export interface CountTable {
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  /** cells[row][col]: counts of people or dossiers, whole and not negative. */
  readonly cells: readonly (readonly number[])[];
  /** Health, disability or minors: the stricter threshold applies. */
  readonly sensitive: boolean;
}

export interface ProtectedTable {
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  readonly cells: readonly (readonly PublishedCell[])[];
  readonly rowTotals: readonly PublishedCell[];
  readonly colTotals: readonly PublishedCell[];
  readonly grandTotal: PublishedCell;
  /** Counts from 1 to threshold - 1 are suppressed: 5, or 10 for sensitive tables. */
  readonly threshold: number;
}

export type PublishedStatistic = { readonly kind: 'value'; readonly value: number; readonly n: number } | { readonly kind: 'suppressed'; readonly reason: 'too_few' };

export function disclosureThreshold(sensitive: boolean): number {
  return sensitive ? SENSITIVE_COUNT_THRESHOLD : SMALL_COUNT_THRESHOLD;
}

function smallLabel(sensitive: boolean): SuppressionLabel {
  return sensitive ? '<10' : '<5';
}

function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number not below 0, not ${n}`);
}

/** One count on its own (a figure on a dashboard): shown, or "<5"/"<10". */
export function protectCount(count: number, sensitive: boolean): PublishedCell {
  checkCount(count, 'A count');
  if (count > 0 && count < disclosureThreshold(sensitive)) return { kind: 'suppressed', label: smallLabel(sensitive) };
  return { kind: 'value', value: count };
}

/** A mean or a median, published only when computed over at least 10 people. */
export function protectStatistic(input: { readonly n: number; readonly value: number }): PublishedStatistic {
  checkCount(input.n, 'n');
  if (!Number.isFinite(input.value)) throw new RangeError(`A statistic must be a finite number, not ${input.value}`);
  if (input.n < MIN_N_FOR_STATISTIC) return { kind: 'suppressed', reason: 'too_few' };
  return { kind: 'value', value: input.value, n: input.n };
}

type Mark = AuditMark;

/** The table with its margins: entry [rows][cols] is the grand total. */
function withTotals(cells: readonly (readonly number[])[], nCols: number): number[][] {
  const out = cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  out.push(Array.from({ length: nCols + 1 }, (_, j) => out.reduce((sum, row) => sum + row[j]!, 0)));
  return out;
}

/** The lines of the table with margins, each as the [row, col] of its entries. */
function linesOf(nRows: number, nCols: number): [number, number][][] {
  const rows = Array.from({ length: nRows + 1 }, (_, i) => Array.from({ length: nCols + 1 }, (_, j): [number, number] => [i, j]));
  const cols = Array.from({ length: nCols + 1 }, (_, j) => Array.from({ length: nRows + 1 }, (_, i): [number, number] => [i, j]));
  return [...rows, ...cols];
}

/** DOMAIN.md's rule: a line with exactly one suppressed entry loses its next-smallest. */
function suppressSecondary(values: readonly (readonly number[])[], marks: Mark[][], lines: readonly [number, number][][]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter(([i, j]) => marks[i]![j] !== 'value');
      if (hidden.length !== 1) continue;
      let best: [number, number] | null = null;
      for (const [i, j] of line) {
        const v = values[i]![j]!;
        if (marks[i]![j] === 'value' && v > 0 && (best === null || v < values[best[0]]![best[1]]!)) best = [i, j];
      }
      // A line whose one suppressed entry is not 0 always has another non-zero entry.
      if (best === null) throw new Error('unreachable: a lone suppressed entry with nothing to pair it with');
      marks[best[0]]![best[1]] = 'hidden';
      changed = true;
    }
  }
}

function publish(value: number, mark: Mark, sensitive: boolean): PublishedCell {
  if (mark === 'value') return { kind: 'value', value };
  return { kind: 'suppressed', label: mark === 'small' ? smallLabel(sensitive) : 'c' };
}

/** Protects a two-dimensional table of counts and its row, column and grand totals. */
export function protectTable(table: CountTable): ProtectedTable {
  const nRows = table.rows.length;
  const nCols = table.cols.length;
  if (table.cells.length !== nRows || table.cells.some((row) => row.length !== nCols)) {
    throw new RangeError(`cells must be ${nRows} rows of ${nCols} counts`);
  }
  table.cells.forEach((row) => row.forEach((n) => checkCount(n, 'A count')));

  const threshold = disclosureThreshold(table.sensitive);
  const values = withTotals(table.cells, nCols);
  const marks = values.map((row) => row.map((v): Mark => (v > 0 && v < threshold ? 'small' : 'value')));
  const lines = linesOf(nRows, nCols);
  for (;;) {
    suppressSecondary(values, marks, lines);
    const hidden = marks.map((row) => row.map((m) => m !== 'value'));
    let added = protectLinks(values, hidden);
    if (added.length === 0) {
      const exposed = exposedEntry(values, marks, threshold);
      // Only with nothing left to hide could an exposed entry stay; the tests find none.
      added = exposed ? cycleThrough(values, hidden, exposed) : [];
    }
    if (added.length === 0) break;
    for (const [i, j] of added) marks[i]![j] = 'hidden';
  }

  const published = values.map((row, i) => row.map((v, j) => publish(v, marks[i]![j]!, table.sensitive)));
  const totalsRow = published[nRows]!;
  return {
    rows: table.rows,
    cols: table.cols,
    cells: published.slice(0, nRows).map((row) => row.slice(0, nCols)),
    rowTotals: published.slice(0, nRows).map((row) => row[nCols]!),
    colTotals: totalsRow.slice(0, nCols),
    grandTotal: totalsRow[nCols]!,
    threshold,
  };
}
