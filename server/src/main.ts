import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { loadEnv, type Env } from './env.ts';
import { createLogger, type Logger } from './logger.ts';
import { migrateDatabase, openDatabase } from './db/client.ts';
import { createAppServices, type AppServices } from './app-services.ts';
import { createHttpServer } from './http/server.ts';
import { seedCity } from './seed/generate.ts';
import { DEMO_PASSWORD, demoUsers } from './seed/users.ts';
import { ASSOCIATION_DEMO_USERS } from './seed/associations.ts';

export interface RunningServer {
  url: string;
  app: AppServices;
  server: http.Server;
  close(): Promise<void>;
}

/** Migrates, seeds an empty database when asked to, and serves. Used by main and tests. */
export async function startServer(env: Env, log: Logger = createLogger(env.LOG_LEVEL)): Promise<RunningServer> {
  const db = openDatabase(env.dbFile);
  migrateDatabase(db, env.MIGRATIONS_DIR);
  const app = createAppServices(env, db, log);
  if (env.SEED_DEMO && app.repos.users.count() === 0) {
    const started = Date.now();
    const summary = await seedCity(db, app.repos, { citizens: env.SEED_CITIZENS, dossiers: env.SEED_DOSSIERS, circoscrizione: env.SEED_CIRCOSCRIZIONE });
    log.info('demo city seeded', { ...summary, ms: Date.now() - started });
  }
  // Due dates for dossiers that have none yet: a fresh seed, or a database from before
  // the column existed. Only rows whose clock may run are read, so this is quick when done.
  const filled = app.dueDates.backfill((fn) => db.$client.transaction(fn)());
  if (filled > 0) log.info('due dates computed', { dossiers: filled });
  // The reports' statistics, likewise for dossiers that have none (a fresh seed, an older database).
  const counted = app.stats.backfill((fn) => db.$client.transaction(fn)());
  if (counted > 0) log.info('statistics computed', { dossiers: counted });
  // The albo's daily job (issue 6): reminders before expiry, delisting of lapsed listings.
  const stopAlboJob = app.albo.startDailyJob();
  // The GDPR retention purge (docs/privacy.md): daily, erasing what is past retention.
  const stopPrivacyJob = app.privacy.startDailyJob();
  const server = createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return {
    url: `http://${host}:${port}`,
    app,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          stopAlboJob();
          stopPrivacyJob();
          db.$client.close();
          resolve();
        });
      }),
  };
}

async function main(): Promise<void> {
  let env: Env;
  try {
    env = loadEnv();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const log = createLogger(env.LOG_LEVEL);
  const running = await startServer(env, log);
  const lines = [`ICARO è in funzione su ${running.url}`, `Dati: ${env.dbFile}`];
  if (env.SEED_DEMO) {
    lines.push(`Account dimostrativi (password: ${DEMO_PASSWORD}):`);
    for (const u of demoUsers().filter((x) => !/\.c[2-8]$/.test(x.username))) lines.push(`  ${u.username.padEnd(18)} ${u.role}`);
    for (const u of ASSOCIATION_DEMO_USERS) lines.push(`  ${u.username.padEnd(18)} ${u.role}`);
    lines.push('  (sportello.cN, istruttore.cN, responsabile.cN esistono per ogni circoscrizione N = 1..8)');
    if (env.demoInbox) lines.push(`Il personale del Comune dà anche il codice di verifica in due passaggi: i codici demo sono su ${running.url}/demo/posta`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  const shutdown = (signal: string) => {
    log.info('shutting down', { signal });
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && /main\.(ts|js|mjs)$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`ICARO could not start: ${String(error)}\n`);
    process.exit(1);
  });
}
