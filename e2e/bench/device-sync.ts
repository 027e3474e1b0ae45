/**
 * Device-side benchmarks (QUALITY.md §4), in Debian's Chromium against the real server:
 *
 * 1. First sync of 10,000 dossiers: an office user signs in on a fresh device and pulls
 *    the office's dossiers. Timed with the sync engine's User Timing entries
 *    (web/src/lib/sync/timing.ts): from the start of the run to the end of the last page
 *    applied, and the apply rate (rows/s) over the pages. Baseline, same browser, same
 *    run: a raw IndexedDB put of the very rows stored, into a fresh database with the
 *    same indexes, in pages of the same sizes.
 * 2. Warm start: the office queue reloaded with the data already on the device: time
 *    to the first list drawn (mark `icaro:first-list`), next to the same load's FCP.
 * 3. Device to device: an association operator files requests through the UI while
 *    the office's staff have the queue open; from the click on "Invia la richiesta" to
 *    the row on the staff screen (both pages read the same clock: timeOrigin + now).
 *    Baseline: plain fetch round trips to /healthz from the staff page.
 *
 * Run: pnpm bench (after pnpm build), or alone from e2e/: node --import tsx bench/device-sync.ts
 * Env: BENCH_DEVICE_DOSSIERS (10000), BENCH_DEVICE_RUNS (3), BENCH_WARM_RUNS (5),
 *      BENCH_D2D_SUBMISSIONS (30), BENCH_DEVICE_PARTS (first-sync,warm,d2d).
 */
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { encodeCodiceFiscale } from '@icaro/domain';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { DEMO_PASSWORD, IcaroServer } from '../fixtures/server.ts';
import { logIn } from '../pages/login.ts';
import { OperatorFlow } from '../pages/operator.ts';
import { OfficeScreens } from '../pages/office.ts';
import { freshDemoTotpCode } from '../../server/src/seed/demo-totp.ts';

const DOSSIERS = Number(process.env.BENCH_DEVICE_DOSSIERS ?? 10_000);
const RUNS = Number(process.env.BENCH_DEVICE_RUNS ?? 3);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 5);
const SUBMISSIONS = Number(process.env.BENCH_D2D_SUBMISSIONS ?? 30);
const PARTS = new Set((process.env.BENCH_DEVICE_PARTS ?? 'first-sync,warm,d2d').split(','));
const OFFICE_USER = 'responsabile.c1';

interface Timing {
  name: string;
  start: number;
  end: number;
  rows: number;
  outcome?: string;
}

const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}
const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')}`;

/** The sync engine's User Timing entries in the page, oldest first. */
function syncTimings(page: Page): Promise<Timing[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter((e) => e.name.startsWith('icaro:sync'))
      .map((e) => {
        const detail = ((e as PerformanceMeasure).detail ?? {}) as { rows?: number; outcome?: string };
        return { name: e.name, start: e.startTime, end: e.startTime + e.duration, rows: detail.rows ?? 0, outcome: detail.outcome };
      }),
  );
}

async function newContext(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport });
  // tsx (esbuild keepNames) wraps the named functions of page.evaluate callbacks in __name.
  // (A string, since a function here would be wrapped the same way.)
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  return context;
}

const log = (text: string) => process.stderr.write(`[device-sync ${new Date().toISOString().slice(11, 19)}] ${text}\n`);

// ---------------------------------------------------------------------------------------
// 1. First sync
// ---------------------------------------------------------------------------------------

interface FirstSync {
  /** From the start of the sync run to the end of the last page applied. */
  syncMs: number;
  /** From the click on "Accedi" (same clock) to the end of the last page applied. */
  fromLoginMs: number;
  pages: number;
  rows: number;
  applyMs: number;
  pullMs: number;
  baselineMs: number;
  /** The same pages fetched and parsed in the page, nothing written. */
  pullOnlyMs: number;
}

async function firstSync(browser: Browser, server: IcaroServer): Promise<{ result: FirstSync; context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/accedi`);
  await page.getByLabel('Nome utente').fill(OFFICE_USER);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  // Staff give a code after the password; the first sync starts when it is accepted.
  await page.getByLabel('Codice di 6 cifre').fill(await freshDemoTotpCode(server.url, OFFICE_USER));
  const clicked = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Verifica' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Coda dell’ufficio' })).toBeVisible({ timeout: 30_000 });

  // Done when a run has ended (idle) after pages holding every dossier were applied.
  let timings: Timing[];
  const deadline = Date.now() + 180_000;
  for (;;) {
    timings = await syncTimings(page);
    const applies = timings.filter((t) => t.name === 'icaro:sync:apply');
    const applied = applies.reduce((a, t) => a + t.rows, 0);
    const lastApply = applies.at(-1);
    const done =
      lastApply && applied >= DOSSIERS && timings.some((t) => t.name === 'icaro:sync' && t.outcome === 'idle' && t.end >= lastApply.end);
    if (done) break;
    if (Date.now() > deadline) throw new Error(`first sync did not finish: ${applied} rows applied; ${JSON.stringify(timings.slice(-5))}`);
    await page.waitForTimeout(200);
  }
  const applies = timings.filter((t) => t.name === 'icaro:sync:apply' && t.rows > 0);
  const pulls = timings.filter((t) => t.name === 'icaro:sync:pull');
  const lastApply = applies.at(-1)!;
  const run = timings.find((t) => t.name === 'icaro:sync' && t.start <= applies[0]!.start && t.end >= lastApply.end)!;
  const rows = applies.reduce((a, t) => a + t.rows, 0);

  // Baseline: the stored rows again, raw IndexedDB puts in pages of the same sizes.
  const baselineMs = await page.evaluate(
    async (pageSizes) => {
      const dbs = await indexedDB.databases();
      const name = dbs.find((d) => d.name?.startsWith('icaro-u-'))?.name;
      if (!name) throw new Error('no user database');
      const open = (n: string, upgrade?: (db: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(n, 1);
          if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const source = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = source.transaction('dossiers', 'readonly');
      const store = tx.objectStore('dossiers');
      const shape = {
        keyPath: store.keyPath,
        indexes: [...store.indexNames].map((n) => {
          const i = store.index(n);
          return { name: n, keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry };
        }),
      };
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = store.getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
      source.close();
      const target = `icaro-bench-baseline-${Date.now()}`;
      const db = await open(target, (d) => {
        const s = d.createObjectStore('dossiers', { keyPath: shape.keyPath });
        for (const i of shape.indexes) s.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
      });
      const t0 = performance.now();
      let offset = 0;
      for (const size of pageSizes) {
        const chunk = all.slice(offset, offset + size);
        offset += size;
        await new Promise<void>((resolve, reject) => {
          const w = db.transaction('dossiers', 'readwrite');
          const s = w.objectStore('dossiers');
          for (const row of chunk) s.put(row);
          w.oncomplete = () => resolve();
          w.onerror = () => reject(w.error);
        });
      }
      const elapsed = performance.now() - t0;
      db.close();
      await new Promise((resolve) => {
        const del = indexedDB.deleteDatabase(target);
        del.onsuccess = del.onerror = del.onblocked = () => resolve(null);
      });
      if (offset < all.length || all.length === 0) throw new Error(`baseline rows: ${all.length} stored, ${offset} put`);
      return elapsed;
    },
    applies.map((a) => a.rows),
  );

  // Second baseline: the same pages asked for with a plain fetch and parsed, nothing
  // written: what the server, the network and JSON cost without the device's work.
  const pullOnlyMs = await page.evaluate(
    async ({ limit }) => {
      const t0 = performance.now();
      let cursor: number | null = null;
      for (;;) {
        const input = encodeURIComponent(JSON.stringify({ 0: { cursor, limit } }));
        const res = await fetch(`/trpc/sync.pull?batch=1&input=${input}`, { credentials: 'same-origin' });
        const [answer] = (await res.json()) as [{ result: { data: { cursor: number; more: boolean } } }];
        cursor = answer.result.data.cursor;
        if (!answer.result.data.more) break;
      }
      return performance.now() - t0;
    },
    { limit: Math.max(...pulls.map((p) => p.rows)) },
  );

  return {
    context,
    page,
    result: {
      pullOnlyMs,
      syncMs: lastApply.end - run.start,
      fromLoginMs: lastApply.end - clicked,
      pages: applies.length,
      rows,
      applyMs: applies.reduce((a, t) => a + (t.end - t.start), 0),
      pullMs: pulls.reduce((a, t) => a + (t.end - t.start), 0),
      baselineMs,
    },
  };
}

// ---------------------------------------------------------------------------------------
// 2. Warm start
// ---------------------------------------------------------------------------------------

interface WarmStart {
  /** From navigation start to the first list drawn. */
  listMs: number;
  /** When the device asks for the password first (encryption at rest): from the click on "Sblocca". */
  afterUnlockMs: number | null;
  source: string;
  fcpMs: number;
  dossiersOnDevice: number;
}

async function warmStart(page: Page): Promise<WarmStart> {
  await page.reload();
  const queue = page.getByRole('heading', { level: 1, name: 'Coda dell’ufficio' });
  const unlock = page.getByRole('heading', { level: 1, name: 'Sblocca i tuoi dati' });
  await expect(queue.or(unlock)).toBeVisible({ timeout: 30_000 });
  let unlockClick: number | null = null;
  if (await unlock.isVisible()) {
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    unlockClick = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Sblocca' }).click();
    await expect(queue).toBeVisible({ timeout: 30_000 });
  }
  const handle = await page.waitForFunction(
    () => {
      const mark = performance.getEntriesByName('icaro:first-list')[0] as PerformanceMark | undefined;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      if (!mark || !fcp) return null;
      return { listMs: mark.startTime, source: String((mark.detail as { source?: string } | null)?.source ?? '?'), fcpMs: fcp.startTime };
    },
    undefined,
    { timeout: 30_000 },
  );
  const drawn = (await handle.jsonValue())!;
  const result = { ...drawn, afterUnlockMs: unlockClick === null ? null : drawn.listMs - unlockClick };
  const dossiersOnDevice = await page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    const name = dbs.find((d) => d.name?.startsWith('icaro-u-'))?.name;
    if (!name) return 0;
    return new Promise<number>((resolve) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        const count = req.result.transaction('dossiers').objectStore('dossiers').count();
        count.onsuccess = () => {
          req.result.close();
          resolve(count.result);
        };
      };
    });
  });
  return { ...result, dossiersOnDevice };
}

// ---------------------------------------------------------------------------------------
// 3. Device to device
// ---------------------------------------------------------------------------------------

const GIVEN = ['Agata', 'Benedetta', 'Calogera', 'Domenica', 'Epifania', 'Filippa', 'Gaetana', 'Ignazia', 'Liboria', 'Margherita'];
const FAMILY = ['Abbate', 'Bonanno', 'Cangemi', 'Dragotto', 'Ferlito', 'Gennaro', 'Ingrassia', 'Lipari', 'Manzella', 'Noto'];

/** A synthetic applicant with a valid codice fiscale and a name nobody else in the bench has. */
function applicant(i: number) {
  // Consecutive requests have different family names: the staff's search changes each time.
  const familyName = FAMILY[i % FAMILY.length]!;
  const givenName = GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]!;
  const birthDate = `19${String(40 + (i % 50)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
  return {
    codiceFiscale: encodeCodiceFiscale({ familyName, givenName, birthDate, sex: 'F', belfiore: 'G273' }),
    givenName,
    familyName,
    phone: `333${String(2000000 + i).slice(-7)}`,
    circoscrizione: 'I Circoscrizione',
  };
}

async function deviceToDevice(browser: Browser, server: IcaroServer): Promise<{ latencies: number[]; healthz: number[] }> {
  const staffContext = await newContext(browser);
  const staff = await staffContext.newPage();
  await logIn(staff, server.url, 'responsabile.c1');
  const office = new OfficeScreens(staff);
  await office.queue();
  const operatorContext = await newContext(browser, { width: 390, height: 844 });
  const operator = await operatorContext.newPage();
  await logIn(operator, server.url, 'operatore.demo');
  const flow = new OperatorFlow(operator);

  const latencies: number[] = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const who = applicant(i);
    const fullName = `${who.givenName} ${who.familyName}`;
    // The staff screen: the queue, searched by the applicant's family name (the newest
    // requests are last in deadline order, past the first page of a busy queue).
    // (In the app, not by loading the URL: a reload would ask for the device password.)
    await office.filter({ search: who.familyName });
    await staff.evaluate((name) => {
      const w = window as unknown as { __seenAt?: number };
      delete w.__seenAt;
      const seen = () => [...document.querySelectorAll('[data-testid="queue-list"] li')].some((li) => li.textContent?.includes(name));
      const observer = new MutationObserver(() => {
        if (w.__seenAt === undefined && seen()) {
          w.__seenAt = performance.timeOrigin + performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    }, fullName);

    // The operator files the request through the UI, up to the review page.
    if (i > 0) await operator.getByRole('link', { name: 'Torna all’elenco delle richieste' }).first().click();
    await flow.startNewRequest();
    await flow.newPerson(who);
    await flow.chooseService('Buoni spesa e aiuti alimentari');
    await flow.answerText('Quante persone vivono con te, compreso te?', '2');
    await flow.answerChoice('In famiglia ci sono bambini sotto i 3 anni?', 'No');
    await flow.answerChoice('Cosa preferisci ricevere?', 'Un pacco di alimenti');
    await flow.answerChoice('Qualcuno in famiglia deve seguire una dieta particolare?', 'No');
    await flow.consentByWitness('Nicola Testa');
    await flow.heading('Controlla la richiesta prima di inviarla');
    await operator.evaluate(() => {
      const w = window as unknown as { __clickAt?: number };
      delete w.__clickAt;
      document.addEventListener(
        'click',
        (e) => {
          if ((e.target as Element | null)?.closest('button')?.textContent?.includes('Invia la richiesta'))
            w.__clickAt ??= performance.timeOrigin + performance.now();
        },
        { capture: true },
      );
    });
    await operator.getByRole('button', { name: 'Invia la richiesta' }).click();
    await flow.heading('Richiesta registrata');
    const seenAt = await staff.waitForFunction(() => (window as unknown as { __seenAt?: number }).__seenAt, undefined, { timeout: 30_000 });
    const clickAt = await operator.evaluate(() => (window as unknown as { __clickAt?: number }).__clickAt);
    if (clickAt === undefined) throw new Error('the submit click was not recorded');
    latencies.push(((await seenAt.jsonValue()) as number) - clickAt);
    log(`submission ${i + 1}: ${Math.round(latencies.at(-1)!)} ms`);
  }

  const healthz = await staff.evaluate(async (n) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const res = await fetch('/healthz', { cache: 'no-store' });
      await res.text();
      out.push(performance.now() - t0);
    }
    return out;
  }, SUBMISSIONS);
  await staffContext.close();
  await operatorContext.close();
  return { latencies, healthz };
}

// ---------------------------------------------------------------------------------------

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const out: string[] = [`ICARO device benchmarks — ${new Date().toISOString()}`, ''];
try {
  if (PARTS.has('first-sync') || PARTS.has('warm')) {
    const seedStarted = Date.now();
    // Every citizen in the I Circoscrizione: all the dossiers are the office's.
    const server = await IcaroServer.start(
      {
        SEED_DOSSIERS: String(DOSSIERS),
        SEED_CITIZENS: String(Math.max(40, Math.ceil(DOSSIERS / 4))),
        SEED_CIRCOSCRIZIONE: '1',
      },
      300_000,
    );
    log(`server up after ${ms(Date.now() - seedStarted)}`);
    out.push(
      `server seeded with ${DOSSIERS.toLocaleString('en-US')} dossiers of one office and started in ${ms(Date.now() - seedStarted)}`,
      '',
    );
    try {
      const runs: FirstSync[] = [];
      let kept: { context: BrowserContext; page: Page } | null = null;
      for (let r = 0; r < RUNS; r++) {
        const { result, context, page } = await firstSync(browser, server);
        log(`first sync run ${r + 1}: ${JSON.stringify(result)}`);
        runs.push(result);
        if (kept) await kept.context.close();
        kept = { context, page };
      }
      out.push(
        `First sync of ${DOSSIERS.toLocaleString('en-US')} dossiers (office user ${OFFICE_USER}, fresh device), ${RUNS} runs`,
        '',
        '| run | first sync (start of run → last page applied) | from the sign-in click | baseline: the same pages fetched and parsed, not written | pages | rows | pull (request + parse) | apply (Dexie) | apply rows/s | baseline: raw IndexedDB put | baseline rows/s | apply / baseline |',
        '|---|---|---|---|---|---|---|---|---|---|---|---|',
        ...runs.map((r, i) => {
          const applyRate = r.rows / (r.applyMs / 1000);
          const baseRate = r.rows / (r.baselineMs / 1000);
          return `| ${i + 1} | ${ms(r.syncMs)} | ${ms(r.fromLoginMs)} | ${ms(r.pullOnlyMs)} | ${r.pages} | ${r.rows} | ${ms(r.pullMs)} | ${ms(r.applyMs)} | ${rate(applyRate)} | ${ms(r.baselineMs)} | ${rate(baseRate)} | ${(applyRate / baseRate).toFixed(2)} |`;
        }),
        '',
        `median first sync ${ms(median(runs.map((r) => r.syncMs)))} (target ≤ 3,000 ms); median apply ${rate(median(runs.map((r) => r.rows / (r.applyMs / 1000))))} rows/s (target ≥ 25,000), baseline ${rate(median(runs.map((r) => r.rows / (r.baselineMs / 1000))))} rows/s`,
        '',
      );
      console.log(out.splice(0).join('\n'));
      if (PARTS.has('warm') && kept) {
        const warm: WarmStart[] = [];
        for (let r = 0; r < WARM_RUNS; r++) {
          warm.push(await warmStart(kept.page));
          log(`warm start ${r + 1}: ${JSON.stringify(warm.at(-1))}`);
        }
        out.push(
          `Warm start: the office queue reloaded with ${warm[0]!.dossiersOnDevice.toLocaleString('en-US')} dossiers on the device, ${WARM_RUNS} reloads`,
          '',
          '| reload | first list drawn (from navigation start) | from the click on “Sblocca” | drawn from | baseline: FCP |',
          '|---|---|---|---|---|',
          ...warm.map(
            (w, i) =>
              `| ${i + 1} | ${ms(w.listMs)} | ${w.afterUnlockMs === null ? '—' : ms(w.afterUnlockMs)} | ${w.source} | ${ms(w.fcpMs)} |`,
          ),
          '',
          `median first list ${ms(median(warm.map((w) => w.listMs)))}` +
            (warm[0]!.afterUnlockMs === null ? '' : ` (${ms(median(warm.map((w) => w.afterUnlockMs ?? NaN)))} after the unlock click)`) +
            ` (target ≤ 100 ms), median FCP ${ms(median(warm.map((w) => w.fcpMs)))}`,
          '',
        );
        console.log(out.splice(0).join('\n'));
      }
      await kept?.context.close();
    } finally {
      await server.dispose();
    }
  }

  if (PARTS.has('d2d')) {
    const server = await IcaroServer.start({ SEED_DOSSIERS: '60' });
    try {
      const { latencies, healthz } = await deviceToDevice(browser, server);
      out.push(
        `Device to device: ${latencies.length} requests filed by an association operator, seen on the office's queue`,
        '',
        '| measure | p50 | p95 | max |',
        '|---|---|---|---|',
        `| submit click → row on the staff screen | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 95))} | ${ms(Math.max(...latencies))} |`,
        `| baseline: fetch /healthz from the staff page | ${percentile(healthz, 50).toFixed(1)} ms | ${percentile(healthz, 95).toFixed(1)} ms | ${Math.max(...healthz).toFixed(1)} ms |`,
        '',
        'targets (QUALITY.md §4): p50 ≤ 300 ms, p95 ≤ 1,000 ms',
      );
    } finally {
      await server.dispose();
    }
  }
  console.log(out.splice(0).join('\n'));
} finally {
  await browser.close();
}
