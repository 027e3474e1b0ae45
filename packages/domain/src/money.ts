/**
 * Money in integer cents (issue 4 §6). Amounts never pass through floating point: they
 * are parsed from Italian text ("1.234,56") digit by digit, kept as safe integers, and
 * every sum is checked to stay one. A JavaScript number that is not an integer is
 * refused, never rounded.
 */

/** The largest single benefit or payment: one million euro. Anything above is a typing slip. */
export const MAX_AMOUNT_CENTS = 100_000_000;
/** The largest yearly allocation of a budget line: one billion euro. */
export const MAX_ALLOCATION_CENTS = 100_000_000_000;
/** A budget line's code in the city's budget (e.g. "12041.04.0001") and its name. */
export const BUDGET_LINE_CODE_MAX = 40;
export const BUDGET_LINE_NAME_MAX = 200;

export type AmountError = 'empty' | 'format' | 'negative' | 'decimals' | 'zero' | 'too_large';
export type AmountParse = { ok: true; cents: number } | { ok: false; error: AmountError };

const GROUPED = /^\d{1,3}(\.\d{3})+$/;
const PLAIN = /^\d+$/;

/**
 * Parses an amount as Italians write it: "1.234,56", "1234,5", "1234", "€ 12,00".
 * The dot groups thousands (only in threes), the comma separates cents (at most two
 * digits). "12.50" is refused as ambiguous rather than guessed.
 */
export function parseEuroAmount(input: string, options: { max?: number; allowZero?: boolean } = {}): AmountParse {
  const max = options.max ?? MAX_AMOUNT_CENTS;
  let text = input.replace(/[\s\u00a0\u202f]/g, '');
  if (text.startsWith('€')) text = text.slice(1);
  else if (text.endsWith('€')) text = text.slice(0, -1);
  if (text === '') return { ok: false, error: 'empty' };
  if (text.startsWith('-') || text.startsWith('−')) return { ok: false, error: 'negative' };
  if (text.startsWith('+')) text = text.slice(1);
  const parts = text.split(',');
  if (parts.length > 2) return { ok: false, error: 'format' };
  const [whole = '', fraction] = parts;
  if (!(PLAIN.test(whole) || GROUPED.test(whole))) return { ok: false, error: 'format' };
  if (fraction !== undefined) {
    if (!/^\d+$/.test(fraction)) return { ok: false, error: 'format' };
    if (fraction.length > 2) return { ok: false, error: 'decimals' };
  }
  const digits = whole.replace(/\./g, '').replace(/^0+(?=\d)/, '');
  // Longer than any allowed amount: refuse before building a number that is not exact.
  if (digits.length > 13) return { ok: false, error: 'too_large' };
  const cents = Number(digits) * 100 + Number((fraction ?? '').padEnd(2, '0'));
  if (cents > max) return { ok: false, error: 'too_large' };
  if (cents === 0 && !options.allowZero) return { ok: false, error: 'zero' };
  return { ok: true, cents };
}

/** True for a whole, non-negative number of cents within the cap. Floats are refused. */
export function isCents(value: unknown, max = MAX_ALLOCATION_CENTS): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max;
}

function assertSafe(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError('cents out of the safe integer range');
  return n;
}

/** Sum of cents; throws rather than lose a cent. */
export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new RangeError('not a whole number of cents');
    total = assertSafe(total + v);
  }
  return total;
}

export function multiplyCents(cents: number, times: number): number {
  if (!Number.isSafeInteger(cents) || !Number.isSafeInteger(times)) throw new RangeError('not a whole number of cents');
  return assertSafe(cents * times);
}

/**
 * Splits cents into `parts` instalments that add up exactly: the first ones carry the
 * leftover cents (100,00 in 3 -> 33,34 + 33,33 + 33,33).
 */
export function splitCents(total: number, parts: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0 || !Number.isSafeInteger(parts) || parts < 1) throw new RangeError('bad split');
  const base = Math.floor(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}

/** "1.234,56": the amount as Italians write it, for inputs and plain text (no symbol). */
export function formatCentsIt(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError('not a whole number of cents');
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}`;
}

/** Why the head of procedure commits over a line's remaining allocation: a real sentence. */
export const OVERRIDE_REASON_MIN = 5;
export const OVERRIDE_REASON_MAX = 500;

/** Committed and paid against a yearly allocation. */
export interface BudgetFigures {
  allocationCents: number;
  committedCents: number;
  paidCents: number;
}

/** What is left to commit on a line: allocation minus committed (negative after an override). */
export function remainingCents(f: Pick<BudgetFigures, 'allocationCents' | 'committedCents'>): number {
  return assertSafe(f.allocationCents - f.committedCents);
}

export type CommitmentCheck =
  | { ok: true; remainingAfterCents: number; overridden: boolean }
  | { ok: false; refusal: 'over_allocation'; remainingCents: number; shortfallCents: number }
  | { ok: false; refusal: 'override_reason_required' };

/**
 * May `amountCents` be committed on a line? Within the remaining allocation, yes. Over
 * it, only with an explicit override by someone allowed to give one, with a reason.
 */
export function checkCommitment(
  figures: Pick<BudgetFigures, 'allocationCents' | 'committedCents'>,
  amountCents: number,
  override?: { reason: string } | null,
): CommitmentCheck {
  const remaining = remainingCents(figures);
  const after = assertSafe(remaining - amountCents);
  if (after >= 0) return { ok: true, remainingAfterCents: after, overridden: false };
  if (!override) return { ok: false, refusal: 'over_allocation', remainingCents: remaining, shortfallCents: -after };
  if (override.reason.trim().length < OVERRIDE_REASON_MIN) return { ok: false, refusal: 'override_reason_required' };
  return { ok: true, remainingAfterCents: after, overridden: true };
}

export type PaymentCheck = { ok: true; remainingAfterCents: number } | { ok: false; refusal: 'over_benefit'; remainingCents: number };

/** A payment never exceeds what is still owed on the benefit. */
export function checkPayment(benefit: { amountCents: number; paidCents: number }, amountCents: number): PaymentCheck {
  const remaining = assertSafe(benefit.amountCents - benefit.paidCents);
  if (amountCents > remaining) return { ok: false, refusal: 'over_benefit', remainingCents: remaining };
  return { ok: true, remainingAfterCents: remaining - amountCents };
}
