import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { dossierMediators, dossiers, professionalDocuments, professionalEvents, professionals, users } from '../db/schema.ts';

export type ProfessionalRow = typeof professionals.$inferSelect;
export type ProfessionalEventRow = typeof professionalEvents.$inferSelect;
export type ProfessionalDocumentRow = typeof professionalDocuments.$inferSelect;
export type MediatorRow = typeof dossierMediators.$inferSelect;

export interface MediatorView {
  id: string;
  dossierId: string;
  professionalId: string;
  name: string;
  qualification: string;
  purpose: string;
  sensitiveGranted: boolean;
  addedAt: string;
  addedByName: string;
}

/** All SQL of the albo and of mediators. */
export function createAlboRepo(db: Db) {
  const byId = db
    .select()
    .from(professionals)
    .where(eq(professionals.id, sql.placeholder('id')))
    .prepare();
  const byUser = db
    .select()
    .from(professionals)
    .where(eq(professionals.userId, sql.placeholder('userId')))
    .prepare();
  // Read at every request of a professional: an indexed lookup of their open mediations,
  // only while their listing is in force.
  const activeMediations = db
    .select({ dossierId: dossierMediators.dossierId, sensitive: dossierMediators.sensitiveGranted })
    .from(dossierMediators)
    .innerJoin(professionals, eq(professionals.id, dossierMediators.professionalId))
    .where(
      and(eq(dossierMediators.userId, sql.placeholder('userId')), isNull(dossierMediators.removedAt), eq(professionals.status, 'listed')),
    )
    .prepare();

  return {
    findById(id: string): ProfessionalRow | undefined {
      return byId.get({ id });
    },
    findByCodiceFiscale(cf: string): ProfessionalRow | undefined {
      return db.select().from(professionals).where(eq(professionals.codiceFiscale, cf)).get();
    },
    findByUserId(userId: string): ProfessionalRow | undefined {
      return byUser.get({ userId });
    },
    /** The professional whose account is tied to this person (made on approval). */
    findByPersonId(personId: string): ProfessionalRow | undefined {
      return db
        .select()
        .from(professionals)
        .where(and(eq(professionals.personId, personId), isNotNull(professionals.userId)))
        .get();
    },
    findByAccessCode(hash: string): ProfessionalRow | undefined {
      return db.select().from(professionals).where(eq(professionals.accessCodeHash, hash)).get();
    },
    insert(row: typeof professionals.$inferInsert): void {
      db.insert(professionals).values(row).run();
    },
    update(id: string, set: Partial<typeof professionals.$inferInsert>): void {
      db.update(professionals).set(set).where(eq(professionals.id, id)).run();
    },
    byStatus(statuses: readonly string[]): ProfessionalRow[] {
      return db
        .select()
        .from(professionals)
        .where(inArray(professionals.status, [...statuses]))
        .orderBy(asc(professionals.submittedAt))
        .all();
    },
    /** Listings whose last day is on or before `day` (reminders and lapses look these up). */
    listedEndingBy(day: string): ProfessionalRow[] {
      return db
        .select()
        .from(professionals)
        .where(and(eq(professionals.status, 'listed'), lte(professionals.expiresOn, day)))
        .all();
    },
    addEvent(row: ProfessionalEventRow): void {
      db.insert(professionalEvents).values(row).run();
    },
    events(professionalId: string): ProfessionalEventRow[] {
      return db
        .select()
        .from(professionalEvents)
        .where(eq(professionalEvents.professionalId, professionalId))
        .orderBy(asc(professionalEvents.at), asc(professionalEvents.id))
        .all();
    },
    addDocument(row: ProfessionalDocumentRow): void {
      db.insert(professionalDocuments).values(row).run();
    },
    documents(professionalId: string): ProfessionalDocumentRow[] {
      return db
        .select()
        .from(professionalDocuments)
        .where(eq(professionalDocuments.professionalId, professionalId))
        .orderBy(asc(professionalDocuments.addedAt))
        .all();
    },

    /** Opens an application's account on approval: active, tied to its person. */
    openAccount(userId: string, personId: string, displayName: string): void {
      db.update(users).set({ active: true, personId, displayName }).where(eq(users.id, userId)).run();
    },
    activeMediations(userId: string): { dossierId: string; sensitive: boolean }[] {
      return activeMediations.all({ userId });
    },
    addMediator(row: MediatorRow): void {
      db.insert(dossierMediators).values(row).run();
    },
    findMediator(id: string): MediatorRow | undefined {
      return db.select().from(dossierMediators).where(eq(dossierMediators.id, id)).get();
    },
    openMediator(dossierId: string, professionalId: string): MediatorRow | undefined {
      return db
        .select()
        .from(dossierMediators)
        .where(
          and(
            eq(dossierMediators.dossierId, dossierId),
            eq(dossierMediators.professionalId, professionalId),
            isNull(dossierMediators.removedAt),
          ),
        )
        .get();
    },
    endMediator(id: string, by: string, at: string): void {
      db.update(dossierMediators).set({ removedAt: at, removedBy: by }).where(eq(dossierMediators.id, id)).run();
    },
    setMediatorSensitive(id: string, granted: boolean): void {
      db.update(dossierMediators).set({ sensitiveGranted: granted }).where(eq(dossierMediators.id, id)).run();
    },
    openMediatorsOfProfessional(professionalId: string): MediatorRow[] {
      return db
        .select()
        .from(dossierMediators)
        .where(and(eq(dossierMediators.professionalId, professionalId), isNull(dossierMediators.removedAt)))
        .all();
    },
    /** The open mediations of one dossier, for the office's page. */
    mediatorsOf(dossierId: string): MediatorView[] {
      return db
        .select({
          id: dossierMediators.id,
          dossierId: dossierMediators.dossierId,
          professionalId: dossierMediators.professionalId,
          givenName: professionals.givenName,
          familyName: professionals.familyName,
          qualification: professionals.qualification,
          purpose: dossierMediators.purpose,
          sensitiveGranted: dossierMediators.sensitiveGranted,
          addedAt: dossierMediators.addedAt,
          addedByName: users.displayName,
        })
        .from(dossierMediators)
        .innerJoin(professionals, eq(professionals.id, dossierMediators.professionalId))
        .innerJoin(users, eq(users.id, dossierMediators.addedBy))
        .where(and(eq(dossierMediators.dossierId, dossierId), isNull(dossierMediators.removedAt)))
        .orderBy(desc(dossierMediators.addedAt))
        .all()
        .map(({ givenName, familyName, ...m }) => ({ ...m, name: `${givenName} ${familyName}` }));
    },
    /** A professional's open mediations with the dossier's reference, for their home. */
    mediatedDossiers(
      userId: string,
    ): { dossierId: string; reference: string; purpose: string; sensitiveGranted: boolean; addedAt: string }[] {
      return db
        .select({
          dossierId: dossierMediators.dossierId,
          reference: dossiers.reference,
          purpose: dossierMediators.purpose,
          sensitiveGranted: dossierMediators.sensitiveGranted,
          addedAt: dossierMediators.addedAt,
        })
        .from(dossierMediators)
        .innerJoin(dossiers, eq(dossiers.id, dossierMediators.dossierId))
        .where(and(eq(dossierMediators.userId, userId), isNull(dossierMediators.removedAt)))
        .orderBy(desc(dossierMediators.addedAt))
        .all();
    },
  };
}
export type AlboRepo = ReturnType<typeof createAlboRepo>;
