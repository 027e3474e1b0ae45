/**
 * The office queue's SQL: keyset pages in deadline order, counts, the workload per
 * officer, and the due dates the queue sorts on. Every filter is a real column of the
 * covering index dossiers_queue_idx (or dossiers_assignee_queue_idx), so a page reads
 * the table only for the rows it returns.
 */
import { and, asc, count, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { CLOCK_STOPPING_STATES, FINAL_STATES, SUSPENDING_STATES, type DossierState } from '@icaro/domain';
import type { QueueCursor, QueueQuery } from '@icaro/sync';
import { compileSelect, type Db } from '../db/client.ts';
import { dossiers, persons, statusEvents, users } from '../db/schema.ts';

export interface QueueRecord {
  id: string;
  reference: string;
  protocolNumber: string | null;
  status: string;
  serviceCode: string;
  circoscrizione: number;
  givenName: string;
  familyName: string;
  assignedTo: string | null;
  assignedToName: string | null;
  receivedAt: string;
  dueDate: string | null;
  warnDate: string | null;
}

export interface SearchKeys {
  /** Upper-cased, spaces removed: a reference or a codice fiscale. */
  code: string;
  protocolNumber: string | null;
  /** Lower-cased words, each a prefix of the given or the family name. */
  nameWords: string[];
}

const assignee = alias(users, 'assignee');
/** Above every character of a name: the upper bound of a prefix range. */
const PREFIX_END = '\uffff';

export function createQueueRepo(db: Db) {
  // Read by the stats keeper and the due-date keeper in every status change of a push:
  // compiled once, no query building per call.
  const eventsOf = compileSelect(
    db,
    db
      .select({ from: statusEvents.fromStatus, to: statusEvents.toStatus, at: statusEvents.at })
      .from(statusEvents)
      .where(eq(statusEvents.dossierId, sql.placeholder('dossierId')))
      .orderBy(asc(statusEvents.at), asc(statusEvents.id)),
    ['from', 'to', 'at'],
  );

  /**
   * A search by code (it has digits) compares the reference, the protocol number and
   * the codice fiscale whole; a search by name finds the people first, through the
   * name indexes, then their dossiers (measured: far faster than matching dossier ids).
   */
  function searchCondition(keys: SearchKeys): SQL {
    if (keys.nameWords.length === 0) {
      const byCf = db.select({ id: persons.id }).from(persons).where(eq(persons.codiceFiscale, keys.code));
      return or(
        eq(dossiers.reference, keys.code),
        inArray(dossiers.personId, byCf),
        ...(keys.protocolNumber ? [eq(dossiers.protocolNumber, keys.protocolNumber)] : []),
      )!;
    }
    const family = sql`lower(${persons.familyName})`;
    const given = sql`lower(${persons.givenName})`;
    const prefix = (expr: SQL, w: string) => and(gte(expr, w), lt(expr, w + PREFIX_END))!;
    // The first word walks a name index; every word must begin a word of the full
    // name, so "la rosa" and "maria la rosa" find Maria La Rosa.
    const first = keys.nameWords[0]!;
    const fullName = sql`(' ' || ${given} || ' ' || ${family})`;
    const words = keys.nameWords.map((w) => sql`${fullName} like ${`% ${escapeLike(w)}%`} escape '\\'`);
    const people = db
      .select({ id: persons.id })
      .from(persons)
      .where(and(or(prefix(family, first), prefix(given, first)), ...words));
    return inArray(dossiers.personId, people);
  }

  function conditions(officeId: string, q: QueueQuery, today: string, search: SearchKeys | null): SQL[] {
    const c: SQL[] = [eq(dossiers.officeId, officeId)];
    const state = q.state ?? 'open';
    if (state === 'open') c.push(notInArray(dossiers.status, [...FINAL_STATES]));
    else if (state !== 'all') c.push(eq(dossiers.status, state));
    if (q.service) c.push(eq(dossiers.serviceCode, q.service));
    if (q.circoscrizione) c.push(eq(dossiers.circoscrizione, q.circoscrizione));
    if (q.assignee === 'none') c.push(isNull(dossiers.assignedTo));
    else if (q.assignee) c.push(eq(dossiers.assignedTo, q.assignee));
    if (q.risk) {
      // A suspended clock is neither on time nor late.
      c.push(notInArray(dossiers.status, [...SUSPENDING_STATES]));
      if (q.risk === 'overdue') c.push(lt(dossiers.dueDate, today));
      else if (q.risk === 'warning') c.push(gte(dossiers.dueDate, today), lte(dossiers.warnDate, today));
      else c.push(gt(dossiers.warnDate, today));
    }
    if (search) c.push(searchCondition(search));
    return c;
  }

  const rowFields = {
    id: dossiers.id,
    reference: dossiers.reference,
    protocolNumber: dossiers.protocolNumber,
    status: dossiers.status,
    serviceCode: dossiers.serviceCode,
    circoscrizione: dossiers.circoscrizione,
    givenName: persons.givenName,
    familyName: persons.familyName,
    assignedTo: dossiers.assignedTo,
    assignedToName: assignee.displayName,
    receivedAt: dossiers.receivedAt,
    dueDate: dossiers.dueDate,
    warnDate: dossiers.warnDate,
  };

  function select(where: SQL[], order: SQL[], limit: number): QueueRecord[] {
    return db
      .select(rowFields)
      .from(dossiers)
      .innerJoin(persons, eq(persons.id, dossiers.personId))
      .leftJoin(assignee, eq(assignee.id, dossiers.assignedTo))
      .where(and(...where))
      .orderBy(...order)
      .limit(limit)
      .all();
  }

  return {
    /**
     * One page in deadline order (dossiers with no running clock last, by id), starting
     * strictly after the cursor. Two index walks: the dated rows, then the undated ones,
     * so the order needs no sort step and NULL ordering never differs between databases.
     */
    page(officeId: string, q: QueueQuery, today: string, search: SearchKeys | null, limit: number): QueueRecord[] {
      const base = conditions(officeId, q, today, search);
      const after: QueueCursor | undefined = q.after;
      let rows: QueueRecord[] = [];
      if (!after || after.due !== null) {
        const keyset = after
          ? [gte(dossiers.dueDate, after.due!), or(gt(dossiers.dueDate, after.due!), gt(dossiers.id, after.id))!]
          : [isNotNull(dossiers.dueDate)];
        rows = select([...base, ...keyset], [asc(dossiers.dueDate), asc(dossiers.id)], limit);
      }
      if (rows.length < limit) {
        const keyset = after?.due === null ? [gt(dossiers.id, after.id)] : [];
        rows = rows.concat(select([...base, isNull(dossiers.dueDate), ...keyset], [asc(dossiers.id)], limit - rows.length));
      }
      return rows;
    },

    count(officeId: string, q: QueueQuery, today: string, search: SearchKeys | null): number {
      const where = conditions(officeId, { ...q, after: undefined }, today, search);
      return (
        db
          .select({ n: count() })
          .from(dossiers)
          .where(and(...where))
          .get()?.n ?? 0
      );
    },

    /** Open dossiers per assigned officer, with how many are near or past their deadline. */
    workload(officeId: string, today: string): { userId: string; open: number; warning: number; overdue: number }[] {
      const running = notInArray(dossiers.status, [...SUSPENDING_STATES]);
      return db
        .select({
          userId: sql<string>`${dossiers.assignedTo}`,
          open: count(),
          warning: sql<number>`coalesce(sum(case when ${and(running, gte(dossiers.dueDate, today), lte(dossiers.warnDate, today))} then 1 else 0 end), 0)`,
          overdue: sql<number>`coalesce(sum(case when ${and(running, lt(dossiers.dueDate, today))} then 1 else 0 end), 0)`,
        })
        .from(dossiers)
        .where(and(eq(dossiers.officeId, officeId), isNotNull(dossiers.assignedTo), notInArray(dossiers.status, [...FINAL_STATES])))
        .groupBy(dossiers.assignedTo)
        .all();
    },

    /** The active case officers of an office: whom a dossier may be assigned to. */
    officers(officeId: string): { id: string; name: string }[] {
      return db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(and(eq(users.officeId, officeId), eq(users.role, 'case_officer'), eq(users.active, true)))
        .orderBy(asc(users.displayName), asc(users.id))
        .all();
    },

    events(dossierId: string): { from: DossierState | null; to: DossierState; at: string }[] {
      return eventsOf({ dossierId }) as { from: DossierState | null; to: DossierState; at: string }[];
    },

    setDueDates(id: string, dueDate: string | null, warnDate: string | null): void {
      db.update(dossiers).set({ dueDate, warnDate }).where(eq(dossiers.id, id)).run();
    },

    setAssignee(id: string, assignedTo: string, status: DossierState, updatedAt: string): void {
      db.update(dossiers).set({ assignedTo, status, updatedAt }).where(eq(dossiers.id, id)).run();
    },

    /** Dossiers whose clock runs but have no stored due date (after a migration or a seed). */
    missingDueDates(afterId: string, limit: number): { id: string; serviceCode: string; serviceVersion: number }[] {
      return db
        .select({ id: dossiers.id, serviceCode: dossiers.serviceCode, serviceVersion: dossiers.serviceVersion })
        .from(dossiers)
        .where(and(isNull(dossiers.dueDate), gt(dossiers.id, afterId), notInArray(dossiers.status, ['INVIATA', ...CLOCK_STOPPING_STATES])))
        .orderBy(asc(dossiers.id))
        .limit(limit)
        .all();
    },
  };
}
export type QueueRepo = ReturnType<typeof createQueueRepo>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
