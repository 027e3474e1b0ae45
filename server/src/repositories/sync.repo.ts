import { and, eq, gt, sql, asc, max } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { compileStatement, type Db } from '../db/client.ts';
import { changes, syncClients, syncMutations } from '../db/schema.ts';

export type MutationRecord = typeof syncMutations.$inferSelect;
export type ClientRow = typeof syncClients.$inferSelect;

/** Which slice of the change log a user receives. */
export type Scope =
  | { kind: 'office'; officeId: string }
  | { kind: 'association'; associationId: string }
  | { kind: 'person'; personId: string }
  /** One user's own key: a professional (their mediated dossiers, their needs reports). */
  | { kind: 'user'; userId: string }
  | { kind: 'none' };

export interface ChangeRef {
  version: number;
  entity: string;
  entityId: string;
  op: 'put' | 'del';
}

export interface ChangeScope {
  officeId: string | null;
  associationId: string | null;
  personId: string | null;
  /** A single user who receives the row (a mediator, a professional filing needs reports). */
  userId?: string | null;
}

export function createSyncRepo(db: Db) {
  const findClient = db
    .select()
    .from(syncClients)
    .where(eq(syncClients.clientId, sql.placeholder('clientId')))
    .prepare();
  const findMutation = db
    .select()
    .from(syncMutations)
    .where(eq(syncMutations.id, sql.placeholder('id')))
    .prepare();
  const insertMutation = compileStatement(
    db,
    db.insert(syncMutations).values({
      id: sql.placeholder('id'),
      clientId: sql.placeholder('clientId'),
      seq: sql.placeholder('seq'),
      name: sql.placeholder('name'),
      payloadHash: sql.placeholder('payloadHash'),
      status: sql.placeholder('status'),
      outcome: sql.placeholder('outcome'),
      processedAt: sql.placeholder('processedAt'),
    }),
  );
  const insertChange = compileStatement(
    db,
    db.insert(changes).values({
      entity: sql.placeholder('entity'),
      entityId: sql.placeholder('entityId'),
      op: sql.placeholder('op'),
      officeId: sql.placeholder('officeId'),
      associationId: sql.placeholder('associationId'),
      personId: sql.placeholder('personId'),
      userId: sql.placeholder('userId'),
      at: sql.placeholder('at'),
    }),
  );
  // The professionals mediating on a dossier follow it: each change of the dossier gets a
  // row in each active mediator's user scope, whoever writes it (issue 6 §2).
  const insertMediatorChanges = db.$client.prepare(
    `insert into changes (entity, entity_id, op, office_id, association_id, person_id, user_id, at)
     select 'dossier', @entityId, @op, null, null, null, m.user_id, @at
     from dossier_mediators m
     where m.dossier_id = @entityId and m.removed_at is null and m.user_id is not @userId`,
  );

  // A citizen who filed a dossier for a member of their household follows it too: each
  // change of such a dossier gets a second row in the filer's person scope, whoever writes it.
  const insertFilerChange = db.$client.prepare(
    `insert into changes (entity, entity_id, op, office_id, association_id, person_id, at)
     select 'dossier', d.id, @op, null, null, u.person_id, @at
     from dossiers d join users u on u.id = d.filed_by
     where d.id = @entityId and u.role = 'citizen' and u.person_id is not null and u.person_id is not @personId`,
  );

  const mediatorsOf = db.$client.prepare('select user_id from dossier_mediators where dossier_id = @dossierId and removed_at is null');

  const pullBy = (column: SQLiteColumn) =>
    db
      .select({
        version: changes.version,
        entity: changes.entity,
        entityId: changes.entityId,
        op: changes.op,
      })
      .from(changes)
      .where(and(eq(column, sql.placeholder('key')), gt(changes.version, sql.placeholder('cursor'))))
      .orderBy(asc(changes.version))
      .limit(sql.placeholder('limit'))
      .prepare();
  const pulls = {
    office: pullBy(changes.officeId),
    association: pullBy(changes.associationId),
    person: pullBy(changes.personId),
    user: pullBy(changes.userId),
  };

  return {
    findClient(clientId: string): ClientRow | undefined {
      return findClient.get({ clientId });
    },
    saveClient(row: ClientRow): void {
      db.insert(syncClients)
        .values(row)
        .onConflictDoUpdate({
          target: syncClients.clientId,
          set: { lastSeq: row.lastSeq, lastSeenAt: row.lastSeenAt },
        })
        .run();
    },
    findMutation(id: string): MutationRecord | undefined {
      return findMutation.get({ id });
    },
    recordMutation(row: MutationRecord): void {
      insertMutation(row);
    },
    appendChange(entity: string, entityId: string, op: 'put' | 'del', scope: ChangeScope, at: string): void {
      insertChange({ entity, entityId, op, ...scope, userId: scope.userId ?? null, at });
      if (entity === 'dossier') insertMediatorChanges.run({ op, at, entityId, userId: scope.userId ?? null });
      if (entity === 'dossier') insertFilerChange.run({ op, at, entityId, personId: scope.personId });
    },
    /** The users mediating on a dossier now (issue 6 §2), to poke after a change. */
    mediatorsOf(dossierId: string): string[] {
      return (mediatorsOf.all({ dossierId }) as { user_id: string }[]).map((r) => r.user_id);
    },
    /** One page of the change log in a scope, strictly after the cursor. */
    changesAfter(scope: Scope, cursor: number, limit: number): ChangeRef[] {
      switch (scope.kind) {
        case 'office':
          return pulls.office.all({
            key: scope.officeId,
            cursor,
            limit,
          }) as ChangeRef[];
        case 'association':
          return pulls.association.all({
            key: scope.associationId,
            cursor,
            limit,
          }) as ChangeRef[];
        case 'person':
          return pulls.person.all({
            key: scope.personId,
            cursor,
            limit,
          }) as ChangeRef[];
        case 'user':
          return pulls.user.all({ key: scope.userId, cursor, limit }) as ChangeRef[];
        case 'none':
          return [];
      }
    },
    maxVersion(): number {
      return (
        db
          .select({ v: max(changes.version) })
          .from(changes)
          .get()?.v ?? 0
      );
    },
  };
}
export type SyncRepo = ReturnType<typeof createSyncRepo>;
