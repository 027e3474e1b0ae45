import {
  findOffice,
  hasPermission,
  lastMonths,
  needsMonth,
  needsTrend,
  officeForCircoscrizione,
  palermoDay,
  publicNeedsTable,
  publicNeedsTrend,
  type UserArea,
} from '@icaro/domain';
import type { MutationResults, NeedsReportArgs, NeedsReportView } from '@icaro/sync';
import type { ProtectedTable } from '@icaro/domain';
import type { Repositories } from '../repositories/index.ts';
import type { SessionUser } from './auth.service.ts';
import type { MutationContext } from './dossier.service.ts';
import { MutationRefused } from './errors.ts';

/** How far back the views look: a year of monthly trends. */
const TREND_MONTHS = 12;

export interface StaffNeedsOverview {
  circoscrizione: number;
  months: string[];
  /** Reports per month and area in the staff member's circoscrizione (staff see rows, so no suppression). */
  trend: { month: string; counts: Record<UserArea, number> }[];
  reports: NeedsReportView[];
}

/** What analysts and the public see: counts only, through disclosure control. */
export interface PublicNeedsAggregate {
  since: string;
  months: string[];
  byCircoscrizione: ProtectedTable;
  byMonth: ProtectedTable;
}

export class NeedsAccessError extends Error {}

export function createNeedsService(repos: Repositories, now: () => Date = () => new Date()) {
  function sinceOf(months: string[]): string {
    // The first day of the oldest month, as an instant a little early is harmless: counts are per month.
    return `${months[0]}-01T00:00:00.000Z`;
  }

  return {
    /** The `needs.report@1` handler: every check before the one write. */
    report(ctx: MutationContext, args: NeedsReportArgs): MutationResults['needs.report@1'] {
      const { user } = ctx;
      if (!hasPermission(user.role, 'needs.file')) throw new MutationRefused('forbidden');
      // A listed professional of the albo files in their own name (issue 6 §4); anyone else
      // on behalf of their approved association.
      const professional = user.role === 'professional' ? repos.albo.findByUserId(user.id) : undefined;
      if (user.role === 'professional' && professional?.status !== 'listed') throw new MutationRefused('forbidden', 'not_listed');
      if (!professional && !user.associationId) throw new MutationRefused('forbidden');
      const association = professional ? null : repos.associations.findById(user.associationId!);
      if (!professional && !association?.approved) throw new MutationRefused('association_not_approved');
      // Compared in Palermo's calendar: just after midnight there, UTC is still on yesterday.
      if (args.observedOn > palermoDay(ctx.now)) throw new MutationRefused('invalid', 'observedOn');
      if (repos.needs.exists(args.reportId)) throw new MutationRefused('id_conflict', 'report');
      const officeId = officeForCircoscrizione(args.circoscrizione).id;
      repos.needs.insert({
        id: args.reportId,
        associationId: association?.id ?? null,
        professionalId: professional?.id ?? null,
        filedBy: user.id,
        circoscrizione: args.circoscrizione,
        officeId,
        userArea: args.userArea,
        need: args.need,
        peopleBand: args.peopleBand,
        urgency: args.urgency,
        description: args.description.trim(),
        observedOn: args.observedOn,
        // The device's time is not part of the args; the server's receipt time dates the report.
        submittedAt: ctx.now,
        receivedAt: ctx.now,
      });
      // Scope keys: the office of that circoscrizione and the filing association, or the professional's own key.
      ctx.changes.put(
        'needs_report',
        args.reportId,
        { officeId, associationId: association?.id ?? null, personId: null, userId: professional ? user.id : null },
        ctx.now,
      );
      return { reportId: args.reportId };
    },

    /** Staff of a circoscrizione office: its reports, with free text, and monthly trends. */
    staffOverview(user: SessionUser, filter: { userArea?: UserArea }): StaffNeedsOverview {
      const office = user.officeId ? findOffice(user.officeId) : undefined;
      if (!office?.circoscrizione) throw new NeedsAccessError('no_circoscrizione');
      const months = lastMonths(now().toISOString(), TREND_MONTHS);
      const since = sinceOf(months);
      const all = repos.needs.forOffice(office.id, { since }, 10_000);
      const trend = needsTrend(all, now().toISOString(), TREND_MONTHS).map(({ month, counts }) => ({ month, counts }));
      const reports = (filter.userArea ? all.filter((r) => r.userArea === filter.userArea) : all).slice(0, 200);
      return { circoscrizione: office.circoscrizione, months, trend, reports };
    },

    /** Analysts and the public: protected counts only; the description is never read. */
    publicAggregate(): PublicNeedsAggregate {
      const months = lastMonths(now().toISOString(), TREND_MONTHS);
      const since = sinceOf(months);
      const rows = repos.needs.countable(since);
      return {
        since,
        months,
        byCircoscrizione: publicNeedsTable(rows),
        byMonth: publicNeedsTrend(
          rows.map((r) => ({ ...r, month: needsMonth(r.receivedAt) })),
          months,
        ),
      };
    },
  };
}
export type NeedsService = ReturnType<typeof createNeedsService>;
