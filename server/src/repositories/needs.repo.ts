import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { NeedKind, PeopleBand, Urgency, UserArea } from '@icaro/domain';
import type { NeedsReportView } from '@icaro/sync';
import type { Db } from '../db/client.ts';
import { associations, needsReports, professionals } from '../db/schema.ts';

export type NeedsReportRow = typeof needsReports.$inferSelect;

export interface NeedsFilter {
  circoscrizione?: number;
  userArea?: UserArea;
  /** Received on or after this instant (ISO). */
  since?: string;
}

export function createNeedsRepo(db: Db) {
  const viewColumns = {
    id: needsReports.id,
    associationId: needsReports.associationId,
    // An association's report shows its name; a professional's, their name and qualification.
    associationName: sql<string>`coalesce(${associations.name}, ${professionals.givenName} || ' ' || ${professionals.familyName} || ', ' || ${professionals.qualification}, '')`,
    professionalId: needsReports.professionalId,
    circoscrizione: needsReports.circoscrizione,
    officeId: needsReports.officeId,
    userArea: needsReports.userArea,
    need: needsReports.need,
    peopleBand: needsReports.peopleBand,
    urgency: needsReports.urgency,
    description: needsReports.description,
    observedOn: needsReports.observedOn,
    submittedAt: needsReports.submittedAt,
    receivedAt: needsReports.receivedAt,
  };
  const views = () =>
    db
      .select(viewColumns)
      .from(needsReports)
      .leftJoin(associations, eq(associations.id, needsReports.associationId))
      .leftJoin(professionals, eq(professionals.id, needsReports.professionalId));
  const toView = (r: Awaited<ReturnType<ReturnType<typeof views>['all']>>[number]): NeedsReportView => ({
    ...r,
    userArea: r.userArea as UserArea,
    need: r.need as NeedKind,
    peopleBand: r.peopleBand as PeopleBand,
    urgency: r.urgency as Urgency,
  });

  return {
    insert(row: Omit<NeedsReportRow, 'professionalId'> & { professionalId?: string | null }): void {
      db.insert(needsReports)
        .values({ ...row, professionalId: row.professionalId ?? null })
        .run();
    },
    exists(id: string): boolean {
      return db.select({ id: needsReports.id }).from(needsReports).where(eq(needsReports.id, id)).get() !== undefined;
    },
    viewsByIds(ids: readonly string[]): Map<string, NeedsReportView> {
      const out = new Map<string, NeedsReportView>();
      if (ids.length === 0) return out;
      for (const r of views().where(inArray(needsReports.id, [...ids])).all()) out.set(r.id, toView(r));
      return out;
    },
    /** The reports of one office's circoscrizione, newest first (staff view). */
    forOffice(officeId: string, filter: NeedsFilter, limit: number): NeedsReportView[] {
      return views()
        .where(
          and(
            eq(needsReports.officeId, officeId),
            filter.userArea ? eq(needsReports.userArea, filter.userArea) : undefined,
            filter.since ? gte(needsReports.receivedAt, filter.since) : undefined,
          ),
        )
        .orderBy(desc(needsReports.receivedAt))
        .limit(limit)
        .all()
        .map(toView);
    },
    /** What an aggregate may use: no description, no author, no association. */
    countable(since: string): { circoscrizione: number; userArea: UserArea; receivedAt: string }[] {
      return db
        .select({ circoscrizione: needsReports.circoscrizione, userArea: needsReports.userArea, receivedAt: needsReports.receivedAt })
        .from(needsReports)
        .where(gte(needsReports.receivedAt, since))
        .all() as { circoscrizione: number; userArea: UserArea; receivedAt: string }[];
    },
  };
}
export type NeedsRepo = ReturnType<typeof createNeedsRepo>;
