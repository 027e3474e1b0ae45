/**
 * Push and pull throughput through the real HTTP endpoint, each printed next to a
 * raw better-sqlite3 baseline on the same rows, measured in the same run
 * (QUALITY.md §4). Ratios, not absolute times, are what to compare across machines.
 *
 *   pnpm bench                 # defaults: 20,000 mutations, pushes of 500
 *   BENCH_MUTATIONS=50000 pnpm bench
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { CATALOGUE } from '@icaro/domain';
import { loadEnv } from '../src/env.ts';
import { createLogger } from '../src/logger.ts';
import { startServer } from '../src/main.ts';
import { DEMO_PASSWORD } from '../src/seed/users.ts';
import { envelope, Random, submitArgs, syntheticApplicant } from '../test/fixtures.ts';

const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 20_000);
const PUSH_BATCH = Number(process.env.BENCH_PUSH_BATCH ?? 500);
const PULL_LIMIT = 5_000;
const PERSONS = 2_000;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-bench-'));
const env = loadEnv({
  PORT: '0',
  DATA_DIR: dataDir,
  SEED_DOSSIERS: '0',
  SEED_CITIZENS: '10',
  LOG_LEVEL: 'error',
  WEB_DIR: path.join(dataDir, 'none'),
  LOGIN_MAX_FAILURES_PER_IP: '1000',
});
const running = await startServer(env, createLogger('error'));
const base = running.url;

function onDeviceThread<T>(job: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-client.worker.mjs', import.meta.url), { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function login(username: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

// Synthetic applicants: each mutation files for one of PERSONS people.
const random = new Random(42);
const mutations = Array.from({ length: MUTATIONS }, (_, i) =>
  envelope(i + 1, 'dossier.submit@1', submitArgs(random, syntheticApplicant(i % PERSONS), {}, CATALOGUE[i % CATALOGUE.length])),
);

// --- push through HTTP (the device side runs on its own thread) -----------------
const cookie = await login('operatore.demo');
const clientId = uuidv7();
const bodies: string[] = [];
for (let i = 0; i < mutations.length; i += PUSH_BATCH)
  bodies.push(JSON.stringify({ clientId, mutations: mutations.slice(i, i + PUSH_BATCH) }));
const pushRun = await onDeviceThread<{ seconds: number; refused: number }>({ base, cookie, kind: 'push', bodies });
if (pushRun.refused > 0) throw new Error(`${pushRun.refused} mutations refused`);
const pushSeconds = pushRun.seconds;
let t0: number;

// --- baseline: the same rows, plain better-sqlite3 inserts, one transaction ----
const source = running.app.db.$client;
const tables = ['persons', 'dossiers', 'status_events', 'consents', 'changes', 'sync_mutations'];
const rows = Object.fromEntries(tables.map((t) => [t, source.prepare(`select * from ${t}`).all() as Record<string, unknown>[]]));
const baselineFile = path.join(dataDir, 'baseline.sqlite');
const raw = new Database(baselineFile);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
for (const { sql } of source
  .prepare(
    `select sql from sqlite_master where type in ('table','index') and sql is not null and name not like 'sqlite_%' and name not like '__drizzle%'`,
  )
  .all() as { sql: string }[]) {
  raw.exec(sql);
}
raw.pragma('foreign_keys = OFF');
t0 = performance.now();
raw.transaction(() => {
  for (const table of tables) {
    const list = rows[table]!;
    if (list.length === 0) continue;
    const cols = Object.keys(list[0]!);
    const stmt = raw.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map((c) => '@' + c).join(',')})`);
    for (const r of list) stmt.run(r);
  }
})();
const baselinePushSeconds = (performance.now() - t0) / 1000;

// --- pull through HTTP ------------------------------------------------------------
const pullRun = await onDeviceThread<{ seconds: number; pulled: number }>({ base, cookie, kind: 'pull', pullLimit: PULL_LIMIT });
const pulled = pullRun.pulled;
const pullSeconds = pullRun.seconds;

// --- baseline: raw paged select of the same rows: the dossiers and their events -------
const page = raw.prepare('select * from dossiers where id > ? order by id limit ?');
const pageEvents = raw.prepare('select * from status_events where dossier_id > ? and dossier_id <= ? order by dossier_id, at');
t0 = performance.now();
let last = '';
let selected = 0;
let selectedEvents = 0;
for (;;) {
  const list = page.all(last, PULL_LIMIT) as { id: string }[];
  if (list.length === 0) break;
  selected += list.length;
  selectedEvents += pageEvents.all(last, list[list.length - 1]!.id).length;
  last = list[list.length - 1]!.id;
}
const baselinePullSeconds = (performance.now() - t0) / 1000;
const eventsPerDossier = selectedEvents / selected;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const lines = [
  `ICARO sync benchmark — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`,
  `${MUTATIONS} dossier.submit@1 mutations in pushes of ${PUSH_BATCH}; pull pages of ${PULL_LIMIT}; the device side on its own thread`,
  '',
  `| measure | ICARO via HTTP | raw better-sqlite3 baseline | ratio |`,
  `|---|---|---|---|`,
  `| push (mutations/s) | ${fmt(MUTATIONS / pushSeconds)} | ${fmt(MUTATIONS / baselinePushSeconds)} (same rows, one transaction, synchronous=FULL) | ${(baselinePushSeconds / pushSeconds).toFixed(2)} |`,
  `| pull (dossiers/s) | ${fmt(pulled / pullSeconds)} | ${fmt(selected / baselinePullSeconds)} (paged select of dossiers and their events) | ${(baselinePullSeconds / pullSeconds).toFixed(2)} |`,
  `| pull (rows/s: a dossier and its ${eventsPerDossier.toFixed(1)} status events) | ${fmt((pulled * (1 + eventsPerDossier)) / pullSeconds)} | ${fmt((selected + selectedEvents) / baselinePullSeconds)} | |`,
  '',
  `targets (QUALITY.md §4): push ≥ 20,000 mutations/s, pull ≥ 100,000 rows/s`,
];
console.log(lines.join('\n'));
if (pulled !== MUTATIONS) throw new Error(`pulled ${pulled} rows, expected ${MUTATIONS}`);

raw.close();
await running.close();
fs.rmSync(dataDir, { recursive: true, force: true });
