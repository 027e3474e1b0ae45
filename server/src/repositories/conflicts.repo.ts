/**
 * Contact data writes and sync conflicts (issue 4 §9), and the extra facts a dossier's view
 * carries about its applicant: contact and registry data, registry changes, an open move
 * flag, open conflicts. The view queries take a whole pull page of ids at once.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ContactField } from '@icaro/domain';
import type { Db } from '../db/client.ts';
import { dossierFlags, dossiers, personFieldWrites, personHistory, persons, syncConflicts, users } from '../db/schema.ts';

export type ConflictRow = typeof syncConflicts.$inferSelect;

/** SQLite's default limit of bound variables is 32766; pull pages are far smaller, but stay safe. */
const CHUNK = 900;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export function createConflictsRepo(db: Db) {
  const serverUser = alias(users, 'server_user');
  const deviceUser = alias(users, 'device_user');
  const column = (field: ContactField) => (field === 'phone' ? persons.phone : persons.email);

  return {
    contactOf(personId: string, field: ContactField): string | null | undefined {
      const row = db
        .select({ value: column(field) })
        .from(persons)
        .where(eq(persons.id, personId))
        .get();
      return row ? row.value : undefined;
    },
    setContact(personId: string, field: ContactField, value: string | null): void {
      db.update(persons)
        .set(field === 'phone' ? { phone: value } : { email: value })
        .where(eq(persons.id, personId))
        .run();
    },
    lastWrite(personId: string, field: ContactField): { writtenBy: string; writtenAt: string } | undefined {
      return db
        .select({ writtenBy: personFieldWrites.writtenBy, writtenAt: personFieldWrites.writtenAt })
        .from(personFieldWrites)
        .where(and(eq(personFieldWrites.personId, personId), eq(personFieldWrites.field, field)))
        .get();
    },
    recordWrite(personId: string, field: ContactField, writtenBy: string, writtenAt: string): void {
      db.insert(personFieldWrites)
        .values({ personId, field, writtenBy, writtenAt })
        .onConflictDoUpdate({ target: [personFieldWrites.personId, personFieldWrites.field], set: { writtenBy, writtenAt } })
        .run();
    },
    /** Every dossier of a person, with its scope keys: a contact change re-sends them all. */
    dossiersOfPerson(personId: string): { id: string; officeId: string; associationId: string | null }[] {
      return db
        .select({ id: dossiers.id, officeId: dossiers.officeId, associationId: dossiers.associationId })
        .from(dossiers)
        .where(eq(dossiers.personId, personId))
        .all();
    },
    insert(row: ConflictRow): void {
      db.insert(syncConflicts).values(row).run();
    },
    findById(id: string): ConflictRow | undefined {
      return db.select().from(syncConflicts).where(eq(syncConflicts.id, id)).get();
    },
    /** Marks an open conflict resolved; false if it was no longer open. */
    resolve(id: string, p: { by: string; at: string; choice: 'server' | 'device' | 'other'; value: string | null }): boolean {
      const result = db
        .update(syncConflicts)
        .set({ status: 'resolved', resolvedBy: p.by, resolvedAt: p.at, choice: p.choice, resolvedValue: p.value })
        .where(and(eq(syncConflicts.id, id), eq(syncConflicts.status, 'open')))
        .run();
      return result.changes === 1;
    },

    /** Open conflicts of these dossiers, with the names and roles of both writers. */
    openForDossiers(dossierIds: readonly string[]) {
      const rows = [];
      for (const ids of chunks(dossierIds)) {
        rows.push(
          ...db
            .select({
              id: syncConflicts.id,
              dossierId: syncConflicts.dossierId,
              field: syncConflicts.field,
              baseValue: syncConflicts.baseValue,
              serverValue: syncConflicts.serverValue,
              serverAt: syncConflicts.serverAt,
              serverName: serverUser.displayName,
              serverRole: serverUser.role,
              deviceValue: syncConflicts.deviceValue,
              deviceAt: syncConflicts.deviceAt,
              deviceName: deviceUser.displayName,
              deviceRole: deviceUser.role,
              createdAt: syncConflicts.createdAt,
            })
            .from(syncConflicts)
            .leftJoin(serverUser, eq(serverUser.id, syncConflicts.serverBy))
            .innerJoin(deviceUser, eq(deviceUser.id, syncConflicts.deviceBy))
            .where(and(inArray(syncConflicts.dossierId, ids), eq(syncConflicts.status, 'open')))
            .orderBy(asc(syncConflicts.createdAt), asc(syncConflicts.id))
            .all(),
        );
      }
      return rows;
    },

    /** Contact and registry data of these persons. */
    personsByIds(personIds: readonly string[]) {
      const rows = [];
      for (const ids of chunks(personIds)) {
        rows.push(
          ...db
            .select({
              id: persons.id,
              phone: persons.phone,
              email: persons.email,
              address: persons.address,
              householdId: persons.householdId,
              circoscrizione: persons.circoscrizione,
            })
            .from(persons)
            .where(inArray(persons.id, ids))
            .all(),
        );
      }
      return rows;
    },

    /** Registry history of these persons, oldest first. */
    historyOfPersons(personIds: readonly string[]) {
      const rows = [];
      for (const ids of chunks(personIds)) {
        rows.push(
          ...db
            .select({
              personId: personHistory.personId,
              field: personHistory.field,
              oldValue: personHistory.oldValue,
              newValue: personHistory.newValue,
              changedOn: personHistory.changedOn,
              recordedAt: personHistory.recordedAt,
            })
            .from(personHistory)
            .where(inArray(personHistory.personId, ids))
            .orderBy(asc(personHistory.id))
            .all(),
        );
      }
      return rows;
    },

    /** Open anagrafe flags of these dossiers. */
    openFlagsOf(dossierIds: readonly string[]) {
      const rows = [];
      for (const ids of chunks(dossierIds)) {
        rows.push(
          ...db
            .select({
              id: dossierFlags.id,
              dossierId: dossierFlags.dossierId,
              kind: dossierFlags.kind,
              detail: dossierFlags.detail,
              createdAt: dossierFlags.createdAt,
            })
            .from(dossierFlags)
            .where(and(inArray(dossierFlags.dossierId, ids), isNull(dossierFlags.resolvedAt)))
            .orderBy(asc(dossierFlags.createdAt))
            .all(),
        );
      }
      return rows;
    },

    /** For tests and the audit of a dossier: every conflict raised on it, resolved ones too. */
    allForDossier(dossierId: string): ConflictRow[] {
      return db.select().from(syncConflicts).where(eq(syncConflicts.dossierId, dossierId)).orderBy(asc(syncConflicts.createdAt)).all();
    },
    countOpen(): number {
      return (
        db
          .select({ n: sql<number>`count(*)` })
          .from(syncConflicts)
          .where(eq(syncConflicts.status, 'open'))
          .get()?.n ?? 0
      );
    },
  };
}
export type ConflictsRepo = ReturnType<typeof createConflictsRepo>;
