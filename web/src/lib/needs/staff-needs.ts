/**
 * The staff view's figures, computed on the device from the pulled reports, so the view
 * updates as soon as a pull brings a new report and opens offline. Staff see rows, so
 * these counts are not suppressed; only what analysts and the public see is.
 */
import { USER_AREAS, lastMonths, needsMonth, type UserArea } from '@icaro/domain';
import type { NeedsReportView } from '@icaro/sync';

export interface TrendRow {
  month: string;
  counts: Record<UserArea, number>;
  total: number;
}

export function monthlyTrend(reports: readonly NeedsReportView[], nowIso: string, months = 12): TrendRow[] {
  const rows = lastMonths(nowIso, months).map((month) => ({
    month,
    counts: Object.fromEntries(USER_AREAS.map((a) => [a, 0])) as Record<UserArea, number>,
    total: 0,
  }));
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  for (const r of reports) {
    const row = byMonth.get(needsMonth(r.receivedAt));
    if (!row) continue;
    row.counts[r.userArea] += 1;
    row.total += 1;
  }
  return rows;
}
