import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';
import { startCheckpointer } from './checkpointer.ts';

export type Db = BetterSQLite3Database<typeof schema> & {
  $client: Database.Database;
};
export { schema };

/**
 * Opens the SQLite file with the durability the sync protocol relies on: an
 * acknowledged push must survive kill -9 (WAL + synchronous=FULL).
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Savepoints keep their rollback journal in memory rather than in temp files.
  sqlite.pragma('temp_store = MEMORY');
  if (file !== ':memory:') {
    // WAL checkpoints run on their own thread, not inside a push's commit (checkpointer.ts).
    const stopCheckpointer = startCheckpointer(sqlite, file);
    const close = sqlite.close.bind(sqlite);
    sqlite.close = () => {
      stopCheckpointer();
      return close();
    };
  }
  return drizzle(sqlite, { schema }) as Db;
}

export function migrateDatabase(db: Db, migrationsFolder: string): void {
  migrate(db, { migrationsFolder });
}

/** Online backup through SQLite's backup API, safe while the server is writing. */
export async function backupDatabase(db: Db, destination: string): Promise<void> {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  await db.$client.backup(destination);
}

/**
 * Runs fn in a savepoint of the current transaction (better-sqlite3 nests its
 * transaction functions as savepoints). Compiled once: building a transaction
 * wrapper per mutation costs more than the mutation's own inserts.
 */
export function createSavepointRunner(db: Db): <T>(fn: () => T) => T {
  const run = db.$client.transaction((fn: () => unknown) => fn());
  return <T>(fn: () => T) => run(fn) as T;
}

/** SQLite's count of rows changed on this connection: tells whether code wrote anything. */
export function createChangeCounter(db: Db): () => number {
  const statement = db.$client.prepare('select total_changes()').pluck();
  return () => statement.get() as number;
}

interface ToSql {
  toSQL(): { sql: string; params: unknown[] };
}

/**
 * Compiles a statement written with drizzle's query builder (named placeholders) into a
 * plain better-sqlite3 statement. The SQL is still drizzle's; only the per-call
 * mapping is skipped, which on the push path costs more than the inserts themselves.
 * Use it for statements whose parameters need no conversion (text and numbers).
 */
export function compileStatement(db: Db, query: ToSql): (values: Record<string, unknown>) => Database.RunResult {
  const { statement, names } = compile(db, query);
  return (values) => statement.run(...names.map((n) => values[n] ?? null));
}

/**
 * The same for a flat select: rows come back as objects keyed like the selection,
 * with raw SQLite values (text, numbers, null).
 */
export function compileSelect<K extends string>(
  db: Db,
  query: ToSql,
  keys: readonly K[],
): (values: Record<string, unknown>) => Record<K, unknown>[] {
  const { statement, names } = compile(db, query);
  statement.raw(true);
  return (values) =>
    (statement.all(...names.map((n) => values[n] ?? null)) as unknown[][]).map((row) => {
      const out = {} as Record<K, unknown>;
      for (let i = 0; i < keys.length; i++) out[keys[i]!] = row[i];
      return out;
    });
}

function compile(db: Db, query: ToSql): { statement: Database.Statement; names: string[] } {
  const { sql, params } = query.toSQL();
  const names = params.map((p) => {
    // Insert values arrive wrapped in a Param (value + column encoder).
    const inner = (p as { value?: unknown }).value ?? p;
    const name = (inner as { name?: unknown }).name;
    if (typeof name !== 'string') throw new Error(`compileStatement: every parameter must be a placeholder (${sql})`);
    return name;
  });
  return { statement: db.$client.prepare(sql), names };
}
