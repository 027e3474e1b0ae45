import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { attachmentUploads, attachments, dossierAnswers, dossierAttachments, dossiers, users } from '../db/schema.ts';

export type AttachmentRow = typeof attachments.$inferSelect;
export type DossierAttachmentRow = typeof dossierAttachments.$inferSelect;
export type DossierAnswerRow = typeof dossierAnswers.$inferSelect;

/** A document a dossier names, with whether its bytes have arrived (from the linking user). */
export interface DossierDocument {
  sha256: string;
  name: string;
  documentKind: string | null;
  answerId: string | null;
  addedAt: string;
  addedByName: string;
  /** Null while the file is "in arrivo". */
  size: number | null;
  mime: string | null;
}

export function createAttachmentsRepo(db: Db) {
  return {
    find(sha256: string): AttachmentRow | undefined {
      return db.select().from(attachments).where(eq(attachments.sha256, sha256)).get();
    },

    /** Has this user sent all the bytes of this file? */
    hasUploaded(sha256: string, userId: string): boolean {
      return !!db
        .select({ one: sql`1` })
        .from(attachmentUploads)
        .where(and(eq(attachmentUploads.sha256, sha256), eq(attachmentUploads.userId, userId)))
        .get();
    },

    /** The bytes of the files this user has uploaded (the per-user quota). */
    bytesUploadedBy(userId: string): number {
      const row = db
        .select({ total: sql<number>`coalesce(sum(${attachments.size}), 0)` })
        .from(attachmentUploads)
        .innerJoin(attachments, eq(attachments.sha256, attachmentUploads.sha256))
        .where(eq(attachmentUploads.userId, userId))
        .get();
      return Number(row?.total ?? 0);
    },

    /** Records a complete upload: the file row once, and this user as one of its uploaders. */
    recordUpload(row: AttachmentRow): void {
      db.transaction(() => {
        db.insert(attachments).values(row).onConflictDoNothing().run();
        db.insert(attachmentUploads)
          .values({ sha256: row.sha256, userId: row.uploadedBy, createdAt: row.createdAt })
          .onConflictDoNothing()
          .run();
      });
    },

    /**
     * The dossiers a user may reach this file through: those that name it, linked by a
     * user who uploaded it. The caller applies the scope rule to each.
     */
    dossiersSharing(sha256: string): { id: string; officeId: string; associationId: string | null; personId: string }[] {
      return db
        .select({ id: dossiers.id, officeId: dossiers.officeId, associationId: dossiers.associationId, personId: dossiers.personId })
        .from(dossierAttachments)
        .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
        .innerJoin(
          attachmentUploads,
          and(eq(attachmentUploads.sha256, dossierAttachments.sha256), eq(attachmentUploads.userId, dossierAttachments.addedBy)),
        )
        .where(eq(dossierAttachments.sha256, sha256))
        .all();
    },

    /** Links documents to a dossier; a document already linked keeps its first link. */
    link(rows: DossierAttachmentRow[]): void {
      if (rows.length === 0) return;
      db.insert(dossierAttachments).values(rows).onConflictDoNothing().run();
    },

    insertAnswer(row: DossierAnswerRow): void {
      db.insert(dossierAnswers).values(row).run();
    },

    findAnswer(id: string): DossierAnswerRow | undefined {
      return db.select().from(dossierAnswers).where(eq(dossierAnswers.id, id)).get();
    },

    answersFor(dossierId: string): (DossierAnswerRow & { authorName: string })[] {
      return db
        .select({
          id: dossierAnswers.id,
          dossierId: dossierAnswers.dossierId,
          authorId: dossierAnswers.authorId,
          message: dossierAnswers.message,
          answeredAt: dossierAnswers.answeredAt,
          receivedAt: dossierAnswers.receivedAt,
          authorName: users.displayName,
        })
        .from(dossierAnswers)
        .innerJoin(users, eq(users.id, dossierAnswers.authorId))
        .where(eq(dossierAnswers.dossierId, dossierId))
        .orderBy(asc(dossierAnswers.receivedAt), asc(dossierAnswers.id))
        .all();
    },

    documentsFor(dossierId: string): DossierDocument[] {
      return db
        .select({
          sha256: dossierAttachments.sha256,
          name: dossierAttachments.name,
          documentKind: dossierAttachments.documentKind,
          answerId: dossierAttachments.answerId,
          addedAt: dossierAttachments.addedAt,
          addedByName: users.displayName,
          size: attachments.size,
          mime: attachments.mime,
        })
        .from(dossierAttachments)
        .innerJoin(users, eq(users.id, dossierAttachments.addedBy))
        .leftJoin(
          attachmentUploads,
          and(eq(attachmentUploads.sha256, dossierAttachments.sha256), eq(attachmentUploads.userId, dossierAttachments.addedBy)),
        )
        .leftJoin(attachments, and(eq(attachments.sha256, attachmentUploads.sha256)))
        .where(eq(dossierAttachments.dossierId, dossierId))
        .orderBy(asc(dossierAttachments.addedAt), asc(dossierAttachments.name))
        .all();
    },

    /** The dossiers naming a file linked by this user: poked when its bytes arrive. */
    dossiersLinkedBy(sha256: string, userId: string): { id: string; officeId: string; associationId: string | null; personId: string }[] {
      return db
        .select({ id: dossiers.id, officeId: dossiers.officeId, associationId: dossiers.associationId, personId: dossiers.personId })
        .from(dossierAttachments)
        .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
        .where(and(eq(dossierAttachments.sha256, sha256), eq(dossierAttachments.addedBy, userId)))
        .all();
    },
  };
}
export type AttachmentsRepo = ReturnType<typeof createAttachmentsRepo>;
