import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neutraliseCell, parseCsv, toCsv } from './csv.ts';

describe('CSV export', () => {
  it('neutralises cells that a spreadsheet would run as formulas', () => {
    for (const bad of ['=1+1', '+39 091', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(bad)).toBe(`'${bad}`);
    for (const ok of ['Palermo', '<5', '12', '', "'già"]) expect(neutraliseCell(ok)).toBe(ok);
  });

  it('quotes separators, quotes and line ends, and parses back', () => {
    const text = toCsv([
      ['a', 'b,c', 'd"e'],
      [1, null, 'x\ny'],
    ]);
    expect(text).toBe('a,"b,c","d""e"\r\n1,,"x\ny"\r\n');
    expect(parseCsv(text)).toEqual([
      ['a', 'b,c', 'd"e'],
      ['1', '', 'x\ny'],
    ]);
  });

  it('never lets a cell start a formula, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = parseCsv(toCsv(rows));
        return (
          parsed.length === rows.length && parsed.every((r, i) => r.length === rows[i]!.length && r.every((c) => !/^[=+\-@\t\r]/.test(c)))
        );
      }),
    );
  });
});
