import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffDelay, retryDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('waits nothing before any failure', () => {
    expect(backoffDelay(0)).toBe(0);
  });

  it('doubles the step with each failure, between half and all of it', () => {
    const low = { baseMs: 1000, capMs: 60_000, random: () => 0 };
    const high = { baseMs: 1000, capMs: 60_000, random: () => 0.999999 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, low))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, high))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the cap, however many failures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const d = backoffDelay(n, { baseMs: 1000, capMs: 60_000, random: () => r });
        expect(d).toBeGreaterThanOrEqual(500);
        expect(d).toBeLessThanOrEqual(60_000);
      }),
    );
  });

  it('is monotone in the number of failures for the same jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const opts = { random: () => r };
        expect(backoffDelay(n + 1, opts)).toBeGreaterThanOrEqual(backoffDelay(n, opts));
      }),
    );
  });
});

describe('retryDelay', () => {
  it('honours a Retry-After longer than the backoff', () => {
    expect(retryDelay(1, 30_000, { random: () => 0 })).toBe(30_000);
  });

  it('keeps the backoff when Retry-After is shorter or absent', () => {
    expect(retryDelay(5, 100, { random: () => 0 })).toBe(8000);
    expect(retryDelay(5, undefined, { random: () => 0 })).toBe(8000);
  });
});
