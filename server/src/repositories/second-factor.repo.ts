import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users, userTotp } from '../db/schema.ts';

export interface TotpEnrolment {
  secret: string;
  lastStep: number;
}

export function createSecondFactorRepo(db: Db) {
  return {
    find(userId: string): TotpEnrolment | undefined {
      return db.select({ secret: userTotp.secret, lastStep: userTotp.lastStep }).from(userTotp).where(eq(userTotp.userId, userId)).get();
    },

    /** Enrols (or re-enrols) a user with the step of the code that confirmed the secret. */
    enrol(userId: string, secret: string, step: number, at: string): void {
      db.insert(userTotp)
        .values({ userId, secret, enrolledAt: at, lastStep: step })
        .onConflictDoUpdate({ target: userTotp.userId, set: { secret, enrolledAt: at, lastStep: step } })
        .run();
    },

    /** Records a used step; false when that step (or a later one) was used already: a replay. */
    useStep(userId: string, step: number): boolean {
      const result = db
        .update(userTotp)
        .set({ lastStep: step })
        .where(and(eq(userTotp.userId, userId), lt(userTotp.lastStep, step)))
        .run();
      return result.changes === 1;
    },

    /** Every enrolled user with the secret (the demo inbox shows the demo staff's codes). */
    listEnrolled(): { username: string; displayName: string; role: string; secret: string }[] {
      return db
        .select({ username: users.username, displayName: users.displayName, role: users.role, secret: userTotp.secret })
        .from(userTotp)
        .innerJoin(users, eq(users.id, userTotp.userId))
        .where(eq(users.active, true))
        .orderBy(users.username)
        .all();
    },

    /** Lost phone: the next sign-in enrols a new secret (cli.js totp-reset). */
    reset(userId: string): boolean {
      return db.delete(userTotp).where(eq(userTotp.userId, userId)).run().changes === 1;
    },
  };
}
