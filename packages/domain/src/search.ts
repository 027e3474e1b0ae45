/**
 * A small search that forgives typos, for the public catalogue ("asilo nio" finds the
 * asilo nido, "anzani" the services for anziani). Both the device and the server can
 * use it. The catalogue has 15 entries, so a linear scan with edit distances is
 * instant and needs no index structure or dependency: the few KB of a fuzzy-search
 * library would buy nothing here.
 *
 * Scoring: each query word takes its best match among a service's words, weighted by
 * the field it is in (title above summary above description). A match is exact, a
 * prefix (the user has not finished typing), or within 1 edit (words of 4–6 letters)
 * or 2 edits (longer words); edits are Damerau–Levenshtein, so a swap of two letters
 * counts once. Results keep catalogue order among equals.
 */

/** Lower case, no accents or apostrophes, words of letters and digits only. */
export function searchWords(text: string): string[] {
  return text
    .toLocaleLowerCase('it')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Short words that say nothing about what is wanted. */
const STOP_WORDS = new Set(
  'a ad al alla alle agli ai all che chi con da dal dalla dei del della delle di e ed gli i il in la le lo l mi mio mia ne nel nella o per se si su sua suo ti tu un una uno vi voglio cerco serve servizio servizi aiuto'.split(' '),
);

/** Damerau–Levenshtein distance (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

function allowedEdits(word: string): number {
  if (word.length <= 3) return word.length === 3 ? 1 : 0;
  return word.length <= 6 ? 1 : 2;
}

/** How well one typed word matches one word of the text: 0 (not at all) to 1 (exact). */
export function wordMatch(typed: string, word: string): number {
  if (typed === word) return 1;
  if (typed.length >= 3 && word.startsWith(typed)) return 0.9;
  const max = allowedEdits(typed);
  if (max === 0) return 0;
  // A short typed word only matches short words: "nio" may be "nido", not "anziani".
  const whole = editDistance(typed, word, max);
  // An unfinished word with a typo: compare with the start of the longer word.
  const start = typed.length >= 4 && word.length > typed.length ? editDistance(typed, word.slice(0, typed.length), max) + 0.5 : Infinity;
  const d = Math.min(whole, start);
  if (d > max) return 0;
  return d <= 1 ? 0.7 : 0.5;
}

export interface SearchField {
  readonly text: string;
  /** How much a match in this field counts, e.g. 3 for a title, 1 for a description. */
  readonly weight: number;
}

interface IndexedEntry<T> {
  readonly item: T;
  readonly fields: readonly { words: readonly string[]; weight: number }[];
}

export interface SearchHit<T> {
  readonly item: T;
  readonly score: number;
}

/**
 * Builds a search over items. `fieldsOf` says which texts of an item are searched and
 * how much each counts. Returns the matching items, best first.
 */
export function createFuzzySearch<T>(items: readonly T[], fieldsOf: (item: T) => readonly SearchField[]) {
  const entries: IndexedEntry<T>[] = items.map((item) => ({
    item,
    fields: fieldsOf(item).map((f) => ({ words: [...new Set(searchWords(f.text))], weight: f.weight })),
  }));

  return function search(query: string): SearchHit<T>[] {
    const typed = searchWords(query).filter((w) => !STOP_WORDS.has(w));
    if (typed.length === 0) return [];
    const hits: SearchHit<T>[] = [];
    for (const entry of entries) {
      let score = 0;
      for (const t of typed) {
        let best = 0;
        for (const field of entry.fields) {
          for (const w of field.words) best = Math.max(best, wordMatch(t, w) * field.weight);
        }
        score += best;
      }
      if (score > 0) hits.push({ item: entry.item, score });
    }
    if (hits.length === 0) return [];
    // Keep what is close to the best: a weak match in a long description is noise
    // next to a service whose title answers the question.
    const top = Math.max(...hits.map((h) => h.score));
    return hits.filter((h) => h.score >= top * 0.4).sort((a, b) => b.score - a.score);
  };
}
