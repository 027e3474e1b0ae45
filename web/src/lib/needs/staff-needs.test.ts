import { describe, expect, it } from 'vitest';
import type { NeedsReportView } from '@icaro/sync';
import { monthlyTrend } from './staff-needs.ts';

const report = (receivedAt: string, userArea: NeedsReportView['userArea']) => ({ receivedAt, userArea }) as NeedsReportView;

describe('monthlyTrend', () => {
  it('counts reports per month and area over the last months, oldest first', () => {
    const rows = monthlyTrend([report('2026-03-01T10:00:00Z', 'anziani'), report('2026-01-20T10:00:00Z', 'poverta'), report('2025-01-01T10:00:00Z', 'poverta')], '2026-03-10T10:00:00Z', 3);
    expect(rows.map((r) => [r.month, r.total])).toEqual([
      ['2026-01', 1],
      ['2026-02', 0],
      ['2026-03', 1],
    ]);
    expect(rows[2]!.counts.anziani).toBe(1);
  });
});
