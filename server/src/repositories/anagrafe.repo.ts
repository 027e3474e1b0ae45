import { and, desc, eq, isNull, notInArray, sql } from 'drizzle-orm';
import { FINAL_STATES } from '@icaro/domain';
import type { Db } from '../db/client.ts';
import { anagrafeImports, dossierFlags, dossiers, personHistory, persons } from '../db/schema.ts';

export type AnagrafeImportRow = typeof anagrafeImports.$inferSelect;
export type PersonHistoryRow = typeof personHistory.$inferSelect;
export type DossierFlagRow = typeof dossierFlags.$inferSelect;

/** The registry fields of a person an import compares and updates. */
export interface RegistryPerson {
  id: string;
  circoscrizione: number;
  address: string | null;
  householdId: string | null;
  registryUpdatedOn: string | null;
}

export interface OpenDossierRef {
  id: string;
  officeId: string;
  associationId: string | null;
  circoscrizione: number;
}

/** SQL of the anagrafe import (issue 4 §8): imports, person history, dossier flags. */
export function createAnagrafeRepo(db: Db) {
  const personByCf = db
    .select({
      id: persons.id,
      circoscrizione: persons.circoscrizione,
      address: persons.address,
      householdId: persons.householdId,
      registryUpdatedOn: persons.registryUpdatedOn,
    })
    .from(persons)
    .where(eq(persons.codiceFiscale, sql.placeholder('cf')))
    .prepare();
  const updatePerson = db
    .update(persons)
    .set({
      circoscrizione: sql`${sql.placeholder('circoscrizione')}`,
      address: sql`${sql.placeholder('address')}`,
      householdId: sql`${sql.placeholder('householdId')}`,
      registryUpdatedOn: sql`${sql.placeholder('registryUpdatedOn')}`,
    })
    .where(eq(persons.id, sql.placeholder('id')))
    .prepare();
  const insertHistory = db
    .insert(personHistory)
    .values({
      personId: sql.placeholder('personId'),
      field: sql.placeholder('field'),
      oldValue: sql.placeholder('oldValue'),
      newValue: sql.placeholder('newValue'),
      importId: sql.placeholder('importId'),
      line: sql.placeholder('line'),
      changedOn: sql.placeholder('changedOn'),
      recordedAt: sql.placeholder('recordedAt'),
    })
    .prepare();
  const openDossiers = db
    .select({ id: dossiers.id, officeId: dossiers.officeId, associationId: dossiers.associationId, circoscrizione: dossiers.circoscrizione })
    .from(dossiers)
    .where(and(eq(dossiers.personId, sql.placeholder('personId')), notInArray(dossiers.status, [...FINAL_STATES])))
    .prepare();
  const insertFlag = db
    .insert(dossierFlags)
    .values({
      id: sql.placeholder('id'),
      dossierId: sql.placeholder('dossierId'),
      officeId: sql.placeholder('officeId'),
      kind: sql.placeholder('kind'),
      detail: sql.placeholder('detail'),
      importId: sql.placeholder('importId'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();

  return {
    findImportBySha(sha256: string): AnagrafeImportRow | undefined {
      return db.select().from(anagrafeImports).where(eq(anagrafeImports.sha256, sha256)).orderBy(desc(anagrafeImports.startedAt)).get();
    },
    insertImport(row: { id: string; sha256: string; fileName: string; startedAt: string }): void {
      db.insert(anagrafeImports).values(row).run();
    },
    finishImport(id: string, counts: Pick<AnagrafeImportRow, 'finishedAt' | 'rows' | 'created' | 'updated' | 'unchanged' | 'rejected'>): void {
      db.update(anagrafeImports).set(counts).where(eq(anagrafeImports.id, id)).run();
    },
    findPerson(codiceFiscale: string): RegistryPerson | undefined {
      return personByCf.get({ cf: codiceFiscale });
    },
    updatePerson(row: RegistryPerson): void {
      updatePerson.run({ ...row });
    },
    appendHistory(row: Omit<PersonHistoryRow, 'id'>): void {
      insertHistory.run(row);
    },
    openDossiersOf(personId: string): OpenDossierRef[] {
      return openDossiers.all({ personId });
    },
    insertFlag(row: Omit<DossierFlagRow, 'resolvedAt' | 'resolvedBy'>): void {
      insertFlag.run(row);
    },
    flagById(id: string): DossierFlagRow | undefined {
      return db.select().from(dossierFlags).where(eq(dossierFlags.id, id)).get();
    },
    /** Resolves every open flag of a dossier (one decision settles them all). */
    resolveFlags(dossierId: string, by: string, at: string): void {
      db.update(dossierFlags)
        .set({ resolvedAt: at, resolvedBy: by })
        .where(and(eq(dossierFlags.dossierId, dossierId), isNull(dossierFlags.resolvedAt)))
        .run();
    },
    /** Moves a dossier to another circoscrizione's office; the new head assigns it again. */
    moveDossier(dossierId: string, circoscrizione: number, officeId: string, at: string): void {
      db.update(dossiers).set({ circoscrizione, officeId, assignedTo: null, updatedAt: at }).where(eq(dossiers.id, dossierId)).run();
    },
    personCircoscrizione(personId: string): number | undefined {
      return db.select({ c: persons.circoscrizione }).from(persons).where(eq(persons.id, personId)).get()?.c;
    },
    historyOf(personId: string): PersonHistoryRow[] {
      return db.select().from(personHistory).where(eq(personHistory.personId, personId)).orderBy(personHistory.id).all();
    },
    /** Unresolved flags of an office, with what the head of procedure needs to act. */
    openFlags(officeId: string) {
      return db
        .select({
          id: dossierFlags.id,
          kind: dossierFlags.kind,
          detail: dossierFlags.detail,
          createdAt: dossierFlags.createdAt,
          dossierId: dossiers.id,
          reference: dossiers.reference,
          status: dossiers.status,
          circoscrizione: dossiers.circoscrizione,
          givenName: persons.givenName,
          familyName: persons.familyName,
          codiceFiscale: persons.codiceFiscale,
        })
        .from(dossierFlags)
        .innerJoin(dossiers, eq(dossiers.id, dossierFlags.dossierId))
        .innerJoin(persons, eq(persons.id, dossiers.personId))
        .where(and(eq(dossierFlags.officeId, officeId), isNull(dossierFlags.resolvedAt)))
        .orderBy(dossierFlags.createdAt, dossierFlags.id)
        .all();
    },
  };
}
export type AnagrafeRepo = ReturnType<typeof createAnagrafeRepo>;
