/**
 * Reports at city scale (issue 5 §8): a demo city of BENCH_REPORTS_DOSSIERS dossiers
 * (default 1,000,000) from the seed generator, kept between runs in a cache directory
 * outside git (BENCH_REPORTS_DIR, default .bench/reports-<n> at the repository root;
 * building a million takes about 8 minutes, computing their statistics a few more).
 * Then the dashboard queries are timed through the service (SQL and disclosure control):
 * one office (target ≤ 10 ms) and the whole city (target ≤ 100 ms), each beside a
 * baseline measured in the same run: a plain COUNT(*) over the same dossiers.
 *
 *   pnpm --filter @icaro/server exec tsx bench/reports.bench.ts
 *   BENCH_REPORTS_DOSSIERS=100000 pnpm --filter @icaro/server exec tsx bench/reports.bench.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnv } from '../src/env.ts';
import { migrateDatabase, openDatabase } from '../src/db/client.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { seedCity } from '../src/seed/generate.ts';
import { createDueDateKeeper } from '../src/services/queue.service.ts';
import { createStatsKeeper } from '../src/services/stats-keeper.ts';
import { createReportsService } from '../src/services/reports.service.ts';
import { toSessionUser } from '../src/services/auth.service.ts';

const DOSSIERS = Number(process.env.BENCH_REPORTS_DOSSIERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_REPORTS_RUNS ?? 50);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(process.env.BENCH_REPORTS_DIR ?? path.join(root, '.bench', `reports-${DOSSIERS}`));
const env = loadEnv({ DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'error' });

const db = openDatabase(env.dbFile);
migrateDatabase(db, env.MIGRATIONS_DIR);
const repos = createRepositories(db);
const transaction = <T>(fn: () => T) => db.$client.transaction(fn)();

let t0 = performance.now();
if (repos.users.count() === 0) {
  process.stderr.write(`Seeding ${DOSSIERS} dossiers into ${dataDir} (kept for later runs)…\n`);
  await seedCity(db, repos, {
    dossiers: DOSSIERS,
    citizens: Math.ceil(DOSSIERS / 4),
    onProgress: (done, total) => process.stderr.write(`\r${done}/${total}`),
  });
  process.stderr.write('\n');
  createDueDateKeeper(repos).backfill(transaction);
}
const seedSeconds = (performance.now() - t0) / 1000;
const sqlite = db.$client;
const total = sqlite.prepare('select count(*) from dossiers').pluck().get() as number;
if (total !== DOSSIERS) throw new Error(`${dataDir} holds ${total} dossiers, not ${DOSSIERS}: remove it or set BENCH_REPORTS_DIR`);

t0 = performance.now();
const computed = createStatsKeeper(repos).backfill(transaction, 5_000);
const backfillSeconds = (performance.now() - t0) / 1000;
if (computed > 0) sqlite.exec('analyze');

function time(fn: () => unknown): { median: number; p95: number } {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(RUNS / 2)]!, p95: samples[Math.floor(RUNS * 0.95)]! };
}

const reports = createReportsService(repos);
const analyst = toSessionUser(repos.users.findByUsername('analista.demo')!);
const head = toSessionUser(repos.users.findByUsername('responsabile.c1')!);
const officeCount = sqlite.prepare('select count(*) from dossiers where office_id = ?').pluck();
const cityCount = sqlite.prepare('select count(*) from dossiers').pluck();
const officeBaseline = time(() => officeCount.get('UFF-C1'));
const cityBaseline = time(() => cityCount.get());
const officeSize = officeCount.get('UFF-C1') as number;

const cases: [string, 'office' | 'city', () => unknown][] = [
  ['office dashboard, last 12 months', 'office', () => reports.dashboard(head, {})],
  [
    'office dashboard, 36 months, one service',
    'office',
    () => reports.dashboard(head, { from: '2024-01', to: '2026-12', service: 'PA-ANZ-01' }),
  ],
  ['citywide dashboard, last 12 months', 'city', () => reports.dashboard(analyst, {})],
  ['citywide dashboard, 36 months', 'city', () => reports.dashboard(analyst, { from: '2024-01', to: '2026-12' })],
  ['citywide dashboard, one circoscrizione', 'city', () => reports.dashboard(analyst, { circoscrizione: 5 })],
  ['Trasparenza (public, citywide, per service)', 'city', () => reports.transparency()],
];

const rows = cases.map(([label, scope, fn]) => {
  const t = time(fn);
  const base = scope === 'office' ? officeBaseline : cityBaseline;
  return { label, scope, ...t, baseline: base.median, target: scope === 'office' ? 10 : 100 };
});

const fmt = (ms: number) => ms.toFixed(2).padStart(8);
console.log(`\nReports on ${total.toLocaleString('en')} dossiers (office UFF-C1: ${officeSize.toLocaleString('en')}); ${RUNS} runs each`);
console.log(
  `  seed: ${seedSeconds > 1 ? `${seedSeconds.toFixed(0)} s` : 'reused from cache'}; statistics computed for ${computed} dossiers in ${backfillSeconds.toFixed(1)} s`,
);
console.log(`  baseline COUNT(*): office ${officeBaseline.median.toFixed(2)} ms, city ${cityBaseline.median.toFixed(2)} ms (median)`);
console.log(
  `  ${'query'.padEnd(46)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(8)} ${'baseline'.padStart(8)} ${'target'.padStart(7)}  ok`,
);
for (const r of rows) {
  console.log(
    `  ${r.label.padEnd(46)} ${fmt(r.median)}  ${fmt(r.p95)} ${fmt(r.baseline)} ${String(r.target).padStart(7)}  ${r.median <= r.target ? 'yes' : 'NO'}`,
  );
}
db.$client.close();
