import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users, offices, associations } from '../db/schema.ts';
import type { Role } from '@icaro/domain';

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  officeId: string | null;
  officeName: string | null;
  associationId: string | null;
  associationName: string | null;
  personId: string | null;
  active: boolean;
}

export type NewUser = typeof users.$inferInsert;

export function createUsersRepo(db: Db) {
  const base = db
    .select({
      id: users.id,
      username: users.username,
      passwordHash: users.passwordHash,
      displayName: users.displayName,
      role: users.role,
      officeId: users.officeId,
      officeName: offices.name,
      associationId: users.associationId,
      associationName: associations.name,
      personId: users.personId,
      active: users.active,
    })
    .from(users)
    .leftJoin(offices, eq(offices.id, users.officeId))
    .leftJoin(associations, eq(associations.id, users.associationId));
  const byUsername = base.where(eq(users.username, sql.placeholder('username'))).prepare();
  const byId = base.where(eq(users.id, sql.placeholder('id'))).prepare();
  const citizenOf = base.where(and(eq(users.personId, sql.placeholder('personId')), eq(users.role, 'citizen'))).prepare();

  return {
    findByUsername(username: string): UserRecord | undefined {
      return byUsername.get({ username }) as UserRecord | undefined;
    },
    findById(id: string): UserRecord | undefined {
      return byId.get({ id }) as UserRecord | undefined;
    },
    /** The citizen account of a person, if they have one. */
    findCitizenByPersonId(personId: string): UserRecord | undefined {
      return citizenOf.get({ personId }) as UserRecord | undefined;
    },
    insert(user: NewUser): void {
      db.insert(users).values(user).run();
    },
    count(): number {
      return db.select({ n: count() }).from(users).get()?.n ?? 0;
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
