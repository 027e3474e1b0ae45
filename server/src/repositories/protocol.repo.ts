import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { protocolCounters } from '../db/schema.ts';

export function createProtocolRepo(db: Db) {
  return {
    /**
     * Takes the next number of the year's register. Must run inside the transaction
     * that uses it: a rollback gives the number back, so the register has no gaps,
     * and SQLite's single writer makes concurrent requests queue rather than collide.
     */
    next(year: number): number {
      const row = db
        .insert(protocolCounters)
        .values({ year, last: 1 })
        .onConflictDoUpdate({
          target: protocolCounters.year,
          set: { last: sqlIncrement() },
        })
        .returning({ last: protocolCounters.last })
        .get();
      return row.last;
    },
    /** Used by the seed, which numbers historical dossiers itself. */
    setLast(year: number, last: number): void {
      db.insert(protocolCounters).values({ year, last }).onConflictDoUpdate({ target: protocolCounters.year, set: { last } }).run();
    },
    last(year: number): number {
      return db.select().from(protocolCounters).where(eq(protocolCounters.year, year)).get()?.last ?? 0;
    },
  };
}

function sqlIncrement() {
  return sql`${protocolCounters.last} + 1`;
}
export type ProtocolRepo = ReturnType<typeof createProtocolRepo>;
