import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions } from '../db/schema.ts';

export interface SessionRow {
  tokenHash: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export function createSessionsRepo(db: Db) {
  const find = db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare();
  const touch = db
    .update(sessions)
    .set({ lastSeenAt: sql.placeholder('now') as unknown as number })
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare();

  return {
    insert(row: SessionRow): void {
      db.insert(sessions).values(row).run();
    },
    findValid(tokenHash: string, now: number): SessionRow | undefined {
      return find.get({ tokenHash, now });
    },
    touch(tokenHash: string, now: number): void {
      touch.run({ tokenHash, now });
    },
    delete(tokenHash: string): void {
      db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    },
    deleteForUser(userId: string): number {
      return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
    },
    purgeExpired(now: number): number {
      return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
