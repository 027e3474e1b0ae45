/**
 * Internal communications at city scale (issue 4 §5): a demo city of BENCH_THREADS_DOSSIERS
 * dossiers (default 100,000) from the seed generator, then BENCH_THREADS_REQUESTS requests
 * (default 20,000, a few years of questions between offices) of five entries each, and the
 * queries every staff screen runs timed through the service: the header's unread count,
 * the inbox, and one thread. The baseline, measured in the same run, is a plain COUNT(*)
 * over all thread entries.
 *
 *   pnpm --filter @icaro/server exec tsx bench/threads.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OFFICES, RAGIONERIA_OFFICE_ID } from '@icaro/domain';
import { loadEnv } from '../src/env.ts';
import { openDatabase, migrateDatabase } from '../src/db/client.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { createThreadsService } from '../src/services/threads.service.ts';
import { seedCity } from '../src/seed/generate.ts';
import { toSessionUser } from '../src/services/auth.service.ts';
import { Random } from '../src/seed/random.ts';

const DOSSIERS = Number(process.env.BENCH_THREADS_DOSSIERS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_THREADS_REQUESTS ?? 20_000);
const RUNS = Number(process.env.BENCH_THREADS_RUNS ?? 200);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-threads-bench-'));
const env = loadEnv({ PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'error', WEB_DIR: path.join(dataDir, 'none') });
const db = openDatabase(env.dbFile);
migrateDatabase(db, env.MIGRATIONS_DIR);
const repos = createRepositories(db);
let t0 = performance.now();
await seedCity(db, repos, { dossiers: DOSSIERS, citizens: Math.ceil(DOSSIERS / 4) });
console.log(`seeded ${DOSSIERS} dossiers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// Requests between offices over the seeded dossiers, five entries each (question,
// acknowledgement, answer, two notes), answered and read by both sides except the last 5%.
const random = new Random(7);
const dossierRows = db.$client.prepare('SELECT id, office_id AS officeId FROM dossiers ORDER BY id').all() as {
  id: string;
  officeId: string;
}[];
const staff = db.$client.prepare('SELECT id, office_id AS officeId, role FROM users WHERE office_id IS NOT NULL').all() as {
  id: string;
  officeId: string;
  role: string;
}[];
const oneOf = (officeId: string) => staff.find((u) => u.officeId === officeId && u.role !== 'front_desk')!;
t0 = performance.now();
const insertRequest = db.$client.prepare(
  `INSERT INTO internal_requests (id, dossier_id, kind, from_office_id, to_office_id, subject, body, requested_by, requested_at,
     acknowledged_at, acknowledged_by, answered_at, answered_by, answer, first_answer_at, first_answer_seconds, answered_by_office)
   VALUES (?, ?, 'question', ?, ?, 'Oggetto', 'Domanda', ?, ?, ?, ?, ?, ?, 'Risposta', ?, ?, ?)`,
);
const insertMessage = db.$client.prepare(
  `INSERT INTO thread_messages (dossier_id, request_id, kind, author_id, author_office_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
);
const markRead = db.$client.prepare(
  `INSERT INTO thread_reads (user_id, dossier_id, last_read_id, read_at) VALUES (?, ?, ?, ?)
   ON CONFLICT (user_id, dossier_id) DO UPDATE SET last_read_id = max(last_read_id, excluded.last_read_id)`,
);
db.$client.transaction(() => {
  const start = Date.parse('2024-01-01T08:00:00Z');
  for (let i = 0; i < REQUESTS; i++) {
    const d = dossierRows[random.int(0, dossierRows.length - 1)]!;
    const to = random.chance(0.6) ? RAGIONERIA_OFFICE_ID : OFFICES[random.int(0, 7)]!.id;
    if (to === d.officeId) continue;
    const asker = oneOf(d.officeId);
    const answerer = oneOf(to);
    const at = start + i * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const id = `bench-${i}`;
    insertRequest.run(
      id,
      d.id,
      d.officeId,
      to,
      asker.id,
      iso(at),
      iso(at + 3_600_000),
      answerer.id,
      iso(at + 86_400_000),
      answerer.id,
      iso(at + 86_400_000),
      86_400,
      to,
    );
    let last = 0;
    for (const [k, kind, who, ms] of [
      [0, 'note', asker, at - 60_000],
      [1, 'question', asker, at],
      [2, 'acknowledgement', answerer, at + 3_600_000],
      [3, 'answer', answerer, at + 86_400_000],
      [4, 'note', asker, at + 90_000_000],
    ] as const) {
      last = Number(insertMessage.run(d.id, k === 0 ? null : id, kind, who.id, who.officeId, 'Testo', iso(ms)).lastInsertRowid);
    }
    const concerned = staff.filter((s) => s.officeId === d.officeId || s.officeId === to);
    if (i < REQUESTS * 0.95) for (const u of concerned) markRead.run(u.id, d.id, last, iso(at));
    else for (const u of concerned) repos.threads.recountUnread(u.id, u.officeId, d.id);
  }
})();
const messages = (db.$client.prepare('SELECT count(*) AS n FROM thread_messages').get() as { n: number }).n;
console.log(`wrote ${messages} thread entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
db.$client.exec('ANALYZE');

const threads = createThreadsService(db, repos, () => {});
const user = (username: string) => toSessionUser(repos.users.findByUsername(username)!);
const officer = user('istruttore.c1');
const ragioneria = user('ragioneria.demo');
const someDossier = (
  db.$client.prepare("SELECT dossier_id AS id FROM internal_requests WHERE from_office_id = 'UFF-C1' LIMIT 1").get() as { id: string }
).id;

function time(label: string, fn: () => unknown): void {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(2);
  console.log(`${label.padEnd(44)} median ${q(0.5)} ms  p95 ${q(0.95)} ms`);
}

time('baseline: COUNT(*) of all thread entries', () => db.$client.prepare('SELECT count(*) FROM thread_messages').get());
time('unread count, case officer (header badge)', () => threads.unread(officer));
time('unread count, Ragioneria (header badge)', () => threads.unread(ragioneria));
time('inbox, case officer (200 newest)', () => threads.inbox(officer));
time('inbox, Ragioneria (200 newest)', () => threads.inbox(ragioneria));
time('one thread (forDossier)', () => threads.view(officer, someDossier));
console.log(`unread now: officer ${threads.unread(officer).unread}, Ragioneria ${threads.unread(ragioneria).unread}`);
db.$client.close();
fs.rmSync(dataDir, { recursive: true, force: true });
