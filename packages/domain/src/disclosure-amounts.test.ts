import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { protectAmounts } from './disclosure-amounts.ts';

describe('protectAmounts', () => {
  it('hides a sum over fewer than 5 benefits, and the next-smallest with it', () => {
    const out = protectAmounts(
      [
        { cents: 120_000, n: 2 },
        { cents: 900_000, n: 12 },
        { cents: 300_000, n: 6 },
        { cents: 0, n: 0 },
      ],
      false,
    );
    expect(out).toEqual([
      { kind: 'suppressed', reason: 'too_few' },
      { kind: 'value', cents: 900_000 },
      { kind: 'suppressed', reason: 'secondary' },
      { kind: 'value', cents: 0 },
    ]);
  });

  it('uses 10 for sensitive tables', () => {
    expect(
      protectAmounts(
        [
          { cents: 5_000, n: 9 },
          { cents: 7_000, n: 10 },
          { cents: 9_000, n: 3 },
        ],
        true,
      ).map((c) => c.kind),
    ).toEqual(['suppressed', 'value', 'suppressed']);
  });

  it('never leaves exactly one suppressed sum in a line, nor publishes one over 1 to threshold-1 benefits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cents: fc.integer({ min: 0, max: 1e7 }), n: fc.integer({ min: 0, max: 30 }) }), {
          minLength: 2,
          maxLength: 8,
        }),
        fc.boolean(),
        (cells, sensitive) => {
          const t = sensitive ? 10 : 5;
          const out = protectAmounts(cells, sensitive);
          const hidden = out.filter((c) => c.kind === 'suppressed').length;
          const lonePossible = cells.filter((c) => c.n > 0).length >= 2;
          return out.every((c, i) => c.kind === 'suppressed' || !(cells[i]!.n > 0 && cells[i]!.n < t)) && (hidden !== 1 || !lonePossible);
        },
      ),
    );
  });
});
