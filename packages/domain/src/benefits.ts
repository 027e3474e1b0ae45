/**
 * Economic benefits (issue 4 §6): which catalogue services pay money, and the shape of a
 * benefit's period. Shared by the device (the admission form) and the server (the rule).
 */
import { MAX_AMOUNT_CENTS, multiplyCents } from './money.ts';

/**
 * Services whose admission grants money to the person or on their behalf: contributions,
 * vouchers, fee supplements and reimbursements. Their admission must record an amount,
 * a period and a budget line. The other services (home care, transport, day centres,
 * the canteen...) are given in kind and are admitted without one.
 */
export const ECONOMIC_SERVICE_CODES = [
  'PA-POV-01', // contributo economico straordinario (SIUSS A1.04)
  'PA-POV-02', // buoni spesa (A1.06)
  'PA-POV-03', // contributo affitto / morosità incolpevole (A1.05)
  'PA-FAM-01', // contributo famiglie numerose (A1.04)
  'PA-FAM-02', // assegno di maternità dei Comuni (A1.02)
  'PA-MIN-02', // integrazione retta asilo nido (A1.07)
  'PA-ANZ-03', // integrazione retta struttura residenziale (A1.14)
  'PA-SAN-01', // rimborso spese sanitarie fuori comune (A1.10)
] as const;

export function isEconomicService(serviceCode: string): boolean {
  return (ECONOMIC_SERVICE_CODES as readonly string[]).includes(serviceCode);
}

/** At most a year: a benefit is committed on one year's budget. */
export const MAX_BENEFIT_MONTHS = 12;

/**
 * A benefit's period and amount: a monthly amount for a number of months starting from
 * a month (a one-off contribution is one month). The total is monthly x months, so it
 * is exact and the monthly figure is the one written in the decision. The whole period
 * lies in one calendar year, the year the benefit is committed on (the budget is
 * annual); a benefit that runs on is decided again on the next year's allocation.
 */
export interface BenefitTerms {
  monthlyCents: number;
  months: number;
  /** YYYY-MM */
  fromMonth: string;
}

export type BenefitTermsError = 'monthly' | 'months' | 'from_month' | 'crosses_year' | 'total';

export function monthsAfter(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Checks the terms; gives the derived figures (total, last month, year). */
export function checkBenefitTerms(
  terms: BenefitTerms,
): { ok: true; totalCents: number; toMonth: string; year: number } | { ok: false; error: BenefitTermsError } {
  if (!Number.isSafeInteger(terms.monthlyCents) || terms.monthlyCents <= 0 || terms.monthlyCents > MAX_AMOUNT_CENTS) {
    return { ok: false, error: 'monthly' };
  }
  if (!Number.isSafeInteger(terms.months) || terms.months < 1 || terms.months > MAX_BENEFIT_MONTHS) return { ok: false, error: 'months' };
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(terms.fromMonth);
  if (!match) return { ok: false, error: 'from_month' };
  const year = Number(match[1]);
  const toMonth = monthsAfter(terms.fromMonth, terms.months - 1);
  if (Number(toMonth.slice(0, 4)) !== year) return { ok: false, error: 'crosses_year' };
  const totalCents = multiplyCents(terms.monthlyCents, terms.months);
  if (totalCents > MAX_AMOUNT_CENTS) return { ok: false, error: 'total' };
  return { ok: true, totalCents, toMonth, year };
}

/** A payment's reference, e.g. the number of the mandato di pagamento. */
export const PAYMENT_REFERENCE_MAX = 60;
/** Case notes and the care plan's fields. */
export const CASE_NOTE_MAX = 4000;
export const CARE_PLAN_FIELD_MAX = 4000;
