/**
 * The public pages that are the same for everyone (the start page's sign-in screen,
 * /accedi, the catalogue and every service, Trasparenza's shell) are prerendered: their HTML carries the
 * content, in Italian, so a first visit paints before the app's JavaScript has arrived.
 * Then the app starts on that HTML: what the user did in between is not lost, the
 * device's language applies, and an operator's session still opens their home.
 */
import { expect, test, type Route } from '@playwright/test';
import { IcaroServer, DEMO_PASSWORD } from '../fixtures/server.ts';
import { expectNoAxeViolations } from '../fixtures/a11y.ts';

let server: IcaroServer;
test.beforeAll(async () => {
  server = await IcaroServer.start();
});
test.afterAll(async () => {
  await server?.dispose();
});

test('the public pages arrive with their content, in Italian, before any JavaScript runs', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
  const page = await context.newPage();
  for (const [path, heading, title] of [
    ['/', 'Accedi a ICARO', 'Accedi a ICARO – ICARO'],
    ['/accedi', 'Accedi a ICARO', 'Accedi a ICARO – ICARO'],
    ['/servizi', 'Quali servizi', 'Quali servizi – ICARO'],
    ['/trasparenza', 'Trasparenza: quanto tempo serve per una risposta', 'Trasparenza: quanto tempo serve per una risposta – ICARO'],
    ['/servizi/situazione/anziani', 'Servizi: Anziani', 'Servizi: Anziani – ICARO'],
    ['/servizi/PA-ANZ-01', 'Assistenza domiciliare per anziani', 'Assistenza domiciliare per anziani – ICARO'],
  ] as const) {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.headers()['cache-control'], path).toBe('no-cache');
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
    await expect(page, path).toHaveTitle(title);
    await expect(page.locator('html'), path).toHaveAttribute('lang', 'it');
  }
  // The last one, the service page, down to its list of documents.
  await expect(page.getByTestId('documents').getByRole('listitem').first()).toBeVisible();
  // A page that is not prerendered still comes from the app (the shell has only a title).
  await page.goto(`${server.url}/servizi/cerca?q=asilo`);
  await expect(page).toHaveTitle('ICARO');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
  await context.close();
});

test('a sign-in sent before the app has started is kept and completed once it starts', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  // Hold the app's start module, as a slow line would.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_app\/immutable\/entry\/start\.[^/]+\.js$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}/`);
  await page.getByLabel('Nome utente').fill('operatore.demo');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  // Nothing was sent as a plain form: still here, with the typed name, and no password in any URL.
  await expect(page).toHaveURL(`${server.url}/`);
  await expect(page.getByLabel('Nome utente')).toHaveValue('operatore.demo');
  release();
  await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Le richieste dell’associazione' })).toBeVisible();
  expect(page.url()).not.toContain('Palermo');
  await context.close();
});

test('the device language applies to a prerendered page, and the page passes axe after start', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${server.url}/servizi/PA-ANZ-01`);
  await expect(page.getByRole('heading', { level: 1, name: 'Assistenza domiciliare per anziani' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // A new visit gets the Italian HTML; the app turns it into English before it is used.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 2, name: 'What it is' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Italiano' })).toBeVisible();
  await expectNoAxeViolations(page, 'service page in English after a prerendered load');
  await page.getByRole('button', { name: 'Italiano' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await expect(page.getByRole('heading', { level: 2, name: 'Che cos’è' })).toBeVisible();
  await context.close();
});
