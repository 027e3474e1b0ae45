/**
 * The anagrafe import at city scale (issue 4 §8): a synthetic extract of BENCH_ANAGRAFE_ROWS
 * rows (default 100,000; generated into a temp dir, never kept) imported into a fresh
 * database exactly as `cli anagrafe-import` does; then an extract of the same people with
 * 10% new addresses and 2% moves; then that extract again (forced), which must change
 * nothing. The baseline, measured in the same run, is plain better-sqlite3 INSERTs of the
 * same persons in one transaction into another fresh database (no parsing, no checks).
 *
 *   pnpm --filter @icaro/server exec tsx bench/anagrafe.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { loadEnv } from '../src/env.ts';
import { openDatabase, migrateDatabase } from '../src/db/client.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { createAnagrafeService } from '../src/services/anagrafe.service.ts';
import { writeExtract } from './anagrafe-extract.ts';

const ROWS = Number(process.env.BENCH_ANAGRAFE_ROWS ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-anagrafe-bench-'));
const first = path.join(dir, 'estratto-1.csv');
const second = path.join(dir, 'estratto-2.csv');
let t0 = performance.now();
writeExtract(first, ROWS);
writeExtract(second, ROWS, true);
const generateSeconds = (performance.now() - t0) / 1000;

function freshDb(name: string) {
  const env = loadEnv({ PORT: '0', DATA_DIR: path.join(dir, name), SEED_DEMO: 'false', LOG_LEVEL: 'error', WEB_DIR: path.join(dir, 'none') });
  const db = openDatabase(env.dbFile);
  migrateDatabase(db, env.MIGRATIONS_DIR);
  return db;
}

// Baseline: the same persons, plain INSERTs in one transaction.
const baseDb = freshDb('baseline');
const rows = fs
  .readFileSync(first, 'utf8')
  .split('\r\n')
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split(';'));
const insert = baseDb.$client.prepare(
  `INSERT INTO persons (id, codice_fiscale, given_name, family_name, birth_date, sex, circoscrizione, address, household_id, registry_updated_on, created_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
t0 = performance.now();
const now = new Date().toISOString();
baseDb.$client.transaction(() => {
  for (const r of rows) insert.run(uuidv7(), r[0], r[2], r[1], r[3], r[4], ROMAN.indexOf(r[6]!) + 1, r[5], r[7], r[8], now);
})();
const baselineSeconds = (performance.now() - t0) / 1000;
baseDb.$client.close();

// The import, as the CLI runs it.
const db = freshDb('import');
const service = createAnagrafeService(createRepositories(db), (fn) => db.$client.transaction(fn)());
t0 = performance.now();
const r1 = await service.importFile(first);
const importSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const r2 = await service.importFile(second);
const changesSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const r3 = await service.importFile(second, { force: true });
const reimportSeconds = (performance.now() - t0) / 1000;
db.$client.close();
fs.rmSync(dir, { recursive: true, force: true });

const ok = r1.created === ROWS && r1.rejected === 0 && r2.updated > 0 && r3.updated === 0 && r3.historyRows === 0;
const s = (x: number) => `${x.toFixed(2)} s`;
console.log(`\nAnagrafe import, ${ROWS.toLocaleString('en')} rows (synthetic extract generated in ${s(generateSeconds)})`);
console.log(`  baseline: plain INSERT of the same persons, one transaction   ${s(baselineSeconds)}`);
console.log(`  import, all new persons                                      ${s(importSeconds)}  (${Math.round(ROWS / importSeconds).toLocaleString('en')} rows/s, ${(importSeconds / baselineSeconds).toFixed(1)}× baseline)`);
console.log(`  import of changes (${r2.updated} updated, ${r2.historyRows} history rows)        ${s(changesSeconds)}`);
console.log(`  same file again, forced (${r3.unchanged} unchanged, nothing written)    ${s(reimportSeconds)}`);
if (!ok) {
  console.error('unexpected import result', { r1: { ...r1, errors: r1.errors.slice(0, 5) }, r2: { ...r2, errors: [] }, r3: { ...r3, errors: [] } });
  process.exit(1);
}
