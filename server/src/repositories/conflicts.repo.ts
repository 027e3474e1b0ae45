/**
 * Contact data writes and sync conflicts (issue 4 §9), and the extra facts a dossier's view
 * carries about its applicant: contact and registry data, registry changes, an open move
 * flag, open conflicts. The view queries take a whole pull page of ids at once.
 */
import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ContactField } from '@icaro/domain';
import { compileSelect, type Db } from '../db/client.ts';
import type { Scope } from './sync.repo.ts';
import { changes, dossierFlags, dossiers, personFieldWrites, personHistory, persons, syncConflicts, users } from '../db/schema.ts';

export type ConflictRow = typeof syncConflicts.$inferSelect;

export function createConflictsRepo(db: Db) {
  const serverUser = alias(users, 'server_user');
  const deviceUser = alias(users, 'device_user');
  const column = (field: ContactField) => (field === 'phone' ? persons.phone : persons.email);

  // The facts a pull page's dossiers carry about their applicants, selected by the same
  // change-log range as the page itself (like the dossier views): one prepared query
  // each, whatever the page's size.
  const idsInRange = (key: SQLiteColumn) =>
    db
      .select({ id: changes.entityId })
      .from(changes)
      .where(
        and(eq(key, sql.placeholder('key')), gt(changes.version, sql.placeholder('from')), lte(changes.version, sql.placeholder('to'))),
      );
  const personsInRange = (key: SQLiteColumn) =>
    db
      .select({ id: dossiers.personId })
      .from(dossiers)
      .where(inArray(dossiers.id, idsInRange(key)));
  const personFields = {
    id: persons.id,
    phone: persons.phone,
    email: persons.email,
    address: persons.address,
    householdId: persons.householdId,
    circoscrizione: persons.circoscrizione,
  };
  const historyFields = {
    personId: personHistory.personId,
    field: personHistory.field,
    oldValue: personHistory.oldValue,
    newValue: personHistory.newValue,
    changedOn: personHistory.changedOn,
    recordedAt: personHistory.recordedAt,
  };
  const flagFields = {
    id: dossierFlags.id,
    dossierId: dossierFlags.dossierId,
    kind: dossierFlags.kind,
    detail: dossierFlags.detail,
    createdAt: dossierFlags.createdAt,
  };
  const conflictFields = {
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
  };
  const keysOf = <T extends object>(fields: T) => Object.keys(fields) as (keyof T & string)[];
  const factQueries = (key: SQLiteColumn) => ({
    persons: compileSelect(
      db,
      db
        .select(personFields)
        .from(persons)
        .where(inArray(persons.id, personsInRange(key))),
      keysOf(personFields),
    ),
    history: compileSelect(
      db,
      db
        .select(historyFields)
        .from(personHistory)
        .where(inArray(personHistory.personId, personsInRange(key)))
        .orderBy(asc(personHistory.personId), asc(personHistory.id)),
      keysOf(historyFields),
    ),
    flags: compileSelect(
      db,
      db
        .select(flagFields)
        .from(dossierFlags)
        .where(and(inArray(dossierFlags.dossierId, idsInRange(key)), isNull(dossierFlags.resolvedAt)))
        .orderBy(asc(dossierFlags.createdAt)),
      keysOf(flagFields),
    ),
    conflicts: compileSelect(
      db,
      db
        .select(conflictFields)
        .from(syncConflicts)
        .leftJoin(serverUser, eq(serverUser.id, syncConflicts.serverBy))
        .innerJoin(deviceUser, eq(deviceUser.id, syncConflicts.deviceBy))
        .where(and(inArray(syncConflicts.dossierId, idsInRange(key)), sql`${syncConflicts.status} = 'open'`))
        .orderBy(asc(syncConflicts.createdAt), asc(syncConflicts.id)),
      keysOf(conflictFields),
    ),
  });
  const factsByScope = {
    office: factQueries(changes.officeId),
    association: factQueries(changes.associationId),
    person: factQueries(changes.personId),
    user: factQueries(changes.userId),
  };

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
    /**
     * A write applied to a field with open conflicts: their "value recorded now" side
     * becomes the new value and its writer, so staff always choose against the current one.
     */
    refreshServerSide(personId: string, field: ContactField, value: string | null, by: string, at: string): void {
      db.update(syncConflicts)
        .set({ serverValue: value, serverBy: by, serverAt: at })
        .where(
          and(eq(syncConflicts.entity, 'person'), eq(syncConflicts.entityId, personId), eq(syncConflicts.field, field), eq(syncConflicts.status, 'open')),
        )
        .run();
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

    /** The applicant facts of the dossiers changed in (from, to] of a scope's change log. */
    factsInChangeRange(scope: Exclude<Scope, { kind: 'none' }>, from: number, to: number) {
      const key =
        scope.kind === 'office'
          ? scope.officeId
          : scope.kind === 'association'
            ? scope.associationId
            : scope.kind === 'person'
              ? scope.personId
              : scope.userId;
      const q = factsByScope[scope.kind];
      const values = { key, from, to };
      return {
        persons: q.persons(values) as {
          id: string;
          phone: string | null;
          email: string | null;
          address: string | null;
          householdId: string | null;
          circoscrizione: number;
        }[],
        history: q.history(values) as {
          personId: string;
          field: string;
          oldValue: string | null;
          newValue: string | null;
          changedOn: string | null;
          recordedAt: string;
        }[],
        flags: q.flags(values) as { id: string; dossierId: string; kind: string; detail: string; createdAt: string }[],
        conflicts: q.conflicts(values) as {
          id: string;
          dossierId: string;
          field: string;
          baseValue: string | null;
          serverValue: string | null;
          serverAt: string | null;
          serverName: string | null;
          serverRole: string | null;
          deviceValue: string | null;
          deviceAt: string;
          deviceName: string;
          deviceRole: string;
          createdAt: string;
        }[],
      };
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
