import { describe, expect, it } from 'vitest';
import { lastMonths, needsMonth, palermoDay, publicNeedsTable, publicNeedsTrend } from './needs.ts';

describe('publicNeedsTable', () => {
  it('counts by circoscrizione and area and suppresses small counts with the stricter threshold', () => {
    const reports = [
      ...Array.from({ length: 12 }, () => ({ circoscrizione: 1, userArea: 'poverta' as const })),
      ...Array.from({ length: 3 }, () => ({ circoscrizione: 1, userArea: 'anziani' as const })),
    ];
    const t = publicNeedsTable(reports);
    expect(t.rows).toHaveLength(8);
    expect(t.threshold).toBe(10);
    const row = t.cells[0]!;
    expect(row[t.cols.indexOf('anziani')]).toEqual({ kind: 'suppressed', label: '<10' });
    // The row total would give the 3 away next to the 12: it is suppressed too.
    expect(row[t.cols.indexOf('poverta')]!.kind).toBe('suppressed');
    expect(t.cells[1]!.every((c) => c.kind === 'value' && c.value === 0)).toBe(true);
  });

  it('ignores codes outside the territory', () => {
    const t = publicNeedsTable([{ circoscrizione: 9, userArea: 'anziani' }]);
    expect(t.grandTotal).toEqual({ kind: 'value', value: 0 });
  });
});

describe('needsMonth', () => {
  it('gives the Palermo day just after midnight', () => {
    expect(palermoDay('2026-07-14T22:30:00Z')).toBe('2026-07-15');
  });

  it('uses the Rome calendar', () => {
    expect(needsMonth('2026-01-31T23:30:00Z')).toBe('2026-02');
  });
});

describe('publicNeedsTrend', () => {
  it('is a protected month × area table over the months asked for', () => {
    const months = lastMonths('2026-03-10T10:00:00Z', 3);
    expect(months).toEqual(['2026-01', '2026-02', '2026-03']);
    const t = publicNeedsTrend([{ circoscrizione: 1, userArea: 'anziani', month: '2026-02' }], months);
    expect(t.rows).toEqual(months);
    expect(t.cells[1]![t.cols.indexOf('anziani')]).toEqual({ kind: 'suppressed', label: '<10' });
  });

  it('crosses years', () => {
    expect(lastMonths('2026-01-15T10:00:00Z', 2)).toEqual(['2025-12', '2026-01']);
  });
});
