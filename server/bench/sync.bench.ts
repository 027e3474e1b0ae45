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
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

/** Runs the device's side of a measurement in a child process; the server's CPU time is measured around it. */
function onDevice<T>(job: object): Promise<T & { serverCpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./http-client.worker.mjs', import.meta.url)), { serialization: 'advanced' });
    let cpu: NodeJS.CpuUsage;
    child.once('spawn', () => {
      cpu = process.cpuUsage();
      child.send(job);
    });
    child.once('message', (result) => {
      const used = process.cpuUsage(cpu);
      resolve({ ...(result as T), serverCpuMs: (used.user + used.system) / 1000 });
    });
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`device process exited with ${code}`)));
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

// --- push through HTTP (the device side runs in its own process) ----------------
const cookie = await login('operatore.demo');
const clientId = uuidv7();
const bodies: string[] = [];
for (let i = 0; i < mutations.length; i += PUSH_BATCH)
  bodies.push(JSON.stringify({ clientId, mutations: mutations.slice(i, i + PUSH_BATCH) }));
// Every table's last rowid before the push: the baseline re-inserts exactly the rows the push added.
const source = running.app.db.$client;
const allTables = (
  source
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`)
    .all() as {
    name: string;
  }[]
).map((t) => t.name);
const lastRowid = (table: string) => (source.prepare(`select coalesce(max(rowid), 0) from ${table}`).pluck().get() as number) ?? 0;
const before = new Map(allTables.map((t) => [t, lastRowid(t)]));
const pushRun = await onDevice<{ seconds: number; refused: number; each: number[] }>({ base, cookie, kind: 'push', bodies });
if (pushRun.refused > 0) throw new Error(`${pushRun.refused} mutations refused`);
const pushSeconds = pushRun.seconds;
let t0: number;

// --- baseline: the same rows, plain better-sqlite3 inserts, one transaction ----
// Every row the push added, whatever its table (dossiers, persons, events, consents, the
// change log, the mutation records, the audit chain, the statistics...).
const tables = allTables.filter((t) => lastRowid(t) > before.get(t)!);
const rows = Object.fromEntries(
  tables.map((t) => [t, source.prepare(`select * from ${t} where rowid > ?`).all(before.get(t)) as Record<string, unknown>[]]),
);
const baselineRows = Object.values(rows).reduce((n, list) => n + list.length, 0);
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

// --- pull through HTTP (the device side again in its own process) ---------------
const pullRun = await onDevice<{
  seconds: number;
  pulled: number;
  split: { serverMs: number; transferMs: number; parseMs: number; bytes: number; pages: number };
  each: { ms: number; rows: number }[];
}>({ base, cookie, kind: 'pull', pullLimit: PULL_LIMIT });
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

const fastestPush = Math.min(...pushRun.each);
const fullPages = pullRun.each.filter((p) => p.rows === PULL_LIMIT);
const fastestPull = (fullPages.length ? fullPages : pullRun.each).reduce((a, b) => (b.ms / b.rows < a.ms / a.rows ? b : a));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const lines = [
  `ICARO sync benchmark — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`,
  `${MUTATIONS} dossier.submit@1 mutations in pushes of ${PUSH_BATCH}; pull pages of ${PULL_LIMIT}; the device side in its own process`,
  '',
  `| measure | ICARO via HTTP | raw better-sqlite3 baseline | ratio |`,
  `|---|---|---|---|`,
  `| push (mutations/s) | ${fmt(MUTATIONS / pushSeconds)} | ${fmt(MUTATIONS / baselinePushSeconds)} (same rows, one transaction, synchronous=FULL) | ${(baselinePushSeconds / pushSeconds).toFixed(2)} |`,
  `| pull (dossiers/s) | ${fmt(pulled / pullSeconds)} | ${fmt(selected / baselinePullSeconds)} (paged select of dossiers and their events) | ${(baselinePullSeconds / pullSeconds).toFixed(2)} |`,
  `| pull (rows/s: a dossier and its ${eventsPerDossier.toFixed(1)} status events) | ${fmt((pulled * (1 + eventsPerDossier)) / pullSeconds)} | ${fmt((selected + selectedEvents) / baselinePullSeconds)} | |`,
  `rows written by the push (the baseline re-inserts them): ${fmt(baselineRows)} in ${tables.join(', ')}`,
  `server CPU time (the server's process, device apart): push ${fmt((pushRun.serverCpuMs * 1000) / MUTATIONS)} µs per mutation, pull ${fmt((pullRun.serverCpuMs * 1000) / pulled)} µs per dossier`,
  `fastest single request (a busy machine slows some of them): push of ${PUSH_BATCH} ${fastestPush.toFixed(1)} ms = ${fmt((PUSH_BATCH * 1000) / fastestPush)} mutations/s; full pull page ${fastestPull.ms.toFixed(1)} ms = ${fmt((fastestPull.rows * 1000) / fastestPull.ms)} dossiers/s`,
  `pull split: server until the reply's headers ${fmt(pullRun.split.serverMs)} ms, transfer ${fmt(pullRun.split.transferMs)} ms, device JSON.parse ${fmt(pullRun.split.parseMs)} ms; ${fmt(pullRun.split.bytes / pulled)} bytes per dossier (${pullRun.split.pages} pages)`,
  '',
  `targets (QUALITY.md §4): push ≥ 20,000 mutations/s, pull ≥ 100,000 rows/s`,
];
console.log(lines.join('\n'));
if (pulled !== MUTATIONS) throw new Error(`pulled ${pulled} rows, expected ${MUTATIONS}`);

raw.close();
await running.close();
fs.rmSync(dataDir, { recursive: true, force: true });
