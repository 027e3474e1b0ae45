import { disclosureThreshold } from './disclosure.ts';

/**
 * Disclosure control for sums of money (issue 5 §4, spending): a sum over one to four
 * benefits (one to nine in a sensitive table) would tell what those few people received,
 * so it is suppressed like a small count (primary suppression, counting the benefits
 * behind it). A line of amounts with exactly one suppressed sum also loses its
 * next-smallest sum, or the line's total would give the hidden one away (secondary
 * suppression, DOMAIN.md's rule applied to amounts). Allocations describe nobody and are
 * not passed through here.
 */
export interface AmountCell {
  /** Integer cents. */
  readonly cents: number;
  /** How many benefits the sum is over. */
  readonly n: number;
}

export type PublishedAmount =
  { readonly kind: 'value'; readonly cents: number } | { readonly kind: 'suppressed'; readonly reason: 'too_few' | 'secondary' };

export function protectAmounts(cells: readonly AmountCell[], sensitive: boolean): PublishedAmount[] {
  const threshold = disclosureThreshold(sensitive);
  for (const c of cells) {
    if (!Number.isSafeInteger(c.cents) || c.cents < 0 || !Number.isSafeInteger(c.n) || c.n < 0)
      throw new RangeError(`Bad amount cell ${c.cents}/${c.n}`);
  }
  const out: PublishedAmount[] = cells.map((c) =>
    c.n > 0 && c.n < threshold ? { kind: 'suppressed', reason: 'too_few' } : { kind: 'value', cents: c.cents },
  );
  const hidden = out.filter((c) => c.kind === 'suppressed').length;
  if (hidden === 1) {
    let best = -1;
    cells.forEach((c, i) => {
      if (out[i]!.kind === 'value' && c.n > 0 && (best < 0 || c.cents < cells[best]!.cents)) best = i;
    });
    if (best >= 0) out[best] = { kind: 'suppressed', reason: 'secondary' };
  }
  return out;
}
