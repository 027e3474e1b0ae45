/**
 * Gzip size of the JavaScript that the first screen loads, on a cold visit (no
 * service worker, empty cache), in Debian's Chromium against the real server: every
 * script requested until the network is idle, including chunks loaded lazily after
 * the first paint. Budget (QUALITY.md §4): at most 100 KB. Run: pnpm bench.
 */
import zlib from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { DEMO_PASSWORD, IcaroServer } from '../fixtures/server.ts';

interface Sizes {
  gzip: number;
  raw: number;
  files: number;
}

async function measure(page: Page, url: string, prepare?: () => Promise<void>): Promise<Sizes> {
  const sizes = new Map<string, { gzip: number; raw: number }>();
  page.on('response', async (res) => {
    if (!/\.m?js(\?|$)/.test(res.url())) return;
    const body = await res.body().catch(() => null);
    if (body) sizes.set(res.url(), { gzip: zlib.gzipSync(body, { level: 9 }).length, raw: body.length });
  });
  await prepare?.();
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  const all = [...sizes.values()];
  return { gzip: all.reduce((a, s) => a + s.gzip, 0), raw: all.reduce((a, s) => a + s.raw, 0), files: all.length };
}

const server = await IcaroServer.start({ SEED_DOSSIERS: '60' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const rows: string[] = [];

  // A first visit: the login screen.
  const cold = await browser.newContext({ serviceWorkers: 'block' });
  const login = await measure(await cold.newPage(), `${server.url}/accedi`);
  rows.push(`| login screen, first visit | ${kb(login.gzip)} | ${kb(login.raw)} | ${login.files} |`);
  await cold.close();

  // The public catalogue, opened cold with no login (a citizen's first screen).
  const publicCtx = await browser.newContext({ serviceWorkers: 'block' });
  const catalogue = await measure(await publicCtx.newPage(), `${server.url}/servizi`);
  rows.push(`| catalogue “Quali servizi”, first visit | ${kb(catalogue.gzip)} | ${kb(catalogue.raw)} | ${catalogue.files} |`);
  const service = await measure(await publicCtx.newPage(), `${server.url}/servizi/PA-ANZ-01`);
  rows.push(`| service page, first visit | ${kb(service.gzip)} | ${kb(service.raw)} | ${service.files} |`);
  await publicCtx.close();

  // A signed-in operator reopening the app with an empty HTTP cache: the session is on the
  // device, the data key is not (it lives in memory), so the first screen is the unlock
  // screen, which already loads the device-data code (Dexie, the keyring) it needs.
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/accedi`);
  await page.getByLabel('Nome utente').fill('operatore.demo');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/accedi'));
  await page.getByRole('button', { name: 'Esci' }).waitFor();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  const home = await measure(page, `${server.url}/`);
  if (!(await page.getByRole('heading', { level: 1, name: 'Sblocca i tuoi dati' }).isVisible())) throw new Error('expected the unlock screen');
  rows.push(`| operator reopening the app (unlock screen), empty cache | ${kb(home.gzip)} | ${kb(home.raw)} | ${home.files} |`);
  await ctx.close();

  console.log(
    [
      `ICARO first-load JavaScript (gzip -9) — ${new Date().toISOString()}`,
      '',
      '| screen | JS gzip | JS uncompressed | files |',
      '|---|---|---|---|',
      ...rows,
      '',
      'budget (QUALITY.md §4): at most 100 KB of JavaScript on the first screen',
    ].join('\n'),
  );
} finally {
  await browser.close();
  await server.dispose();
}
