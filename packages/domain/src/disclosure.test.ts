import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { protectCount, protectStatistic, protectTable, type CountTable, type ProtectedTable, type PublishedCell } from './disclosure.ts';

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

/** The published table with its margins, as protectTable's entries [row][col]. */
function withMargins(t: ProtectedTable): PublishedCell[][] {
  return [...t.cells.map((row, i) => [...row, t.rowTotals[i]!]), [...t.colTotals, t.grandTotal]];
}

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

/** Which suppressed entries the published ones determine, by linear algebra over the margins. */
function determinedEntries(values: number[][], published: PublishedCell[][]): string[] {
  const nR = values.length - 1;
  const nC = values[0]!.length - 1;
  const unknowns: [number, number][] = [];
  published.forEach((row, i) => row.forEach((p, j) => p.kind === 'suppressed' && unknowns.push([i, j])));
  const index = new Map(unknowns.map(([i, j], k) => [`${i},${j}`, k]));
  const equations: number[][] = [];
  const line = (entries: [number, number][], total: [number, number]) => {
    const eq = new Array<number>(unknowns.length).fill(0);
    for (const [i, j] of entries) if (index.has(`${i},${j}`)) eq[index.get(`${i},${j}`)!]! += 1;
    if (index.has(`${total[0]},${total[1]}`)) eq[index.get(`${total[0]},${total[1]}`)!]! -= 1;
    equations.push(eq);
  };
  for (let i = 0; i <= nR; i++) line(Array.from({ length: nC }, (_, j): [number, number] => [i, j]), [i, nC]);
  for (let j = 0; j <= nC; j++) line(Array.from({ length: nR }, (_, i): [number, number] => [i, j]), [nR, j]);
  // Row echelon form; an unknown is determined when its unit vector lies in the row space.
  const basis: { pivot: number; row: number[] }[] = [];
  const reduce = (vec: number[]) => {
    const r = [...vec];
    for (const b of basis) {
      const factor = r[b.pivot]! / b.row[b.pivot]!;
      if (Math.abs(factor) > 1e-9) r.forEach((_, k) => (r[k]! -= factor * b.row[k]!));
    }
    return r;
  };
  for (const eq of equations) {
    const r = reduce(eq);
    const pivot = r.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot >= 0) basis.push({ pivot, row: r });
  }
  return unknowns
    .filter((_, k) => reduce(unknowns.map((__, m) => (m === k ? 1 : 0))).every((x) => Math.abs(x) < 1e-9))
    .map(([i, j]) => `${i},${j}`);
}

describe('the test oracle', () => {
  it('finds counts that primary suppression alone would give away', () => {
    const values = [[12, 3, 20, 35], [15, 18, 25, 58], [57, 43, 85, 185]];
    const published = values.map((row) => row.map((x) => (x === 3 ? lt5 : v(x))));
    expect(determinedEntries(values, published)).toEqual(['0,1']);
  });

  it('finds the cell linking two blocks when nothing else hides it', () => {
    const values = [[2, 3, 1, 6], [4, 2, 0, 6], [0, 0, 3, 3], [6, 5, 4, 15]];
    const published = values.map((row, i) => row.map((x, j) => (i < 3 && j < 3 && x > 0 ? lt5 : v(x))));
    expect(determinedEntries(values, published)).toEqual(['0,2', '2,2']);
  });
});

describe('protectTable, properties over random tables', () => {
  const count = fc.oneof(
    { arbitrary: fc.constant(0), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 12 }), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 300 }), weight: 3 },
  );
  const tables = fc
    .record({ nRows: fc.integer({ min: 1, max: 6 }), nCols: fc.integer({ min: 1, max: 6 }), sensitive: fc.boolean() })
    .chain(({ nRows, nCols, sensitive }) =>
      fc.array(fc.array(count, { minLength: nCols, maxLength: nCols }), { minLength: nRows, maxLength: nRows }).map((cells) => table(cells, sensitive)),
    );
  const truth = (t: CountTable) => {
    const rows = t.cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
    return [...rows, rows[0]!.map((_, j) => rows.reduce((s, row) => s + row[j]!, 0))];
  };

  it('(a) publishes no count between 1 and the threshold, and every published count is the true one', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const p = protectTable(t);
        const values = truth(t);
        withMargins(p).forEach((row, i) =>
          row.forEach((cell, j) => {
            const real = values[i]![j]!;
            if (cell.kind === 'value') {
              expect(cell.value).toBe(real);
              expect(cell.value === 0 || cell.value >= p.threshold).toBe(true);
            } else {
              expect(real).toBeGreaterThan(0);
              if (real < p.threshold) expect(cell.label).toBe(t.sensitive ? '<10' : '<5');
            }
          }),
        );
      }),
    );
  });

  it('(b) no row or column has exactly one suppressed cell while its total is published', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const m = withMargins(protectTable(t));
        const lines = [...m, ...m[0]!.map((_, j) => m.map((row) => row[j]!))];
        for (const line of lines) expect(line.filter((x) => x.kind === 'suppressed').length).not.toBe(1);
      }),
    );
  });

  it('(b) no suppressed cell or total can be computed exactly from what is published', () => {
    fc.assert(
      fc.property(tables, (t) => {
        expect(determinedEntries(truth(t), withMargins(protectTable(t)))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('(c) no mean or median is published over fewer than 10', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.double({ noNaN: true, noDefaultInfinity: true }), (n, value) => {
        const s = protectStatistic({ n, value });
        expect(s.kind === 'value').toBe(n >= 10);
      }),
    );
  });
});
