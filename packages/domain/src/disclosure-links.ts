/**
 * The last step of disclosure control (see disclosure.ts): no suppressed entry may be
 * computable from what is published.
 *
 * A table with its margins is a bipartite graph: one node per line (each row, the totals
 * row, each column, the totals column) and one edge per entry, joining its row and its
 * column; every node's entries add up (cells to their total). Each line is one equation
 * in the suppressed entries, and a suppressed entry is determined by these equations
 * exactly when its edge is a bridge of the graph of suppressed entries, that is, when it
 * lies on no cycle of them. Any value moved around a cycle (+t, -t, +t...) keeps every
 * line's sum, so an entry on a cycle is not determined; an entry on no cycle is.
 */

type Entry = [row: number, col: number];

/** True when the suppressed entry (i, j) lies on a cycle of suppressed entries. */
function onCycle(hidden: readonly (readonly boolean[])[], i: number, j: number): boolean {
  const nRows = hidden.length;
  const nCols = hidden[0]?.length ?? 0;
  // Nodes: rows 0..nRows-1, then columns nRows..nRows+nCols-1. Search from row i to column j without the edge itself.
  const seen = new Array<boolean>(nRows + nCols).fill(false);
  const queue = [i];
  seen[i] = true;
  while (queue.length > 0) {
    const node = queue.pop()!;
    const isRow = node < nRows;
    const count = isRow ? nCols : nRows;
    for (let k = 0; k < count; k++) {
      const [r, c] = isRow ? [node, k] : [k, node - nRows];
      if (!hidden[r]![c] || (r === i && c === j)) continue;
      const next = isRow ? nRows + c : r;
      if (next === nRows + j) return true;
      if (!seen[next]) {
        seen[next] = true;
        queue.push(next);
      }
    }
  }
  return false;
}

/**
 * The published entries to suppress so that (i, j) lies on one more cycle of suppressed
 * entries: the cheapest walk from its row to its column, not through itself, that takes
 * at least one published entry, costing each published entry its count (suppressed ones
 * cost nothing). Empty when no published entry is left to take.
 */
export function cycleThrough(values: readonly (readonly number[])[], hidden: readonly (readonly boolean[])[], [i, j]: Entry): Entry[] {
  const nRows = values.length;
  const nCols = values[0]?.length ?? 0;
  const nodes = nRows + nCols;
  // States: node, and whether the walk has taken a published entry yet (+ nodes).
  const size = 2 * nodes;
  const cost = new Array<number>(size).fill(Infinity);
  const via = new Array<{ entry: Entry; from: number } | null>(size).fill(null);
  const done = new Array<boolean>(size).fill(false);
  const target = nodes + nRows + j;
  cost[i] = 0;
  for (;;) {
    let state = -1;
    for (let n = 0; n < size; n++) if (!done[n] && cost[n]! < Infinity && (state < 0 || cost[n]! < cost[state]!)) state = n;
    if (state < 0 || state === target) break;
    done[state] = true;
    const [node, taken] = [state % nodes, state >= nodes];
    const isRow = node < nRows;
    for (let k = 0; k < (isRow ? nCols : nRows); k++) {
      const [r, c] = isRow ? [node, k] : [k, node - nRows];
      if (r === i && c === j) continue;
      const published = !hidden[r]![c];
      // A 0 hides nothing, so the cycle goes through non-zero entries only.
      if (published && values[r]![c]! <= 0) continue;
      const next = (isRow ? nRows + c : r) + (taken || published ? nodes : 0);
      const step = published ? values[r]![c]! : 0;
      if (cost[state]! + step < cost[next]!) {
        cost[next] = cost[state]! + step;
        via[next] = { entry: [r, c], from: state };
      }
    }
  }
  if (cost[target] === Infinity) return [];
  const added = new Map<string, Entry>();
  for (let state = target; state !== i; ) {
    const step = via[state]!;
    if (!hidden[step.entry[0]]![step.entry[1]]) added.set(step.entry.join(), step.entry);
    state = step.from;
  }
  return [...added.values()];
}

/**
 * For the first suppressed entry that lies on no cycle of suppressed entries, the
 * published entries to suppress so that it does; empty when every suppressed entry is
 * already safe. `values` and `hidden` are the table with its margins.
 */
export function protectLinks(values: readonly (readonly number[])[], hidden: readonly (readonly boolean[])[]): Entry[] {
  for (let i = 0; i < hidden.length; i++) {
    const row = hidden[i]!;
    for (let j = 0; j < row.length; j++) {
      if (row[j] && !onCycle(hidden, i, j)) return cycleThrough(values, hidden, [i, j]);
    }
  }
  return [];
}
