import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { protectStatistic, protectTable, type CountTable, type ProtectedTable, type PublishedCell } from './disclosure.ts';

/**
 * Property tests of disclosure control on random synthetic tables, with two independent
 * oracles: linear algebra over the margins, and a search of the tables that fit what is
 * published (labels' ranges included).
 */

const v = (value: number): PublishedCell => ({ kind: 'value', value });
const lt5: PublishedCell = { kind: 'suppressed', label: '<5' };
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

/** The true table with its margins. */
function truth(t: CountTable): number[][] {
  const rows = t.cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  return [...rows, rows[0]!.map((_, j) => rows.reduce((s, row) => s + row[j]!, 0))];
}

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

describe('the test oracles', () => {
  it('pin down counts that the labels\' ranges give away', () => {
    // Rows 1 + 10 = 11 and 10 + 4 = 14, columns the same: with "<5" meaning 1–4, the
    // corner cells can only be 1 and 4.
    const values = [[1, 10, 11], [10, 4, 14], [11, 14, 25]];
    const published = values.map((row, i) => row.map((x, j) => (i < 2 && j < 2 ? (x < 5 ? lt5 : c) : v(x))));
    expect(pinnedEntries(values, published, 5)).toEqual(['0,0', '0,1', '1,0', '1,1']);
    expect(determinedEntries(values, published)).toEqual([]);
  });

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

/**
 * Which suppressed entries a reader can pin to one value, by searching the integer tables
 * that fit everything published: published counts, "<5"/"<10" as 1 to threshold - 1, "c"
 * as at least the threshold; no count above the grand total when it is published, or
 * (the search needs a bound) above three times it when it is not. For small tables only.
 */
function pinnedEntries(values: number[][], published: PublishedCell[][], threshold: number): string[] {
  const [nR, nC] = [values.length - 1, values[0]!.length - 1];
  const grandPublished = published[nR]![nC]!.kind === 'value';
  const cap = grandPublished ? values[nR]![nC]! : 3 * values[nR]![nC]! + threshold;
  const range = (i: number, j: number): [number, number] => {
    const p = published[i]![j]!;
    return p.kind === 'value' ? [p.value, p.value] : p.label === 'c' ? [threshold, cap] : [1, threshold - 1];
  };
  const pinned: string[] = [];
  for (let ei = 0; ei <= nR; ei++) {
    for (let ej = 0; ej <= nC; ej++) {
      if (published[ei]![ej]!.kind === 'value') continue;
      const avoid = values[ei]![ej]!;
      const fits = (i: number, j: number, x: number) => {
        const [low, high] = range(i, j);
        return x >= low && x <= high && !(i === ei && j === ej && x === avoid);
      };
      const x = values.slice(0, nR).map((row) => row.slice(0, nC));
      const search = (k: number): boolean => {
        if (k === nR * nC) {
          const rowsOk = x.every((row, i) => fits(i, nC, row.reduce((a, b) => a + b, 0)));
          const colSums = x[0]!.map((_, j) => x.reduce((sum, row) => sum + row[j]!, 0));
          return rowsOk && colSums.every((sum, j) => fits(nR, j, sum)) && fits(nR, nC, colSums.reduce((a, b) => a + b, 0));
        }
        const [i, j] = [Math.floor(k / nC), k % nC];
        const [low, high] = range(i, j);
        for (let d = 0; d <= high - low; d++) {
          for (const cand of d === 0 ? [values[i]![j]!] : [values[i]![j]! - d, values[i]![j]! + d]) {
            if (cand < low || cand > high || !fits(i, j, cand)) continue;
            x[i]![j] = cand;
            const rowSoFar = x[i]!.slice(0, j + 1).reduce((a, b) => a + b, 0);
            const colSoFar = x.slice(0, i + 1).reduce((sum, row) => sum + row[j]!, 0);
            if (rowSoFar > range(i, nC)[1] || colSoFar > range(nR, j)[1]) continue;
            if (j === nC - 1 && !fits(i, nC, rowSoFar)) continue;
            if (i === nR - 1 && !fits(nR, j, colSoFar)) continue;
            if (search(k + 1)) return true;
          }
        }
        x[i]![j] = values[i]![j]!;
        return false;
      };
      if (!search(0)) pinned.push(`${ei},${ej}`);
    }
  }
  return pinned;
}

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

  it('(b) not even the ranges the labels give ("<5" is 1–4) pin a suppressed count down, in small tables', () => {
    const small = fc
      .record({ nRows: fc.integer({ min: 1, max: 3 }), nCols: fc.integer({ min: 1, max: 3 }), sensitive: fc.boolean() })
      .chain(({ nRows, nCols, sensitive }) =>
        fc
          .array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })), { minLength: nCols, maxLength: nCols }), {
            minLength: nRows,
            maxLength: nRows,
          })
          .map((cells) => table(cells, sensitive)),
      );
    fc.assert(
      fc.property(small, (t) => {
        const p = protectTable(t);
        expect(pinnedEntries(truth(t), withMargins(p), p.threshold)).toEqual([]);
      }),
      { numRuns: 500 },
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
