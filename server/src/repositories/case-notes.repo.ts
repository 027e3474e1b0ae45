import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { carePlanVersions, caseNotes, users } from '../db/schema.ts';

export type CaseNoteRow = typeof caseNotes.$inferSelect;
export type CarePlanRow = typeof carePlanVersions.$inferSelect;

/** Case notes and care-plan versions. Append-only: no update, no delete (triggers refuse both). */
export function createCaseNotesRepo(db: Db) {
  return {
    insertNote(row: CaseNoteRow): void {
      db.insert(caseNotes).values(row).run();
    },
    notesOf(dossierId: string): (CaseNoteRow & { authorName: string | null })[] {
      return db
        .select({
          id: caseNotes.id,
          dossierId: caseNotes.dossierId,
          authorId: caseNotes.authorId,
          body: caseNotes.body,
          createdAt: caseNotes.createdAt,
          authorName: users.displayName,
        })
        .from(caseNotes)
        .leftJoin(users, eq(users.id, caseNotes.authorId))
        .where(eq(caseNotes.dossierId, dossierId))
        .orderBy(asc(caseNotes.createdAt), asc(caseNotes.id))
        .all();
    },
    insertCarePlan(row: CarePlanRow): void {
      db.insert(carePlanVersions).values(row).run();
    },
    currentCarePlan(dossierId: string): (CarePlanRow & { authorName: string | null }) | undefined {
      return db
        .select({
          id: carePlanVersions.id,
          dossierId: carePlanVersions.dossierId,
          version: carePlanVersions.version,
          objectives: carePlanVersions.objectives,
          interventions: carePlanVersions.interventions,
          reviewOn: carePlanVersions.reviewOn,
          authorId: carePlanVersions.authorId,
          createdAt: carePlanVersions.createdAt,
          authorName: users.displayName,
        })
        .from(carePlanVersions)
        .leftJoin(users, eq(users.id, carePlanVersions.authorId))
        .where(eq(carePlanVersions.dossierId, dossierId))
        .orderBy(desc(carePlanVersions.version))
        .limit(1)
        .get();
    },
  };
}
export type CaseNotesRepo = ReturnType<typeof createCaseNotesRepo>;
