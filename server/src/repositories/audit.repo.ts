import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import { compileSelect, compileStatement, type Db } from '../db/client.ts';
import { auditLog, dossiers } from '../db/schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * The audit trail. Append-only: there is no update and no delete here, and the table's
 * triggers refuse both. Hashing and chaining are the audit service's job.
 */
export function createAuditRepo(db: Db) {
  // The chain's head and the append run in every audited change (each status change of a
  // push): compiled once to plain statements, no query building or row mapping per call.
  const last = compileSelect(
    db,
    db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(sql.placeholder('one')),
    ['seq', 'hash'],
  );
  const append = compileStatement(
    db,
    db.insert(auditLog).values({
      seq: sql.placeholder('seq'),
      at: sql.placeholder('at'),
      actorId: sql.placeholder('actorId'),
      actorRole: sql.placeholder('actorRole'),
      dossierId: sql.placeholder('dossierId'),
      section: sql.placeholder('section'),
      action: sql.placeholder('action'),
      purpose: sql.placeholder('purpose'),
      note: sql.placeholder('note'),
      prevHash: sql.placeholder('prevHash'),
      hash: sql.placeholder('hash'),
    }),
  );
  const page = db
    .select()
    .from(auditLog)
    .where(gt(auditLog.seq, sql.placeholder('after')))
    .orderBy(asc(auditLog.seq))
    .limit(sql.placeholder('limit'))
    .prepare();
  const forDossier = db
    .select()
    .from(auditLog)
    .where(eq(auditLog.dossierId, sql.placeholder('dossierId')))
    .orderBy(asc(auditLog.seq))
    .prepare();

  return {
    last(): { seq: number; hash: string } | undefined {
      return last({ one: 1 })[0] as { seq: number; hash: string } | undefined;
    },
    append(row: AuditRow): void {
      append(row);
    },
    /** Rows after `after` in chain order, a page at a time (verification walks them all). */
    page(after: number, limit: number): AuditRow[] {
      return page.all({ after, limit });
    },
    forDossier(dossierId: string): AuditRow[] {
      return forDossier.all({ dossierId });
    },
    /** The reads of the dossiers of one person, oldest first. */
    readsForPerson(personId: string): (AuditRow & { reference: string })[] {
      return db
        .select({ row: auditLog, reference: dossiers.reference })
        .from(auditLog)
        .innerJoin(dossiers, eq(dossiers.id, auditLog.dossierId))
        .where(sql`${dossiers.personId} = ${personId} and ${auditLog.action} = 'read'`)
        .orderBy(asc(auditLog.seq))
        .all()
        .map((r) => ({ ...r.row, reference: r.reference }));
    },
    /** For the auditor's look-up: a dossier by its reference or its protocol number, whatever its office. */
    findDossier(reference: string, protocolNumber: string | null) {
      const where = protocolNumber
        ? sql`${dossiers.reference} = ${reference} or ${dossiers.protocolNumber} = ${protocolNumber}`
        : eq(dossiers.reference, reference);
      return db
        .select({
          id: dossiers.id,
          reference: dossiers.reference,
          protocolNumber: dossiers.protocolNumber,
          serviceCode: dossiers.serviceCode,
          status: dossiers.status,
          officeId: dossiers.officeId,
          submittedAt: dossiers.submittedAt,
        })
        .from(dossiers)
        .where(where)
        .limit(1)
        .get();
    },
    count(): number {
      return (
        db
          .select({ n: sql<number>`count(*)` })
          .from(auditLog)
          .get()?.n ?? 0
      );
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
