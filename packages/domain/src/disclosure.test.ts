import { describe, expect, it } from 'vitest';
import { protectCount, protectStatistic, protectTable, type CountTable, type PublishedCell } from './disclosure.ts';

const v = (value: number): PublishedCell => ({ kind: 'value', value });
const lt5: PublishedCell = { kind: 'suppressed', label: '<5' };
const lt10: PublishedCell = { kind: 'suppressed', label: '<10' };
const c: PublishedCell = { kind: 'suppressed', label: 'c' };

const table = (cells: number[][], sensitive = false): CountTable => ({
  rows: cells.map((_, i) => `r${i}`),
  cols: (cells[0] ?? []).map((_, j) => `c${j}`),
  cells,
  sensitive,
});

describe('protectCount and protectStatistic', () => {
  it.each([
    [0, false, v(0)],
    [1, false, lt5],
    [4, false, lt5],
    [5, false, v(5)],
    [0, true, v(0)],
    [1, true, lt10],
    [9, true, lt10],
    [10, true, v(10)],
  ])('%i (sensitive: %s)', (n, sensitive, expected) => {
    expect(protectCount(n, sensitive)).toEqual(expected);
  });

  it('publishes a mean or median only over at least 10 people', () => {
    expect(protectStatistic({ n: 9, value: 41.5 })).toEqual({ kind: 'suppressed', reason: 'too_few' });
    expect(protectStatistic({ n: 10, value: 41.5 })).toEqual({ kind: 'value', value: 41.5, n: 10 });
    expect(protectStatistic({ n: 0, value: 0 })).toEqual({ kind: 'suppressed', reason: 'too_few' });
  });

  it('refuses what is not a count', () => {
    expect(() => protectCount(-1, false)).toThrow(RangeError);
    expect(() => protectCount(2.5, false)).toThrow(RangeError);
    expect(() => protectStatistic({ n: 12, value: Number.NaN })).toThrow(RangeError);
    expect(() => protectTable({ rows: ['a'], cols: ['x', 'y'], cells: [[1]], sensitive: false })).toThrow(RangeError);
    expect(() => protectTable(table([[1, -2]]))).toThrow(RangeError);
  });
});

describe('protectTable, worked by hand', () => {
  it('publishes a table with nothing small as it is', () => {
    const t = protectTable(table([[12, 0], [7, 30]]));
    expect(t.cells).toEqual([[v(12), v(0)], [v(7), v(30)]]);
    expect([t.rowTotals, t.colTotals, t.grandTotal]).toEqual([[v(12), v(37)], [v(19), v(30)], v(49)]);
    expect(t.threshold).toBe(5);
  });

  it('hides a small count and the next-smallest of its row and column, until stable', () => {
    // Row 0 loses 12 for the 3; column 0 then loses 15, column 1 loses 18: each line has 0 or 2.
    const t = protectTable(table([[12, 3, 20], [15, 18, 25], [30, 22, 40]]));
    expect(t.cells).toEqual([[c, lt5, v(20)], [c, c, v(25)], [v(30), v(22), v(40)]]);
    expect([t.rowTotals, t.colTotals, t.grandTotal]).toEqual([[v(35), v(58), v(92)], [v(57), v(43), v(85)], v(185)]);
  });

  it('never picks a 0 to pair with a suppressed cell', () => {
    // Row 0's next-smallest would be the 0: the 7 goes instead; the rule then runs round to a 6-cycle.
    const t = protectTable(table([[2, 0, 7], [9, 6, 11], [8, 14, 0]]));
    expect(t.cells).toEqual([[lt5, v(0), c], [v(9), c, c], [c, c, v(0)]]);
    expect([t.rowTotals, t.colTotals, t.grandTotal]).toEqual([[v(9), v(26), v(22)], [v(19), v(20), v(18)], v(57)]);
  });

  it('hides a total that would give a cell away, and then a second total', () => {
    // Row 0 is [3, 0]: its total is 3 too. Column 0 then loses 20, the totals column 50.
    const t = protectTable(table([[3, 0], [20, 30], [25, 40]]));
    expect(t.cells).toEqual([[lt5, v(0)], [c, v(30)], [v(25), v(40)]]);
    expect(t.rowTotals).toEqual([lt5, c, v(65)]);
    expect([t.colTotals, t.grandTotal]).toEqual([[v(48), v(70)], v(118)]);
  });

  it('uses "<10" for sensitive tables', () => {
    const t = protectTable(table([[8, 12], [15, 9]], true));
    expect(t.cells).toEqual([[lt10, c], [c, lt10]]);
    expect([t.rowTotals, t.colTotals, t.grandTotal]).toEqual([[v(20), v(24)], [v(23), v(21)], v(44)]);
    expect(t.threshold).toBe(10);
  });

  it('joins two blocks linked by one cell, which the totals would otherwise give away', () => {
    // The 1 at [0][2] is (rows 0 + 1) - (columns 0 + 1) minus published cells: hide the
    // cheapest cell linking the blocks, 45, so that it lies on a cycle.
    const cells = [
      [2, 3, 1, 60],
      [4, 2, 70, 45],
      [80, 55, 3, 2],
      [65, 75, 4, 1],
    ];
    const t = protectTable(table(cells));
    expect(t.cells).toEqual([
      [lt5, lt5, lt5, v(60)],
      [lt5, lt5, v(70), c],
      [v(80), v(55), lt5, lt5],
      [v(65), v(75), lt5, lt5],
    ]);
    expect(t.rowTotals.every((x) => x.kind === 'value')).toBe(true);
  });

  it('hides more when the "<5" ranges would pin the counts down', () => {
    // Hiding the four cells alone is not enough (see the oracle's own test): the column
    // totals go too, and then 1–4 is all a reader can say of either corner.
    const t = protectTable(table([[1, 10], [10, 4]]));
    expect(t.cells).toEqual([[lt5, c], [c, lt5]]);
    expect([t.rowTotals, t.colTotals, t.grandTotal]).toEqual([[v(11), v(14)], [c, c], v(25)]);
  });

  it('suppresses small totals too, and handles a single column', () => {
    const t = protectTable(table([[2], [0], [9]]));
    expect(t.cells).toEqual([[lt5], [v(0)], [c]]);
    expect(t.rowTotals).toEqual([lt5, v(0), c]);
    expect([t.colTotals, t.grandTotal]).toEqual([[v(11)], v(11)]);
  });

  it('keeps the labels', () => {
    const t = protectTable({ rows: ['I', 'II'], cols: ['0–17', '18–34'], cells: [[0, 0], [0, 0]], sensitive: true });
    expect(t.rows).toEqual(['I', 'II']);
    expect(t.cols).toEqual(['0–17', '18–34']);
    expect(t.grandTotal).toEqual(v(0));
  });
});
