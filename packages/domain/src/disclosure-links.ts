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

/** The published entries that close the cheapest cycle through (i, j): least total count hidden. */
function cheapestCycle(values: readonly (readonly number[])[], hidden: readonly (readonly boolean[])[], i: number, j: number): Entry[] {
  const nRows = values.length;
  const nCols = values[0]?.length ?? 0;
  const size = nRows + nCols;
  const cost = new Array<number>(size).fill(Infinity);
  const via = new Array<Entry | null>(size).fill(null);
  const done = new Array<boolean>(size).fill(false);
  cost[i] = 0;
  for (;;) {
    let node = -1;
    for (let n = 0; n < size; n++) if (!done[n] && cost[n]! < Infinity && (node < 0 || cost[n]! < cost[node]!)) node = n;
    if (node < 0 || node === nRows + j) break;
    done[node] = true;
    const isRow = node < nRows;
    const count = isRow ? nCols : nRows;
    for (let k = 0; k < count; k++) {
      const [r, c] = isRow ? [node, k] : [k, node - nRows];
      if (r === i && c === j) continue;
      // A 0 hides nothing, so the cycle goes through non-zero entries only.
      const step = hidden[r]![c] ? 0 : values[r]![c]! > 0 ? values[r]![c]! : Infinity;
      const next = isRow ? nRows + c : r;
      if (cost[node]! + step < cost[next]!) {
        cost[next] = cost[node]! + step;
        via[next] = [r, c];
      }
    }
  }
  const added: Entry[] = [];
  for (let node = nRows + j; node !== i; ) {
    const edge = via[node];
    if (!edge) throw new Error('unreachable: the totals always close a cycle');
    if (!hidden[edge[0]]![edge[1]]) added.push(edge);
    node = node < nRows ? nRows + edge[1] : edge[0];
  }
  return added;
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
      if (row[j] && !onCycle(hidden, i, j)) return cheapestCycle(values, hidden, i, j);
    }
  }
  return [];
}
