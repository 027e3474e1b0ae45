/**
 * The cost of encryption at rest on applying a pulled page (QUALITY.md §4 asks >= 25,000
 * rows/s into IndexedDB), in Debian's Chromium: the same page of dossier-sized records
 * written in one readwrite transaction, (a) in clear as before, (b) sealed first with
 * AES-GCM-256, one WebCrypto call per record, all in parallel (Promise.all), as
 * web/src/lib/device/sync-storage.ts does, (c) sealed one after the other, for
 * comparison. Also PBKDF2 at 600,000 iterations (the unlock screen's wait).
 *
 * Run from e2e/: node --import tsx bench/device-crypto.ts
 * Env: BENCH_CRYPTO_ROWS (10000), BENCH_CRYPTO_PAGE (500), BENCH_CRYPTO_RUNS (3).
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';

const ROWS = Number(process.env.BENCH_CRYPTO_ROWS ?? 10_000);
const PAGE = Number(process.env.BENCH_CRYPTO_PAGE ?? 500);
const RUNS = Number(process.env.BENCH_CRYPTO_RUNS ?? 3);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  // A secure origin (WebCrypto needs one) served by the route, no server.
  await page.route('http://localhost:9/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
  // tsx names functions with a helper the page does not have.
  await page.addInitScript('window.__name = (f) => f;');
  await page.goto('http://localhost:9/');
  const results = await page.evaluate(
    async ({ rows, pageSize, runs }) => {
      const record = (i: number) => ({
        id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        reference: `PG/2026/${String(i).padStart(6, '0')}`,
        serviceCode: 'PA-ACC-01',
        serviceVersion: 1,
        status: 'INVIATA',
        applicant: { personId: `p-${i}`, codiceFiscale: 'RSSMRA80A01G273M', givenName: 'Maria', familyName: `Rossi ${i}`, phone: '3331234567', residence: 3 },
        circoscrizione: 3,
        officeId: 'c3',
        associationId: null,
        filedBy: { userId: 'u-1', name: 'Operatore Demo', role: 'association_operator' },
        submittedAt: '2026-11-26T10:00:00.000Z',
        receivedAt: '2026-11-26T10:00:01.000Z',
        updatedAt: '2026-11-26T10:00:02.000Z',
        answers: { household: 3, children: 'no', delivery: 'pacco', diet: 'Senza glutine' },
        history: [{ from: null, to: 'INVIATA', at: '2026-11-26T10:00:01.000Z', by: 'Operatore Demo' }],
      });
      const all = Array.from({ length: rows }, (_, i) => record(i));
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      const enc = new TextEncoder();
      const seal = async (r: ReturnType<typeof record>) => {
        const iv = crypto.getRandomValues(new Uint8Array(12));
        const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(`dossier:${r.id}`) }, key, enc.encode(JSON.stringify(r)));
        return { id: r.id, status: r.status, updatedAt: r.updatedAt, sealed: { iv, ct } };
      };
      const openDb = (name: string) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name, 1);
          req.onupgradeneeded = () => {
            const store = req.result.createObjectStore('dossiers', { keyPath: 'id' });
            store.createIndex('status', 'status');
            store.createIndex('updatedAt', 'updatedAt');
          };
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const put = (db: IDBDatabase, batch: object[]) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.transaction('dossiers', 'readwrite', { durability: 'strict' });
          const store = tx.objectStore('dossiers');
          for (const row of batch) store.put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      const run = async (mode: 'clear' | 'parallel' | 'sequential', n: number) => {
        const name = `bench-${mode}-${n}`;
        const db = await openDb(name);
        const t0 = performance.now();
        let sealMs = 0;
        for (let i = 0; i < all.length; i += pageSize) {
          const slice = all.slice(i, i + pageSize);
          const s0 = performance.now();
          let batch: object[];
          if (mode === 'clear') batch = slice;
          else if (mode === 'parallel') batch = await Promise.all(slice.map(seal));
          else {
            batch = [];
            for (const r of slice) batch.push(await seal(r));
          }
          sealMs += performance.now() - s0;
          await put(db, batch);
        }
        const ms = performance.now() - t0;
        db.close();
        await new Promise((resolve) => {
          const del = indexedDB.deleteDatabase(name);
          del.onsuccess = del.onerror = () => resolve(null);
        });
        return { mode, ms, sealMs, rowsPerSecond: Math.round((rows / ms) * 1000) };
      };
      const out: { mode: string; ms: number; sealMs: number; rowsPerSecond: number }[] = [];
      for (let n = 0; n < runs; n++) for (const mode of ['clear', 'parallel', 'sequential'] as const) out.push(await run(mode, n));
      const base = await crypto.subtle.importKey('raw', enc.encode('Palermo-Demo-2026'), 'PBKDF2', false, ['deriveKey']);
      const p0 = performance.now();
      await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: crypto.getRandomValues(new Uint8Array(16)), iterations: 600_000 }, base, { name: 'AES-GCM', length: 256 }, false, ['wrapKey']);
      return { out, pbkdf2Ms: performance.now() - p0, bytesPerRecord: enc.encode(JSON.stringify(all[0])).length };
    },
    { rows: ROWS, pageSize: PAGE, runs: RUNS },
  );
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`${ROWS} records of ${results.bytesPerRecord} bytes, pages of ${PAGE}, ${RUNS} runs (median):`);
  for (const mode of ['clear', 'parallel', 'sequential']) {
    const mine = results.out.filter((r) => r.mode === mode);
    console.log(
      `  ${mode.padEnd(10)} ${String(median(mine.map((r) => r.rowsPerSecond))).padStart(7)} rows/s  total ${median(mine.map((r) => r.ms)).toFixed(0)} ms, sealing ${median(mine.map((r) => r.sealMs)).toFixed(0)} ms`,
    );
  }
  console.log(`  PBKDF2-SHA-256, 600,000 iterations: ${results.pbkdf2Ms.toFixed(0)} ms`);
} finally {
  await browser.close();
}
