/**
 * The audit at the end of disclosure control (see disclosure.ts): can a reader pin a
 * suppressed count down to one value, using the published counts, the lines' sums and
 * the ranges the labels give away?
 *
 * The reader is assumed to know that "<5" ("<10") means 1–4 (1–9), and, from the rules
 * in DOMAIN.md, that a "c" hides a count of at least the threshold (only published,
 * non-zero counts are ever hidden to protect another). With the margins, the table is a
 * circulation: each row's total flows into the row and out along its cells, each cell
 * into its column and out as the column's total, and the column totals into the grand
 * total, which flows out again as the row totals. A suppressed count is pinned down
 * exactly when no feasible circulation gives it a value one above or one below the true
 * one; feasibility with bounds is one maximum-flow computation.
 */

export type AuditMark = 'value' | 'small' | 'hidden';
type Entry = [row: number, col: number];

interface Arc {
  to: number;
  cap: number;
  rev: number;
}

/** Edmonds–Karp: the value of a maximum flow from s to t. */
function maxFlow(graph: Arc[][], s: number, t: number): number {
  let total = 0;
  for (;;) {
    const prev = new Array<[number, number] | null>(graph.length).fill(null);
    const queue = [s];
    for (let h = 0; h < queue.length && prev[t] === null; h++) {
      const u = queue[h]!;
      graph[u]!.forEach((arc, k) => {
        if (arc.cap > 0 && prev[arc.to] === null && arc.to !== s) {
          prev[arc.to] = [u, k];
          queue.push(arc.to);
        }
      });
    }
    if (prev[t] === null) return total;
    let push = Infinity;
    for (let v = t; v !== s; v = prev[v]![0]) push = Math.min(push, graph[prev[v]![0]]![prev[v]![1]]!.cap);
    for (let v = t; v !== s; v = prev[v]![0]) {
      const arc = graph[prev[v]![0]]![prev[v]![1]]!;
      arc.cap -= push;
      graph[arc.to]![arc.rev]!.cap += push;
    }
    total += push;
  }
}

/** Is there a circulation on the table's graph with every entry within its bounds? */
function feasible(nR: number, nC: number, bounds: readonly (readonly [number, number])[][]): boolean {
  const source = nR + nC;
  const sink = source + 1;
  if (bounds.some((row) => row.some(([low, high]) => low > high))) return false;
  const graph: Arc[][] = Array.from({ length: sink + 1 }, () => []);
  const excess = new Array<number>(sink + 1).fill(0);
  const addArc = (from: number, to: number, cap: number) => {
    graph[from]!.push({ to, cap, rev: graph[to]!.length });
    graph[to]!.push({ to: from, cap: 0, rev: graph[from]!.length - 1 });
  };
  bounds.forEach((row, i) =>
    row.forEach(([low, high], j) => {
      const [isTotalRow, isTotalCol] = [i === nR - 1, j === nC - 1];
      // Interior cells flow row -> column; totals close the circuit (see above).
      const [from, to] = isTotalRow === isTotalCol ? [i, nR + j] : [nR + j, i];
      excess[to]! += low;
      excess[from]! -= low;
      if (high > low) addArc(from, to, high - low);
    }),
  );
  let needed = 0;
  excess.forEach((e, v) => {
    if (e > 0) {
      addArc(source, v, e);
      needed += e;
    } else if (e < 0) addArc(v, sink, -e);
  });
  return maxFlow(graph, source, sink) === needed;
}

/** The first suppressed entry a reader could pin down exactly, or null when none. */
export function exposedEntry(values: readonly (readonly number[])[], marks: readonly (readonly AuditMark[])[], threshold: number): Entry | null {
  const nR = values.length;
  const nC = values[0]?.length ?? 0;
  const unbounded = 2 * values.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0) + threshold;
  const bounds = values.map((row, i) =>
    row.map((v, j): [number, number] => {
      const mark = marks[i]![j]!;
      return mark === 'value' ? [v, v] : mark === 'small' ? [1, threshold - 1] : [threshold, unbounded];
    }),
  );
  for (let i = 0; i < nR; i++) {
    for (let j = 0; j < nC; j++) {
      if (marks[i]![j] === 'value') continue;
      const v = values[i]![j]!;
      const [low, high] = bounds[i]![j]!;
      const tryRange = (range: [number, number]) => {
        bounds[i]![j] = range;
        const ok = feasible(nR, nC, bounds);
        bounds[i]![j] = [low, high];
        return ok;
      };
      if (!tryRange([v + 1, high]) && !tryRange([low, v - 1])) return [i, j];
    }
  }
  return null;
}
