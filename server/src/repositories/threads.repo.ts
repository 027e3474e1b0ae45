import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ROLES, hasPermission } from '@icaro/domain';
import { dossiers, internalRequests, offices, persons, threadMessages, threadReads, threadUnread, users } from '../db/schema.ts';

export type InternalRequestRow = typeof internalRequests.$inferSelect;
export type ThreadMessageRow = typeof threadMessages.$inferSelect;
export type ThreadMessageKind = ThreadMessageRow['kind'];

/** One entry of a thread as staff see it: the author's name and office, never more. */
export interface ThreadEntryRow extends ThreadMessageRow {
  authorName: string;
  authorOfficeName: string;
}

/** One row of the inbox "Comunicazioni interne". */
export interface InboxRow {
  id: string;
  dossierId: string;
  reference: string;
  kind: 'question' | 'transmission';
  fromOfficeId: string;
  fromOfficeName: string;
  toOfficeId: string;
  toOfficeName: string;
  subject: string;
  requestedAt: string;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  firstAnswerAt: string | null;
  /** Entries of this request's dossier the user has not seen (what they may see of it). */
  unread: number;
}

/** What a user of another office needs to answer: who and what, never answers or notes. */
export interface DossierSummaryRow {
  id: string;
  reference: string;
  serviceCode: string;
  status: string;
  protocolNumber: string | null;
  officeId: string;
  officeName: string;
  circoscrizione: number;
  personName: string;
  codiceFiscale: string;
}

/**
 * The visibility rule of thread entries, in SQL (the service states it in words, see
 * threads.service.ts): all entries of a dossier of the user's office, and the entries of
 * the requests the user's office sent or received.
 */
/** The roles that use threads (`thread.use`): the colleagues an entry is news for. */
const THREAD_ROLES = ROLES.filter((r) => hasPermission(r, 'thread.use'));

const VISIBLE = `(d.office_id = :officeId OR m.request_id IN (SELECT r.id FROM internal_requests r WHERE r.dossier_id = m.dossier_id AND (r.from_office_id = :officeId OR r.to_office_id = :officeId)))`;

export function createThreadsRepo(db: Db) {
  const client = db.$client;
  const unreadTotal = client.prepare<{ userId: string }, { n: number }>(
    'SELECT coalesce(sum(unread), 0) AS n FROM thread_unread WHERE user_id = :userId',
  );
  const unreadFor = client.prepare<{ userId: string; officeId: string; dossierId: string }, { n: number }>(
    `SELECT count(*) AS n FROM thread_messages m
       JOIN dossiers d ON d.id = m.dossier_id
       LEFT JOIN thread_reads t ON t.user_id = :userId AND t.dossier_id = m.dossier_id
      WHERE m.dossier_id = :dossierId AND m.author_id <> :userId AND m.id > coalesce(t.last_read_id, 0) AND ${VISIBLE}`,
  );
  const entries = client.prepare<{ officeId: string; dossierId: string }, Omit<ThreadEntryRow, 'requestId'> & { requestId: string | null }>(
    `SELECT m.id, m.dossier_id AS dossierId, m.request_id AS requestId, m.kind, m.author_id AS authorId,
            m.author_office_id AS authorOfficeId, m.body, m.created_at AS createdAt,
            u.display_name AS authorName, o.name AS authorOfficeName
       FROM thread_messages m
       JOIN dossiers d ON d.id = m.dossier_id
       JOIN users u ON u.id = m.author_id
       JOIN offices o ON o.id = m.author_office_id
      WHERE m.dossier_id = :dossierId AND ${VISIBLE}
      ORDER BY m.id`,
  );
  // The requests shown: every one still waiting for its first answer (partial indexes),
  // and the newest `limit` in each direction; then, for those only, names and unread counts.
  const inbox = client.prepare<{ userId: string; officeId: string; limit: number }, InboxRow>(
    `WITH picked(id) AS (
       SELECT id FROM internal_requests WHERE to_office_id = :officeId AND first_answer_at IS NULL
       UNION SELECT id FROM internal_requests WHERE from_office_id = :officeId AND first_answer_at IS NULL
       UNION SELECT id FROM (SELECT id FROM internal_requests WHERE to_office_id = :officeId ORDER BY requested_at DESC LIMIT :limit)
       UNION SELECT id FROM (SELECT id FROM internal_requests WHERE from_office_id = :officeId ORDER BY requested_at DESC LIMIT :limit)
     )
     SELECT r.id, r.dossier_id AS dossierId, d.reference, r.kind,
            r.from_office_id AS fromOfficeId, fo.name AS fromOfficeName,
            r.to_office_id AS toOfficeId, tof.name AS toOfficeName,
            r.subject, r.requested_at AS requestedAt, r.acknowledged_at AS acknowledgedAt,
            r.answered_at AS answeredAt, r.first_answer_at AS firstAnswerAt,
            (SELECT count(*) FROM thread_messages m
               LEFT JOIN thread_reads t ON t.user_id = :userId AND t.dossier_id = m.dossier_id
              WHERE m.request_id = r.id AND m.author_id <> :userId AND m.id > coalesce(t.last_read_id, 0)) AS unread
       FROM picked p
       JOIN internal_requests r ON r.id = p.id
       JOIN dossiers d ON d.id = r.dossier_id
       JOIN offices fo ON fo.id = r.from_office_id
       JOIN offices tof ON tof.id = r.to_office_id
      ORDER BY (r.first_answer_at IS NOT NULL), r.requested_at DESC, r.id`,
  );
  const bump = client.prepare<{ userId: string; dossierId: string }>(
    `INSERT INTO thread_unread (user_id, dossier_id, unread) VALUES (:userId, :dossierId, 1)
     ON CONFLICT (user_id, dossier_id) DO UPDATE SET unread = unread + 1`,
  );

  return {
    insertRequest(row: InternalRequestRow): void {
      db.insert(internalRequests).values(row).run();
    },
    insertMessage(row: Omit<ThreadMessageRow, 'id'>): number {
      return Number(db.insert(threadMessages).values(row).run().lastInsertRowid);
    },
    requestById(id: string): InternalRequestRow | undefined {
      return db.select().from(internalRequests).where(eq(internalRequests.id, id)).get();
    },
    requestsOfDossier(dossierId: string): InternalRequestRow[] {
      return db
        .select()
        .from(internalRequests)
        .where(eq(internalRequests.dossierId, dossierId))
        .orderBy(asc(internalRequests.requestedAt))
        .all();
    },
    /** Whether the office sent or received a request about the dossier. */
    officeTookPart(dossierId: string, officeId: string): boolean {
      return (
        db
          .select({ id: internalRequests.id })
          .from(internalRequests)
          .where(
            and(
              eq(internalRequests.dossierId, dossierId),
              or(eq(internalRequests.fromOfficeId, officeId), eq(internalRequests.toOfficeId, officeId)),
            ),
          )
          .limit(1)
          .get() !== undefined
      );
    },
    acknowledge(id: string, by: string, at: string, firstAnswer: { at: string; seconds: number; officeId: string } | null): boolean {
      const set: Partial<InternalRequestRow> = { acknowledgedAt: at, acknowledgedBy: by };
      if (firstAnswer)
        Object.assign(set, {
          firstAnswerAt: firstAnswer.at,
          firstAnswerSeconds: firstAnswer.seconds,
          answeredByOffice: firstAnswer.officeId,
        });
      return (
        db
          .update(internalRequests)
          .set(set)
          .where(and(eq(internalRequests.id, id), isNull(internalRequests.acknowledgedAt)))
          .run().changes === 1
      );
    },
    answer(
      id: string,
      by: string,
      at: string,
      text: string,
      firstAnswer: { at: string; seconds: number; officeId: string } | null,
    ): boolean {
      const set: Partial<InternalRequestRow> = { answeredAt: at, answeredBy: by, answer: text };
      if (firstAnswer)
        Object.assign(set, {
          firstAnswerAt: firstAnswer.at,
          firstAnswerSeconds: firstAnswer.seconds,
          answeredByOffice: firstAnswer.officeId,
        });
      return (
        db
          .update(internalRequests)
          .set(set)
          .where(and(eq(internalRequests.id, id), isNull(internalRequests.answeredAt)))
          .run().changes === 1
      );
    },
    /** The thread entries the office may see, oldest first. */
    entries(dossierId: string, officeId: string): ThreadEntryRow[] {
      return entries.all({ dossierId, officeId });
    },
    /** The header's count: one indexed sum over the user's kept counters. */
    unreadTotal(userId: string): number {
      return unreadTotal.get({ userId })?.n ?? 0;
    },
    /** A new entry is news for these users (the colleagues of the offices concerned). */
    bumpUnread(userIds: readonly string[], dossierId: string): void {
      for (const userId of userIds) bump.run({ userId, dossierId });
    },
    /** Recounts one user's unread entries of one dossier from the markers (after a read). */
    recountUnread(userId: string, officeId: string, dossierId: string): void {
      const n = unreadFor.get({ userId, officeId, dossierId })?.n ?? 0;
      if (n === 0)
        db.delete(threadUnread)
          .where(and(eq(threadUnread.userId, userId), eq(threadUnread.dossierId, dossierId)))
          .run();
      else
        db.insert(threadUnread)
          .values({ userId, dossierId, unread: n })
          .onConflictDoUpdate({ target: [threadUnread.userId, threadUnread.dossierId], set: { unread: n } })
          .run();
    },
    /** Active users of these offices who use threads. */
    threadUsers(officeIds: readonly string[]): { id: string; officeId: string }[] {
      if (officeIds.length === 0) return [];
      return db
        .select({ id: users.id, officeId: users.officeId })
        .from(users)
        .where(and(inArray(users.officeId, [...new Set(officeIds)]), inArray(users.role, THREAD_ROLES), eq(users.active, true)))
        .all() as { id: string; officeId: string }[];
    },
    unreadFor(userId: string, officeId: string, dossierId: string): number {
      return unreadFor.get({ userId, officeId, dossierId })?.n ?? 0;
    },
    inbox(userId: string, officeId: string, limit: number): InboxRow[] {
      return inbox.all({ userId, officeId, limit });
    },
    /** Moves the read marker forward only (a late, older mark never un-reads). */
    markRead(userId: string, dossierId: string, lastReadId: number, at: string): void {
      db.insert(threadReads)
        .values({ userId, dossierId, lastReadId, readAt: at })
        .onConflictDoUpdate({
          target: [threadReads.userId, threadReads.dossierId],
          set: { lastReadId: sql`max(${threadReads.lastReadId}, excluded.last_read_id)`, readAt: at },
        })
        .run();
    },
    /** The last entry the user has seen on the dossier's thread (0: none). */
    readMarker(userId: string, dossierId: string): number {
      return (
        db
          .select({ id: threadReads.lastReadId })
          .from(threadReads)
          .where(and(eq(threadReads.userId, userId), eq(threadReads.dossierId, dossierId)))
          .get()?.id ?? 0
      );
    },
    lastMessageId(dossierId: string): number {
      return (
        db
          .select({ id: sql<number>`max(${threadMessages.id})` })
          .from(threadMessages)
          .where(eq(threadMessages.dossierId, dossierId))
          .get()?.id ?? 0
      );
    },
    summary(dossierId: string): DossierSummaryRow | undefined {
      return db
        .select({
          id: dossiers.id,
          reference: dossiers.reference,
          serviceCode: dossiers.serviceCode,
          status: dossiers.status,
          protocolNumber: dossiers.protocolNumber,
          officeId: dossiers.officeId,
          officeName: offices.name,
          circoscrizione: dossiers.circoscrizione,
          personName: sql<string>`${persons.givenName} || ' ' || ${persons.familyName}`,
          codiceFiscale: persons.codiceFiscale,
        })
        .from(dossiers)
        .innerJoin(offices, eq(offices.id, dossiers.officeId))
        .innerJoin(persons, eq(persons.id, dossiers.personId))
        .where(eq(dossiers.id, dossierId))
        .get();
    },
    moveDossier(dossierId: string, circoscrizione: number, officeId: string, at: string): void {
      db.update(dossiers).set({ circoscrizione, officeId, assignedTo: null, updatedAt: at }).where(eq(dossiers.id, dossierId)).run();
    },
    userNames(ids: readonly string[]): Map<string, string> {
      if (ids.length === 0) return new Map();
      return new Map(
        db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, [...new Set(ids)]))
          .all()
          .map((u) => [u.id, u.name]),
      );
    },
  };
}
export type ThreadsRepo = ReturnType<typeof createThreadsRepo>;
