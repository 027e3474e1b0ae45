import { and, asc, eq, isNull, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { associations, invitations, users } from '../db/schema.ts';

export type AssociationRow = typeof associations.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;

export interface OperatorRow {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  createdAt: string;
  /** An invitation not yet accepted: the operator has no password of their own yet. */
  invited: boolean;
}

export function createAssociationsRepo(db: Db) {
  const byId = db
    .select()
    .from(associations)
    .where(eq(associations.id, sql.placeholder('id')))
    .prepare();

  return {
    all(): AssociationRow[] {
      return db.select().from(associations).orderBy(asc(associations.name)).all();
    },
    findById(id: string): AssociationRow | undefined {
      return byId.get({ id });
    },
    insert(row: typeof associations.$inferInsert): void {
      db.insert(associations).values(row).run();
    },
    approve(id: string, by: string, at: string): void {
      db.update(associations).set({ approved: true, approvedAt: at, approvedBy: by }).where(eq(associations.id, id)).run();
    },
    operators(associationId: string, now: number): OperatorRow[] {
      const pending = db
        .select({ userId: invitations.userId })
        .from(invitations)
        .where(and(isNull(invitations.usedAt), gt(invitations.expiresAt, now)))
        .all();
      const invited = new Set(pending.map((p) => p.userId));
      return db
        .select({ id: users.id, username: users.username, displayName: users.displayName, active: users.active, createdAt: users.createdAt })
        .from(users)
        .where(and(eq(users.associationId, associationId), eq(users.role, 'association_operator')))
        .orderBy(asc(users.displayName))
        .all()
        .map((u) => ({ ...u, invited: invited.has(u.id) }));
    },
    setUserActive(userId: string, active: boolean): void {
      db.update(users).set({ active }).where(eq(users.id, userId)).run();
    },
    setPassword(userId: string, passwordHash: string): void {
      db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    },
    insertInvitation(row: InvitationRow): void {
      db.insert(invitations).values(row).run();
    },
    findInvitation(codeHash: string): InvitationRow | undefined {
      return db.select().from(invitations).where(eq(invitations.codeHash, codeHash)).get();
    },
    useInvitation(id: string, at: number): void {
      db.update(invitations).set({ usedAt: at }).where(eq(invitations.id, id)).run();
    },
  };
}
export type AssociationsRepo = ReturnType<typeof createAssociationsRepo>;
