/**
 * The SQL of the data subject's rights: what a person's export reads, the append-only
 * corrections, and the erasure (anonymisation) of a dossier or a person past retention.
 * Erasure statements run inside the service's transaction, with the person's id in
 * privacy_erasure_gate so that the append-only triggers let exactly their rows go.
 */
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { FINAL_STATES } from '@icaro/domain';
import {
  attachments,
  auditLog,
  consents,
  dossierAttachments,
  dossiers,
  offices,
  personCorrections,
  personHistory,
  persons,
  privacyErasures,
  privacyRequests,
  statusEvents,
  users,
} from '../db/schema.ts';

export type PersonCorrectionRow = typeof personCorrections.$inferSelect;
export type PrivacyRequestRow = typeof privacyRequests.$inferSelect;

const FINAL_LIST = FINAL_STATES.map((s) => `'${s}'`).join(',');

export function createPrivacyRepo(db: Db) {
  const raw = db.$client;
  const stmt = (text: string) => raw.prepare(text);

  // The erasure of one dossier's content: every free text and document, nothing the
  // statistics, the protocol register or the accounts count (status, dates, amounts).
  const dossierWipe = [
    stmt(`UPDATE dossiers SET answers = '{}' WHERE id = ?`),
    stmt(`UPDATE status_events SET reason = NULL WHERE dossier_id = ? AND reason IS NOT NULL`),
    stmt(
      `UPDATE consent_evidence SET signature_png = NULL, delega_sha256 = NULL WHERE consent_id IN (SELECT id FROM consents WHERE dossier_id = ?)`,
    ),
    stmt(`UPDATE consents SET witness_name = NULL WHERE dossier_id = ? AND witness_name IS NOT NULL`),
    stmt(`DELETE FROM dossier_attachments WHERE dossier_id = ?`),
    stmt(`UPDATE dossier_answers SET message = '' WHERE dossier_id = ?`),
    stmt(`DELETE FROM case_notes WHERE dossier_id = ?`),
    stmt(`DELETE FROM care_plan_versions WHERE dossier_id = ?`),
    stmt(
      `UPDATE internal_requests SET subject = '', body = '', answer = CASE WHEN answer IS NULL THEN NULL ELSE '' END WHERE dossier_id = ?`,
    ),
    stmt(`UPDATE thread_messages SET body = '' WHERE dossier_id = ?`),
    stmt(
      `UPDATE sync_conflicts SET base_value = NULL, server_value = NULL, device_value = NULL, resolved_value = NULL WHERE dossier_id = ?`,
    ),
    stmt(`UPDATE benefits SET override_reason = NULL WHERE dossier_id = ?`),
    stmt(`UPDATE dossier_mediators SET purpose = '' WHERE dossier_id = ?`),
  ];
  const personWipe = [
    stmt(`DELETE FROM person_corrections WHERE person_id = ?`),
    stmt(`DELETE FROM person_history WHERE person_id = ?`),
    stmt(`DELETE FROM person_field_writes WHERE person_id = ?`),
    stmt(
      `UPDATE sync_conflicts SET base_value = NULL, server_value = NULL, device_value = NULL, resolved_value = NULL WHERE entity = 'person' AND entity_id = ?`,
    ),
    stmt(`DELETE FROM login_codes WHERE person_id = ?`),
    stmt(`DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE person_id = ?)`),
    stmt(
      `DELETE FROM sync_mutations WHERE client_id IN (SELECT client_id FROM sync_clients WHERE user_id IN (SELECT id FROM users WHERE person_id = ?))`,
    ),
    stmt(`DELETE FROM sync_clients WHERE user_id IN (SELECT id FROM users WHERE person_id = ?)`),
    stmt(`UPDATE users SET username = 'cancellato-' || id, display_name = '', password_hash = '!erased', active = 0 WHERE person_id = ?`),
    // The codice fiscale is replaced, not hashed: a hash of a codice fiscale can be found
    // again by trying them all. The year of birth, sex and circoscrizione stay (aggregates).
    stmt(
      `UPDATE persons SET codice_fiscale = 'CANCELLATO-' || id, given_name = '', family_name = '', birth_date = substr(birth_date, 1, 4) || '-01-01',
         phone = NULL, email = NULL, address = NULL, household_id = NULL WHERE id = ?`,
    ),
  ];
  const shaStillUsed = stmt(
    `SELECT (SELECT count(*) FROM dossier_attachments WHERE sha256 = @sha) + (SELECT count(*) FROM professional_documents WHERE sha256 = @sha)
          + (SELECT count(*) FROM consent_evidence WHERE delega_sha256 = @sha) AS n`,
  ).pluck();
  const dropUploads = stmt(`DELETE FROM attachment_uploads WHERE sha256 = ?`);
  const dropAttachment = stmt(`DELETE FROM attachments WHERE sha256 = ?`);
  const openGate = stmt(`INSERT OR IGNORE INTO privacy_erasure_gate (person_id) VALUES (?)`);
  const closeGate = stmt(`DELETE FROM privacy_erasure_gate WHERE person_id = ?`);

  return {
    /** The person's record. */
    person(personId: string) {
      return db.select().from(persons).where(eq(persons.id, personId)).get();
    },
    personByCodiceFiscale(cf: string) {
      return db.select().from(persons).where(eq(persons.codiceFiscale, cf)).get();
    },
    /** The ids of the citizen accounts of a person (sign-in by code). */
    userIdsOfPerson(personId: string): string[] {
      return db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.personId, personId))
        .all()
        .map((r) => r.id);
    },

    /**
     * The dossiers a person's export covers: those about them and those their own accounts
     * filed (for a member of their household), as the citizen sees them.
     */
    dossiersForExport(personId: string, filerIds: readonly string[]) {
      const where = filerIds.length
        ? or(eq(dossiers.personId, personId), inArray(dossiers.filedBy, [...filerIds]))
        : eq(dossiers.personId, personId);
      return db
        .select({
          id: dossiers.id,
          reference: dossiers.reference,
          personId: dossiers.personId,
          serviceCode: dossiers.serviceCode,
          serviceVersion: dossiers.serviceVersion,
          status: dossiers.status,
          officeName: offices.name,
          protocolNumber: dossiers.protocolNumber,
          submittedAt: dossiers.submittedAt,
          answers: dossiers.answers,
          forGivenName: persons.givenName,
          forFamilyName: persons.familyName,
          forCodiceFiscale: persons.codiceFiscale,
        })
        .from(dossiers)
        .innerJoin(offices, eq(offices.id, dossiers.officeId))
        .innerJoin(persons, eq(persons.id, dossiers.personId))
        .where(where)
        .orderBy(asc(dossiers.submittedAt), asc(dossiers.id))
        .all();
    },
    statusHistory(dossierIds: readonly string[]) {
      if (!dossierIds.length) return [];
      return db
        .select({
          dossierId: statusEvents.dossierId,
          from: statusEvents.fromStatus,
          to: statusEvents.toStatus,
          reason: statusEvents.reason,
          at: statusEvents.at,
          actorRole: users.role,
        })
        .from(statusEvents)
        .innerJoin(users, eq(users.id, statusEvents.actorId))
        .where(inArray(statusEvents.dossierId, [...dossierIds]))
        .orderBy(asc(statusEvents.at), asc(statusEvents.id))
        .all();
    },
    consents(dossierIds: readonly string[]) {
      if (!dossierIds.length) return [];
      return db
        .select({
          dossierId: consents.dossierId,
          method: consents.method,
          textVersion: consents.textVersion,
          collectedAt: consents.collectedAt,
          witnessName: consents.witnessName,
        })
        .from(consents)
        .where(inArray(consents.dossierId, [...dossierIds]))
        .orderBy(asc(consents.collectedAt))
        .all();
    },
    documents(dossierIds: readonly string[]) {
      if (!dossierIds.length) return [];
      return db
        .select({
          dossierId: dossierAttachments.dossierId,
          name: dossierAttachments.name,
          documentKind: dossierAttachments.documentKind,
          addedAt: dossierAttachments.addedAt,
          size: attachments.size,
          mime: attachments.mime,
        })
        .from(dossierAttachments)
        .innerJoin(attachments, eq(attachments.sha256, dossierAttachments.sha256))
        .where(inArray(dossierAttachments.dossierId, [...dossierIds]))
        .orderBy(asc(dossierAttachments.addedAt))
        .all();
    },
    /** Reads of the dossiers' data (audit rows with action 'read'): when, which section, why. */
    reads(dossierIds: readonly string[]) {
      if (!dossierIds.length) return [];
      return db
        .select({ dossierId: auditLog.dossierId, at: auditLog.at, section: auditLog.section, purpose: auditLog.purpose })
        .from(auditLog)
        .where(and(inArray(auditLog.dossierId, [...dossierIds]), eq(auditLog.action, 'read')))
        .orderBy(asc(auditLog.seq))
        .all();
    },
    registryHistory(personId: string) {
      return db
        .select({
          field: personHistory.field,
          oldValue: personHistory.oldValue,
          newValue: personHistory.newValue,
          changedOn: personHistory.changedOn,
          recordedAt: personHistory.recordedAt,
        })
        .from(personHistory)
        .where(eq(personHistory.personId, personId))
        .orderBy(asc(personHistory.id))
        .all();
    },

    corrections(personId: string): PersonCorrectionRow[] {
      return db
        .select()
        .from(personCorrections)
        .where(eq(personCorrections.personId, personId))
        .orderBy(asc(personCorrections.correctedAt), asc(personCorrections.id))
        .all();
    },
    insertCorrection(row: PersonCorrectionRow): void {
      db.insert(personCorrections).values(row).run();
    },
    /** Sets one non-contact field of the person's record (contact fields go through the conflicts repository). */
    setPersonField(
      personId: string,
      field: 'givenName' | 'familyName' | 'birthDate' | 'sex' | 'codiceFiscale' | 'address',
      value: string | null,
    ): void {
      const set =
        field === 'givenName'
          ? { givenName: value ?? '' }
          : field === 'familyName'
            ? { familyName: value ?? '' }
            : field === 'birthDate'
              ? { birthDate: value ?? '' }
              : field === 'sex'
                ? { sex: value as 'M' | 'F' }
                : field === 'codiceFiscale'
                  ? { codiceFiscale: value ?? '' }
                  : { address: value };
      db.update(persons).set(set).where(eq(persons.id, personId)).run();
    },

    insertRequest(row: PrivacyRequestRow): void {
      db.insert(privacyRequests).values(row).run();
    },
    requestsOfPerson(personId: string): PrivacyRequestRow[] {
      return db.select().from(privacyRequests).where(eq(privacyRequests.personId, personId)).orderBy(desc(privacyRequests.handledAt)).all();
    },
    /** The latest requests, newest first, with the person's name as it is now (blank once erased). */
    recentRequests(limit: number) {
      return db
        .select({
          id: privacyRequests.id,
          personId: privacyRequests.personId,
          kind: privacyRequests.kind,
          receivedOn: privacyRequests.receivedOn,
          outcome: privacyRequests.outcome,
          retainUntil: privacyRequests.retainUntil,
          handledAt: privacyRequests.handledAt,
          givenName: persons.givenName,
          familyName: persons.familyName,
          codiceFiscale: persons.codiceFiscale,
        })
        .from(privacyRequests)
        .innerJoin(persons, eq(persons.id, privacyRequests.personId))
        .orderBy(desc(privacyRequests.handledAt), desc(privacyRequests.id))
        .limit(limit)
        .all();
    },

    /** Each dossier about the person, its state and when it reached that state (the closing event for a final one). */
    retentionFacts(
      personId: string,
    ): { id: string; status: string; lastAt: string | null; officeId: string; associationId: string | null }[] {
      return raw
        .prepare(
          `SELECT d.id AS id, d.status AS status, d.office_id AS officeId, d.association_id AS associationId,
                  (SELECT max(e.at) FROM status_events e WHERE e.dossier_id = d.id AND e.to_status = d.status) AS lastAt
             FROM dossiers d WHERE d.person_id = ? ORDER BY d.submitted_at, d.id`,
        )
        .all(personId) as { id: string; status: string; lastAt: string | null; officeId: string; associationId: string | null }[];
    },
    /**
     * Final dossiers whose closing event is older than `closedBefore` (an ISO instant) and
     * whose content has not been erased yet: the purge's work list.
     */
    dossiersPastRetention(closedBefore: string): { id: string; personId: string; status: string; lastAt: string }[] {
      return raw
        .prepare(
          `SELECT d.id AS id, d.person_id AS personId, d.status AS status, c.last_at AS lastAt
             FROM dossiers d
             JOIN (SELECT e.dossier_id, max(e.at) AS last_at FROM status_events e GROUP BY e.dossier_id) c ON c.dossier_id = d.id
            WHERE d.status IN (${FINAL_LIST}) AND c.last_at < ?
              AND NOT EXISTS (SELECT 1 FROM privacy_erasures x WHERE x.kind = 'dossier' AND x.subject_id = d.id)
            ORDER BY d.id`,
        )
        .all(closedBefore) as { id: string; personId: string; status: string; lastAt: string }[];
    },
    /** People with dossiers, every one of them erased, and not erased themselves: the purge's second list. */
    personsFullyErased(): string[] {
      return raw
        .prepare(
          `SELECT p.id FROM persons p
            WHERE EXISTS (SELECT 1 FROM dossiers d WHERE d.person_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.person_id = p.id
                                AND NOT EXISTS (SELECT 1 FROM privacy_erasures x WHERE x.kind = 'dossier' AND x.subject_id = d.id))
              AND NOT EXISTS (SELECT 1 FROM privacy_erasures x WHERE x.kind = 'person' AND x.subject_id = p.id)
            ORDER BY p.id`,
        )
        .pluck()
        .all() as string[];
    },
    isErased(kind: 'dossier' | 'person', subjectId: string): boolean {
      return !!db
        .select({ id: privacyErasures.id })
        .from(privacyErasures)
        .where(and(eq(privacyErasures.kind, kind), eq(privacyErasures.subjectId, subjectId)))
        .get();
    },
    erasedAt(kind: 'dossier' | 'person', subjectId: string): string | null {
      return (
        db
          .select({ at: privacyErasures.doneAt })
          .from(privacyErasures)
          .where(and(eq(privacyErasures.kind, kind), eq(privacyErasures.subjectId, subjectId)))
          .get()?.at ?? null
      );
    },
    recordErasure(row: typeof privacyErasures.$inferInsert): void {
      db.insert(privacyErasures).values(row).onConflictDoNothing().run();
    },

    openGate(personId: string): void {
      openGate.run(personId);
    },
    closeGate(personId: string): void {
      closeGate.run(personId);
    },
    /** The document hashes of a dossier (before its rows go). */
    documentHashes(dossierId: string): string[] {
      return raw.prepare(`SELECT DISTINCT sha256 FROM dossier_attachments WHERE dossier_id = ?`).pluck().all(dossierId) as string[];
    },
    /** Same for the delega scans of its consents. */
    delegaHashes(dossierId: string): string[] {
      return raw
        .prepare(
          `SELECT DISTINCT e.delega_sha256 FROM consent_evidence e JOIN consents c ON c.id = e.consent_id WHERE c.dossier_id = ? AND e.delega_sha256 IS NOT NULL`,
        )
        .pluck()
        .all(dossierId) as string[];
    },
    /** Wipes one dossier's content (the gate must be open for its person). */
    wipeDossier(dossierId: string): void {
      for (const s of dossierWipe) s.run(dossierId);
    },
    /** Wipes the person's own record and accounts (after their dossiers). */
    wipePerson(personId: string): void {
      for (const s of personWipe) s.run(personId);
    },
    /** Drops a stored file's rows when nothing refers to it any more; true when the file itself may go. */
    dropAttachmentIfUnused(sha: string): boolean {
      if ((shaStillUsed.get({ sha }) as number) > 0) return false;
      dropUploads.run(sha);
      return dropAttachment.run(sha).changes > 0;
    },
    /** Text columns of every table (for the erasure's own verification in tests and the docs). */
    textColumns(): { table: string; column: string }[] {
      const tables = raw
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`)
        .pluck()
        .all() as string[];
      return tables.flatMap((table) =>
        (raw.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as { name: string; type: string }[])
          .filter((c) => c.type.toUpperCase() === 'TEXT' || c.type === '')
          .map((c) => ({ table, column: c.name })),
      );
    },
  };
}
export type PrivacyRepo = ReturnType<typeof createPrivacyRepo>;
