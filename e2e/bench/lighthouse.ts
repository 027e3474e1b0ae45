/**
 * Lighthouse 11 (the last major with the PWA category) on three screens of the built
 * app, served by the real server, in Debian's Chromium with Lighthouse's default mobile
 * emulation (Moto G Power viewport, simulated slow 4G, 4x CPU slowdown):
 * - the first screen a stranger opens (/, which shows the login page),
 * - a public service page, opened cold,
 * - a step of a request flow, for a signed-in operator. The step needs a session and a
 *   draft in IndexedDB, so Playwright prepares them in a profile first and Lighthouse
 *   then runs in that profile without clearing storage: this is a warm load, served by
 *   the service worker, which is how operators meet flow steps.
 * Run: pnpm bench (or `node --import tsx bench/lighthouse.ts` in e2e/ after pnpm build).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { DEMO_PASSWORD, IcaroServer } from '../fixtures/server.ts';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'pwa'] as const;
const lighthouseBin = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../node_modules/.bin/lighthouse');

interface Report {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { displayValue?: string; score: number | null }>;
}

async function lighthouse(url: string, userDataDir?: string): Promise<Report> {
  const out = path.join(os.tmpdir(), `icaro-lh-${process.pid}-${Date.now()}.json`);
  const flags = ['--headless=new', ...CHROMIUM_ARGS, ...(userDataDir ? [`--user-data-dir=${userDataDir}`] : [])].join(' ');
  const args = [url, `--chrome-flags=${flags}`, `--only-categories=${CATEGORIES.join(',')}`, '--output=json', `--output-path=${out}`, '--quiet'];
  if (userDataDir) args.push('--disable-storage-reset');
  await run(lighthouseBin, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Report;
  fs.rmSync(out, { force: true });
  return report;
}

/** A signed-in operator's profile with a draft open at its second step; returns the step's URL. */
async function prepareFlowStep(baseUrl: string, userDataDir: string): Promise<string> {
  const ctx = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}/accedi`);
    await page.getByLabel('Nome utente').fill('operatore.demo');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('button', { name: 'Esci' }).waitFor();
    await page.getByRole('link', { name: 'Nuova richiesta' }).first().click();
    await page.getByRole('radio', { name: 'Una persona che non è nell’elenco' }).check();
    await page.getByRole('button', { name: 'Continua' }).click();
    await page.getByRole('heading', { level: 1, name: 'Qual è il codice fiscale della persona?' }).waitFor();
    // Let the service worker finish precaching before the profile is closed.
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active), undefined, { timeout: 30_000 });
    await page.waitForTimeout(2_000);
    return page.url();
  } finally {
    await ctx.close();
  }
}

const score = (r: Report, id: string) => {
  const s = r.categories[id]?.score;
  return s == null ? 'n/a' : String(Math.round(s * 100));
};

const server = await IcaroServer.start({ SEED_DOSSIERS: '60' });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-lh-profile-'));
try {
  const rows: string[] = [];
  const screens: [string, () => Promise<Report>][] = [
    ['first screen (/ → login), cold', () => lighthouse(`${server.url}/`)],
    ['service page /servizi/PA-ANZ-01, cold', () => lighthouse(`${server.url}/servizi/PA-ANZ-01`)],
    ['flow step (operator, signed in), warm', async () => lighthouse(await prepareFlowStep(server.url, profile), profile)],
  ];
  for (const [name, measure] of screens) {
    const r = await measure();
    const a = (id: string) => r.audits[id]?.displayValue ?? 'n/a';
    rows.push(
      `| ${name} | ${CATEGORIES.map((c) => score(r, c)).join(' | ')} | ${a('first-contentful-paint')} | ${a('largest-contentful-paint')} | ${a('total-blocking-time')} | ${a('cumulative-layout-shift')} |`,
    );
  }
  console.log(
    [
      `ICARO Lighthouse 11 scores, mobile emulation — ${new Date().toISOString()}`,
      '',
      '| screen | performance | accessibility | best practices | PWA | FCP | LCP | TBT | CLS |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      'Goals (QUALITY.md §1.15): accessibility 100. The PWA score includes installability.',
    ].join('\n'),
  );
} finally {
  fs.rmSync(profile, { recursive: true, force: true });
  await server.dispose();
}
