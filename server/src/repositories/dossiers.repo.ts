import { eq, inArray, sql, asc } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DossierState, Role } from '@icaro/domain';
import type { DossierView, StatusEventView } from '@icaro/sync';
import type { Db } from '../db/client.ts';
import { dossiers, persons, statusEvents, users, consents } from '../db/schema.ts';

export type DossierRow = typeof dossiers.$inferSelect;
export type StatusEventRow = typeof statusEvents.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;

/** SQLite's default limit on bound parameters is 32766; stay well below it. */
const ID_CHUNK = 900;

export function createDossiersRepo(db: Db) {
  const byId = db
    .select()
    .from(dossiers)
    .where(eq(dossiers.id, sql.placeholder('id')))
    .prepare();
  const insertDossier = db
    .insert(dossiers)
    .values(placeholders(['id', 'reference', 'serviceCode', 'serviceVersion', 'personId', 'status', 'circoscrizione', 'officeId', 'associationId', 'filedBy', 'assignedTo', 'answers', 'submittedAt', 'receivedAt', 'protocolNumber', 'protocolledAt', 'updatedAt']) as never)
    .prepare();
  const insertEvent = db
    .insert(statusEvents)
    .values(placeholders(['id', 'dossierId', 'fromStatus', 'toStatus', 'actorId', 'reason', 'at']) as never)
    .prepare();
  const updateStatus = db
    .update(dossiers)
    .set({
      status: sql.placeholder('status') as unknown as string,
      protocolNumber: sql`coalesce(${sql.placeholder('protocolNumber')}, ${dossiers.protocolNumber})`,
      protocolledAt: sql`coalesce(${sql.placeholder('protocolledAt')}, ${dossiers.protocolledAt})`,
      updatedAt: sql.placeholder('updatedAt') as unknown as string,
    })
    .where(eq(dossiers.id, sql.placeholder('id')))
    .prepare();

  const filer = alias(users, 'filer');
  const assignee = alias(users, 'assignee');
  const actor = alias(users, 'actor');

  function loadViews(ids: readonly string[]): DossierView[] {
    const out: DossierView[] = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = ids.slice(i, i + ID_CHUNK) as string[];
      const rows = db
        .select({
          d: dossiers,
          p: { id: persons.id, codiceFiscale: persons.codiceFiscale, givenName: persons.givenName, familyName: persons.familyName },
          filerName: filer.displayName,
          filerRole: filer.role,
          assigneeName: assignee.displayName,
        })
        .from(dossiers)
        .innerJoin(persons, eq(persons.id, dossiers.personId))
        .innerJoin(filer, eq(filer.id, dossiers.filedBy))
        .leftJoin(assignee, eq(assignee.id, dossiers.assignedTo))
        .where(inArray(dossiers.id, chunk))
        .all();
      const events = db
        .select({ e: statusEvents, actorName: actor.displayName, actorRole: actor.role })
        .from(statusEvents)
        .innerJoin(actor, eq(actor.id, statusEvents.actorId))
        .where(inArray(statusEvents.dossierId, chunk))
        .orderBy(asc(statusEvents.dossierId), asc(statusEvents.at), asc(statusEvents.id))
        .all();
      const byDossier = new Map<string, StatusEventView[]>();
      for (const { e, actorName, actorRole } of events) {
        const list = byDossier.get(e.dossierId) ?? [];
        list.push({
          id: e.id,
          from: e.fromStatus as DossierState | null,
          to: e.toStatus as DossierState,
          at: e.at,
          actorName,
          actorRole: actorRole as Role,
          reason: e.reason,
        });
        byDossier.set(e.dossierId, list);
      }
      for (const r of rows) {
        out.push({
          id: r.d.id,
          reference: r.d.reference,
          serviceCode: r.d.serviceCode,
          serviceVersion: r.d.serviceVersion,
          status: r.d.status as DossierState,
          applicant: { personId: r.p.id, codiceFiscale: r.p.codiceFiscale, givenName: r.p.givenName, familyName: r.p.familyName },
          circoscrizione: r.d.circoscrizione,
          officeId: r.d.officeId,
          associationId: r.d.associationId,
          filedBy: { userId: r.d.filedBy, name: r.filerName, role: r.filerRole as Role },
          submittedAt: r.d.submittedAt,
          receivedAt: r.d.receivedAt,
          protocolNumber: r.d.protocolNumber,
          protocolledAt: r.d.protocolledAt,
          assignedToName: r.assigneeName,
          answers: JSON.parse(r.d.answers) as DossierView['answers'],
          events: byDossier.get(r.d.id) ?? [],
          updatedAt: r.d.updatedAt,
        });
      }
    }
    return out;
  }

  return {
    findById(id: string): DossierRow | undefined {
      return byId.get({ id });
    },
    insert(row: DossierRow): void {
      insertDossier.run(row);
    },
    insertEvent(row: StatusEventRow): void {
      insertEvent.run(row);
    },
    insertConsent(row: ConsentRow): void {
      db.insert(consents).values(row).run();
    },
    updateStatus(p: { id: string; status: DossierState; protocolNumber: string | null; protocolledAt: string | null; updatedAt: string }): void {
      updateStatus.run(p);
    },
    loadViews,
  };
}
export type DossiersRepo = ReturnType<typeof createDossiersRepo>;

function placeholders(names: readonly string[]): Record<string, ReturnType<typeof sql.placeholder>> {
  return Object.fromEntries(names.map((n) => [n, sql.placeholder(n)]));
}
