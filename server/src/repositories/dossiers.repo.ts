import { and, asc, eq, getTableColumns, gt, inArray, lte, sql } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DossierState, Role } from '@icaro/domain';
import type { DossierView, StatusEventView } from '@icaro/sync';
import { compileSelect, compileStatement, type Db } from '../db/client.ts';
import type { Scope } from './sync.repo.ts';
import { changes, consentEvidence, consents, dossiers, persons, statusEvents, users } from '../db/schema.ts';

export type DossierRow = typeof dossiers.$inferSelect;
/** A new dossier: due dates are set by the deadline keeper once the clock starts. */
export type NewDossierRow = Omit<DossierRow, 'dueDate' | 'warnDate'>;
export type StatusEventRow = typeof statusEvents.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
export type ConsentEvidenceRow = typeof consentEvidence.$inferSelect;

export function createDossiersRepo(db: Db) {
  // Every mutation of a push looks its dossier up: a plain compiled statement (text and
  // number columns only, nothing for drizzle to map).
  const byId = compileSelect(
    db,
    db
      .select()
      .from(dossiers)
      .where(eq(dossiers.id, sql.placeholder('id'))),
    Object.keys(getTableColumns(dossiers)) as (keyof DossierRow)[],
  );
  const insertDossier = compileStatement(
    db,
    db
      .insert(dossiers)
      .values(
        placeholders([
          'id',
          'reference',
          'serviceCode',
          'serviceVersion',
          'personId',
          'status',
          'circoscrizione',
          'officeId',
          'associationId',
          'filedBy',
          'assignedTo',
          'answers',
          'submittedAt',
          'receivedAt',
          'protocolNumber',
          'protocolledAt',
          'updatedAt',
        ]) as never,
      ),
  );
  const insertEvent = compileStatement(
    db,
    db.insert(statusEvents).values(placeholders(['id', 'dossierId', 'fromStatus', 'toStatus', 'actorId', 'reason', 'at']) as never),
  );
  const insertConsent = compileStatement(
    db,
    db
      .insert(consents)
      .values(
        placeholders([
          'id',
          'dossierId',
          'personId',
          'operatorId',
          'associationId',
          'method',
          'witnessName',
          'textVersion',
          'collectedAt',
          'recordedAt',
        ]) as never,
      ),
  );
  const insertEvidence = compileStatement(
    db,
    db.insert(consentEvidence).values(placeholders(['consentId', 'signaturePng', 'delegaSha256']) as never),
  );
  const consentsOf = db
    .select()
    .from(consents)
    .leftJoin(consentEvidence, eq(consentEvidence.consentId, consents.id))
    .where(eq(consents.dossierId, sql.placeholder('dossierId')))
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
  const dossierFields = {
    id: dossiers.id,
    reference: dossiers.reference,
    serviceCode: dossiers.serviceCode,
    serviceVersion: dossiers.serviceVersion,
    status: dossiers.status,
    circoscrizione: dossiers.circoscrizione,
    officeId: dossiers.officeId,
    associationId: dossiers.associationId,
    filedBy: dossiers.filedBy,
    answers: dossiers.answers,
    submittedAt: dossiers.submittedAt,
    receivedAt: dossiers.receivedAt,
    protocolNumber: dossiers.protocolNumber,
    protocolledAt: dossiers.protocolledAt,
    updatedAt: dossiers.updatedAt,
    personId: persons.id,
    codiceFiscale: persons.codiceFiscale,
    givenName: persons.givenName,
    familyName: persons.familyName,
    filerName: filer.displayName,
    filerRole: filer.role,
    assigneeName: assignee.displayName,
    assignedTo: dossiers.assignedTo,
    dueDate: dossiers.dueDate,
    warnDate: dossiers.warnDate,
  };
  const eventFields = {
    id: statusEvents.id,
    dossierId: statusEvents.dossierId,
    from: statusEvents.fromStatus,
    to: statusEvents.toStatus,
    at: statusEvents.at,
    actorName: actor.displayName,
    actorRole: actor.role,
    reason: statusEvents.reason,
  };
  type DossierFields = Record<keyof typeof dossierFields, unknown>;
  type EventFields = Record<keyof typeof eventFields, unknown>;

  // The dossiers named by a slice of the change log: prepared statements per scope
  // column, so a pull page costs two indexed queries whatever its size.
  const idsInRange = (column: SQLiteColumn) =>
    db
      .select({ id: changes.entityId })
      .from(changes)
      .where(
        and(eq(column, sql.placeholder('key')), gt(changes.version, sql.placeholder('from')), lte(changes.version, sql.placeholder('to'))),
      );
  const rangeQueries = (column: SQLiteColumn) => ({
    dossiers: compileSelect(
      db,
      db
        .select(dossierFields)
        .from(dossiers)
        .innerJoin(persons, eq(persons.id, dossiers.personId))
        .innerJoin(filer, eq(filer.id, dossiers.filedBy))
        .leftJoin(assignee, eq(assignee.id, dossiers.assignedTo))
        .where(inArray(dossiers.id, idsInRange(column))),
      Object.keys(dossierFields) as (keyof typeof dossierFields)[],
    ),
    events: compileSelect(
      db,
      db
        .select(eventFields)
        .from(statusEvents)
        .innerJoin(actor, eq(actor.id, statusEvents.actorId))
        .where(inArray(statusEvents.dossierId, idsInRange(column)))
        // (dossier_id, at) is the index's order, so no sort step; ties on `at` are
        // broken on the device, which orders a timeline by (at, id).
        .orderBy(asc(statusEvents.dossierId), asc(statusEvents.at)),
      Object.keys(eventFields) as (keyof typeof eventFields)[],
    ),
  });
  const byScope = {
    office: rangeQueries(changes.officeId),
    association: rangeQueries(changes.associationId),
    person: rangeQueries(changes.personId),
    user: rangeQueries(changes.userId),
  };

  function toEvent(e: EventFields): StatusEventView {
    return {
      id: e.id as string,
      from: e.from as DossierState | null,
      to: e.to as DossierState,
      at: e.at as string,
      actorName: e.actorName as string,
      actorRole: e.actorRole as Role,
      reason: e.reason as string | null,
    };
  }

  function toView(d: DossierFields, events: StatusEventView[]): DossierView {
    return {
      id: d.id as string,
      reference: d.reference as string,
      serviceCode: d.serviceCode as string,
      serviceVersion: d.serviceVersion as number,
      status: d.status as DossierState,
      applicant: {
        personId: d.personId as string,
        codiceFiscale: d.codiceFiscale as string,
        givenName: d.givenName as string,
        familyName: d.familyName as string,
      },
      circoscrizione: d.circoscrizione as number,
      officeId: d.officeId as string,
      associationId: d.associationId as string | null,
      filedBy: { userId: d.filedBy as string, name: d.filerName as string, role: d.filerRole as Role },
      submittedAt: d.submittedAt as string,
      receivedAt: d.receivedAt as string,
      protocolNumber: d.protocolNumber as string | null,
      protocolledAt: d.protocolledAt as string | null,
      assignedToName: d.assigneeName as string | null,
      assignedTo: d.assignedTo as string | null,
      dueDate: d.dueDate as string | null,
      warnDate: d.warnDate as string | null,
      answers: JSON.parse(d.answers as string) as DossierView['answers'],
      events,
      updatedAt: d.updatedAt as string,
    };
  }

  /** Current views of the dossiers changed in (from, to] of a scope's change log. */
  function viewsInChangeRange(scope: Exclude<Scope, { kind: 'none' }>, from: number, to: number): Map<string, DossierView> {
    const key =
      scope.kind === 'office'
        ? scope.officeId
        : scope.kind === 'association'
          ? scope.associationId
          : scope.kind === 'user'
            ? scope.userId
            : scope.personId;
    const queries = byScope[scope.kind];
    const values = { key, from, to };
    const events = new Map<string, StatusEventView[]>();
    for (const e of queries.events(values)) {
      const list = events.get(e.dossierId as string);
      if (list) list.push(toEvent(e));
      else events.set(e.dossierId as string, [toEvent(e)]);
    }
    const views = new Map<string, DossierView>();
    for (const d of queries.dossiers(values)) views.set(d.id as string, toView(d, events.get(d.id as string) ?? []));
    return views;
  }

  return {
    findById(id: string): DossierRow | undefined {
      return byId({ id })[0] as DossierRow | undefined;
    },
    insert(row: NewDossierRow): void {
      insertDossier(row);
    },
    insertEvent(row: StatusEventRow): void {
      insertEvent(row);
    },
    insertConsent(row: ConsentRow, evidence?: Omit<ConsentEvidenceRow, 'consentId'>): void {
      insertConsent(row);
      if (evidence && (evidence.signaturePng || evidence.delegaSha256)) insertEvidence({ consentId: row.id, ...evidence });
    },
    /** The consent records of a dossier with their evidence (assisted mode). */
    consentsOf(dossierId: string): (ConsentRow & { evidence: ConsentEvidenceRow | null })[] {
      return consentsOf.all({ dossierId }).map((r) => ({ ...r.consents, evidence: r.consent_evidence }));
    },
    updateStatus(p: {
      id: string;
      status: DossierState;
      protocolNumber: string | null;
      protocolledAt: string | null;
      updatedAt: string;
    }): void {
      updateStatus.run(p);
    },
    viewsInChangeRange,
  };
}
export type DossiersRepo = ReturnType<typeof createDossiersRepo>;

function placeholders(names: readonly string[]): Record<string, ReturnType<typeof sql.placeholder>> {
  return Object.fromEntries(names.map((n) => [n, sql.placeholder(n)]));
}
