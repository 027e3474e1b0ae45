/**
 * The office queue at city scale (issue 4 §1): a demo city of BENCH_QUEUE_DOSSIERS
 * dossiers (default 100,000) from the seed generator, then each kind of queue query
 * timed through the service (SQL and mapping) and the default page through HTTP. The
 * baseline, measured in the same run on the same table, is a plain indexed
 * COUNT(*) of the office's dossiers (QUALITY.md §4).
 *
 *   BENCH_QUEUE_DOSSIERS=100000 pnpm --filter @icaro/server exec tsx bench/queue.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { QueueQuery } from '@icaro/sync';
import { loadEnv } from '../src/env.ts';
import { createLogger } from '../src/logger.ts';
import { startServer } from '../src/main.ts';
import { openDatabase, migrateDatabase } from '../src/db/client.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { seedCity } from '../src/seed/generate.ts';
import { DEMO_PASSWORD } from '../src/seed/users.ts';
import { demoSignIn } from '../src/seed/demo-totp.ts';
import { toSessionUser } from '../src/services/auth.service.ts';
import { dossiers, persons } from '../src/db/schema.ts';

const DOSSIERS = Number(process.env.BENCH_QUEUE_DOSSIERS ?? 100_000);
const RUNS = Number(process.env.BENCH_QUEUE_RUNS ?? 200);
const OFFICE = 'UFF-C1';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-queue-bench-'));
const env = loadEnv({ PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'error', WEB_DIR: path.join(dataDir, 'none') });

// Seed exactly as `node server/dist/cli.js seed --dossiers N` does.
let t0 = performance.now();
{
  const db = openDatabase(env.dbFile);
  migrateDatabase(db, env.MIGRATIONS_DIR);
  await seedCity(db, createRepositories(db), { dossiers: DOSSIERS, citizens: Math.ceil(DOSSIERS / 4) });
  db.$client.close();
}
const seedSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const running = await startServer(env, createLogger('error')); // computes the due dates of the fresh seed
const backfillSeconds = (performance.now() - t0) / 1000;
const { app } = running;
const sqlite = app.db.$client;
sqlite.exec('analyze');

const head = toSessionUser(app.repos.users.findByUsername('responsabile.c1')!);
const officer = app.repos.users.findByUsername('istruttore.c1')!;
const sample = app.db.select().from(dossiers).where(eq(dossiers.officeId, OFFICE)).limit(1).offset(500).get()!;
const person = app.db.select().from(persons).where(eq(persons.id, sample.personId)).get()!;

function time(fn: () => unknown): { median: number; p95: number } {
  for (let i = 0; i < 5; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(RUNS / 2)]!, p95: samples[Math.floor(RUNS * 0.95)]! };
}

const baselineStmt = sqlite.prepare('select count(*) from dossiers where office_id = ?').pluck();
const baseline = time(() => baselineStmt.get(OFFICE));
const officeSize = baselineStmt.get(OFFICE) as number;

// Twenty pages deep, following the cursor: the cost of the 20th page alone.
let deep: QueueQuery = {};
for (let i = 0; i < 20; i++) deep = { after: app.queue.list(head, deep).next ?? undefined };

const cases: [string, QueueQuery][] = [
  ['first page, open dossiers by deadline', {}],
  ['20th page (keyset cursor)', deep],
  ['state = ISTRUTTORIA', { state: 'ISTRUTTORIA' }],
  ['service', { service: sample.serviceCode, state: 'all' }],
  ['circoscrizione', { circoscrizione: 1, state: 'all' }],
  ['assigned officer', { assignee: officer.id }],
  ['risk = overdue', { risk: 'overdue' }],
  ['risk = warning', { risk: 'warning' }],
  ['search: family name', { search: person.familyName.toLowerCase(), state: 'all' }],
  ['search: codice fiscale', { search: person.codiceFiscale, state: 'all' }],
  ['search: reference', { search: sample.reference, state: 'all' }],
  ['search: protocol number', { search: sample.protocolNumber ?? '2026/1', state: 'all' }],
];
const results = cases.map(([label, query]) => {
  const page = app.queue.list(head, query);
  return { label, total: page.total, ...time(() => app.queue.list(head, query)) };
});
const workload = time(() => app.queue.workload(head));

// The default page end to end, through HTTP and tRPC, with a session cookie.
const cookie = await demoSignIn(running.url, 'responsabile.c1', DEMO_PASSWORD);
const httpSamples: number[] = [];
for (let i = 0; i < 50; i++) {
  const s = performance.now();
  const res = await fetch(`${running.url}/trpc/queue.list?input=${encodeURIComponent('{}')}`, { headers: { cookie } });
  await res.json();
  httpSamples.push(performance.now() - s);
}
httpSamples.sort((a, b) => a - b);

const plan = sqlite
  .prepare(
    `explain query plan select id from dossiers where office_id = ? and status not in ('RESPINTA','IRRICEVIBILE','RITIRATA','CHIUSA','REVOCATA') and due_date is not null order by due_date, id limit 26`,
  )
  .all(OFFICE) as { detail: string }[];

const ms = (n: number) => n.toFixed(2);
const lines = [
  `ICARO office queue benchmark — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`,
  `${DOSSIERS.toLocaleString('en-US')} dossiers (seeded in ${seedSeconds.toFixed(1)} s, due dates computed at start in ${backfillSeconds.toFixed(1)} s); office ${OFFICE} holds ${officeSize.toLocaleString('en-US')}; ${RUNS} runs each`,
  `plan of the default page: ${plan.map((p) => p.detail).join('; ')}`,
  '',
  '| query (page of 25 + total count) | matches | median ms | p95 ms | × baseline |',
  '|---|---|---|---|---|',
  `| baseline: indexed COUNT(*) of the office's dossiers | ${officeSize} | ${ms(baseline.median)} | ${ms(baseline.p95)} | 1 |`,
  ...results.map((r) => `| ${r.label} | ${r.total} | ${ms(r.median)} | ${ms(r.p95)} | ${(r.median / baseline.median).toFixed(1)} |`),
  `| workload view (open, near and past deadline per officer) | — | ${ms(workload.median)} | ${ms(workload.p95)} | ${(workload.median / baseline.median).toFixed(1)} |`,
  `| first page through HTTP (tRPC, session, JSON) | — | ${ms(httpSamples[25]!)} | ${ms(httpSamples[47]!)} | ${(httpSamples[25]! / baseline.median).toFixed(1)} |`,
];
console.log(lines.join('\n'));

await running.close();
if (process.env.BENCH_QUEUE_KEEP) console.log(`database kept in ${dataDir}`);
else fs.rmSync(dataDir, { recursive: true, force: true });
