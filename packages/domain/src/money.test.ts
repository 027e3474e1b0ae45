import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_AMOUNT_CENTS,
  checkCommitment,
  checkPayment,
  formatCentsIt,
  isCents,
  parseEuroAmount,
  remainingCents,
  splitCents,
  sumCents,
} from './money.ts';
import { checkBenefitTerms, isEconomicService, monthsAfter } from './benefits.ts';
import { CATALOGUE } from './catalogue.ts';

describe('parseEuroAmount', () => {
  it.each([
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1234,5', 123450],
    ['1234', 123400],
    ['0,01', 1],
    ['€ 12,00', 1200],
    ['12,00 €', 1200],
    [' 1.000.000 ', 100_000_000],
    ['007,10', 710],
  ])('reads %s as %i cents', (text, cents) => {
    expect(parseEuroAmount(text)).toEqual({ ok: true, cents });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-5', 'negative'],
    ['−5,00', 'negative'],
    ['12.50', 'format'],
    ['1.23,00', 'format'],
    ['1,2,3', 'format'],
    ['12,', 'format'],
    ['abc', 'format'],
    ['1e3', 'format'],
    ['12,345', 'decimals'],
    ['0,00', 'zero'],
    ['1.000.000,01', 'too_large'],
    ['99999999999999999999', 'too_large'],
  ])('refuses %j (%s)', (text, error) => {
    expect(parseEuroAmount(text)).toEqual({ ok: false, error });
  });

  it('takes a larger cap for allocations and may allow zero', () => {
    expect(parseEuroAmount('2.500.000,00', { max: 1e11 })).toEqual({ ok: true, cents: 250_000_000 });
    expect(parseEuroAmount('0', { allowZero: true })).toEqual({ ok: true, cents: 0 });
  });

  it('round-trips every amount through the Italian format (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_CENTS }), (cents) => {
        expect(parseEuroAmount(formatCentsIt(cents))).toEqual({ ok: true, cents });
        // Without the thousands dots too.
        expect(parseEuroAmount(formatCentsIt(cents).replace(/\./g, ''))).toEqual({ ok: true, cents });
      }),
    );
  });

  it('never answers a non-integer number of cents (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const r = parseEuroAmount(text);
        if (r.ok) expect(Number.isSafeInteger(r.cents) && r.cents > 0 && r.cents <= MAX_AMOUNT_CENTS).toBe(true);
      }),
    );
  });
});

describe('cents arithmetic', () => {
  it('refuses floats, negatives and unsafe numbers', () => {
    expect(isCents(100)).toBe(true);
    expect(isCents(0.1)).toBe(false);
    expect(isCents(-1)).toBe(false);
    expect(isCents(Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(isCents('100')).toBe(false);
    expect(() => sumCents([1, 0.5])).toThrow(RangeError);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it('adds what floating point would not: 0,10 + 0,20 is exactly 0,30', () => {
    expect(sumCents([10, 20])).toBe(30);
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('splits into instalments that add up exactly (property)', () => {
    expect(splitCents(10000, 3)).toEqual([3334, 3333, 3333]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }), fc.integer({ min: 1, max: 12 }), (total, parts) => {
        const split = splitCents(total, parts);
        expect(split).toHaveLength(parts);
        expect(sumCents(split)).toBe(total);
        expect(Math.max(...split) - Math.min(...split)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('formats with thousands dots and two decimals', () => {
    expect(formatCentsIt(123456)).toBe('1.234,56');
    expect(formatCentsIt(5)).toBe('0,05');
    expect(formatCentsIt(-150)).toBe('-1,50');
    expect(formatCentsIt(100_000_000)).toBe('1.000.000,00');
  });
});

describe('allocation checks', () => {
  const line = { allocationCents: 100_000, committedCents: 80_000 };

  it('commits within the remaining allocation', () => {
    expect(remainingCents(line)).toBe(20_000);
    expect(checkCommitment(line, 20_000)).toEqual({ ok: true, remainingAfterCents: 0, overridden: false });
  });

  it('refuses over-commitment without an override, saying by how much', () => {
    expect(checkCommitment(line, 20_001)).toEqual({ ok: false, refusal: 'over_allocation', remainingCents: 20_000, shortfallCents: 1 });
  });

  it('accepts over-commitment with an override and a reason', () => {
    expect(checkCommitment(line, 25_000, { reason: '   ' })).toEqual({ ok: false, refusal: 'override_reason_required' });
    expect(checkCommitment(line, 25_000, { reason: 'Urgenza: sfratto esecutivo' })).toEqual({
      ok: true,
      remainingAfterCents: -5_000,
      overridden: true,
    });
  });

  it('never lets a sequence of commitments pass the allocation without an override (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 40 }),
        (allocation, asks) => {
          let committed = 0;
          for (const a of asks) {
            const r = checkCommitment({ allocationCents: allocation, committedCents: committed }, a);
            if (r.ok) committed += a;
          }
          expect(committed).toBeLessThanOrEqual(allocation);
        },
      ),
    );
  });

  it('never pays more than the benefit', () => {
    expect(checkPayment({ amountCents: 30_000, paidCents: 20_000 }, 10_000)).toEqual({ ok: true, remainingAfterCents: 0 });
    expect(checkPayment({ amountCents: 30_000, paidCents: 20_000 }, 10_001)).toEqual({
      ok: false,
      refusal: 'over_benefit',
      remainingCents: 10_000,
    });
  });
});

describe('benefit terms', () => {
  it('derives total, last month and year', () => {
    expect(checkBenefitTerms({ monthlyCents: 25_000, months: 6, fromMonth: '2026-03' })).toEqual({
      ok: true,
      totalCents: 150_000,
      toMonth: '2026-08',
      year: 2026,
    });
    expect(checkBenefitTerms({ monthlyCents: 50_000, months: 1, fromMonth: '2026-12' })).toMatchObject({ ok: true, toMonth: '2026-12' });
  });

  it('refuses a period that crosses the year, bad months and floats', () => {
    expect(checkBenefitTerms({ monthlyCents: 100, months: 2, fromMonth: '2026-12' })).toEqual({ ok: false, error: 'crosses_year' });
    expect(checkBenefitTerms({ monthlyCents: 100, months: 13, fromMonth: '2026-01' })).toEqual({ ok: false, error: 'months' });
    expect(checkBenefitTerms({ monthlyCents: 100, months: 1, fromMonth: '2026-13' })).toEqual({ ok: false, error: 'from_month' });
    expect(checkBenefitTerms({ monthlyCents: 100.5, months: 1, fromMonth: '2026-01' })).toEqual({ ok: false, error: 'monthly' });
    expect(checkBenefitTerms({ monthlyCents: MAX_AMOUNT_CENTS, months: 2, fromMonth: '2026-01' })).toEqual({ ok: false, error: 'total' });
  });

  it('counts months across the year end', () => {
    expect(monthsAfter('2026-11', 3)).toBe('2027-02');
    expect(monthsAfter('2026-01', 0)).toBe('2026-01');
  });

  it('names only catalogue services, all with a SIUSS code', () => {
    const economic = CATALOGUE.filter((s) => isEconomicService(s.code));
    expect(economic).toHaveLength(8);
    for (const s of economic) expect(s.siuss).toMatch(/^A1\.\d{2}$/);
    expect(isEconomicService('PA-ANZ-01')).toBe(false);
  });
});
