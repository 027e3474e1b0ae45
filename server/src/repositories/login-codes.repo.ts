import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginCodes } from '../db/schema.ts';

export type LoginCodeRow = typeof loginCodes.$inferSelect;

export function createLoginCodesRepo(db: Db) {
  const byId = db
    .select()
    .from(loginCodes)
    .where(eq(loginCodes.id, sql.placeholder('id')))
    .prepare();
  return {
    insert(row: Omit<LoginCodeRow, 'attempts' | 'usedAt'>): void {
      db.insert(loginCodes).values(row).run();
    },
    find(id: string): LoginCodeRow | undefined {
      return byId.get({ id });
    },
    /** Counts one try, before the code is compared, so parallel guesses are all counted. */
    countAttempt(id: string): number {
      const row = db
        .update(loginCodes)
        .set({ attempts: sql`${loginCodes.attempts} + 1` })
        .where(eq(loginCodes.id, id))
        .returning({ attempts: loginCodes.attempts })
        .get();
      return row?.attempts ?? Number.MAX_SAFE_INTEGER;
    },
    /** True for the one caller that used the code; a second use of the same code gets false. */
    markUsed(id: string, at: number): boolean {
      return (
        db
          .update(loginCodes)
          .set({ usedAt: at })
          .where(and(eq(loginCodes.id, id), isNull(loginCodes.usedAt)))
          .run().changes === 1
      );
    },
    purgeExpiredBefore(at: number): number {
      return db.delete(loginCodes).where(lt(loginCodes.expiresAt, at)).run().changes;
    },
  };
}
export type LoginCodesRepo = ReturnType<typeof createLoginCodesRepo>;
