import { and, eq, getTableColumns, gt, sql, asc, max } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { compileSelect, compileStatement, type Db } from '../db/client.ts';
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
  const findMutation = compileSelect(
    db,
    db
      .select()
      .from(syncMutations)
      .where(eq(syncMutations.id, sql.placeholder('id'))),
    Object.keys(getTableColumns(syncMutations)) as (keyof MutationRecord)[],
  );
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
  // A change of a dossier is followed by more than its own scopes, whoever writes it, and
  // all its rows go in with one statement (it runs for every mutation of a push):
  // - the professionals mediating on it: a row in each active mediator's user scope (issue 6 §2);
  // - a citizen who filed it for a member of their household: a row in the filer's person scope.
  // RETURNING gives the mediators back, to poke them after the commit.
  const insertDossierChanges = db.$client.prepare(
    `insert into changes (entity, entity_id, op, office_id, association_id, person_id, user_id, at)
     select 'dossier', @entityId, @op, @officeId, @associationId, @personId, @userId, @at
     union all
     select 'dossier', @entityId, @op, null, null, null, m.user_id, @at
     from dossier_mediators m
     where m.dossier_id = @entityId and m.removed_at is null and m.user_id is not @userId
     union all
     select 'dossier', d.id, @op, null, null, u.person_id, null, @at
     from dossiers d join users u on u.id = d.filed_by
     where d.id = @entityId and u.role = 'citizen' and u.person_id is not null and u.person_id is not @personId
     returning office_id, association_id, person_id, user_id`,
  );
  insertDossierChanges.raw(true);

  const pullBy = (column: SQLiteColumn) =>
    compileSelect(
      db,
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
        .limit(sql.placeholder('limit')),
      ['version', 'entity', 'entityId', 'op'],
    );
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
      return findMutation({ id })[0] as MutationRecord | undefined;
    },
    recordMutation(row: MutationRecord): void {
      insertMutation(row);
    },
    /**
     * Appends a change in a scope. For a dossier, also in its mediators' and its citizen
     * filer's scopes; returns the mediators given a row (to poke them after the commit).
     */
    appendChange(entity: string, entityId: string, op: 'put' | 'del', scope: ChangeScope, at: string): string[] {
      const row = {
        entity,
        entityId,
        op,
        officeId: scope.officeId,
        associationId: scope.associationId,
        personId: scope.personId,
        userId: scope.userId ?? null,
        at,
      };
      if (entity !== 'dossier') {
        insertChange(row);
        return [];
      }
      const mediators: string[] = [];
      // Mediator rows are the ones with only a user: never the dossier's own row (its user
      // is excluded from the mediators) nor the filer's (a person, no user).
      for (const [officeId, associationId, personId, userId] of insertDossierChanges.all(row) as [
        string | null,
        string | null,
        string | null,
        string | null,
      ][]) {
        if (userId !== null && userId !== row.userId && officeId === null && associationId === null && personId === null)
          mediators.push(userId);
      }
      return mediators;
    },
    /** One page of the change log in a scope, strictly after the cursor. */
    changesAfter(scope: Scope, cursor: number, limit: number): ChangeRef[] {
      switch (scope.kind) {
        case 'office':
          return pulls.office({
            key: scope.officeId,
            cursor,
            limit,
          }) as ChangeRef[];
        case 'association':
          return pulls.association({
            key: scope.associationId,
            cursor,
            limit,
          }) as ChangeRef[];
        case 'person':
          return pulls.person({
            key: scope.personId,
            cursor,
            limit,
          }) as ChangeRef[];
        case 'user':
          return pulls.user({ key: scope.userId, cursor, limit }) as ChangeRef[];
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
