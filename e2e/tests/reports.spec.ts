/**
 * Reports (issue 5): an analyst sees the dashboards and downloads a CSV in which no cell
 * breaks the rules (no formula, no count between 1 and the threshold, no personal data);
 * a bad filter in the URL gets an error summary; the public Trasparenza page works
 * without login, offers its open data and opens offline once seen; axe finds nothing.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseCsv } from '@icaro/domain';
import { IcaroServer } from '../fixtures/server.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { logIn, waitForServiceWorker } from '../pages/login.ts';

/** The sections of the dashboard's CSV that hold counts of dossiers. */
const COUNT_SECTIONS = [
  'Richieste ricevute, per mese',
  'Richieste decise, per mese',
  'Richieste senza decisione, per giorni passati dall’arrivo',
  'Servizi avviati nel periodo, per codice SIUSS',
];

async function dashboardLoaded(page: Page): Promise<void> {
  await expect(page.getByTestId('dashboard')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
}

test('an analyst sees the dashboards and downloads a CSV that keeps every rule', async ({ browser }) => {
  const server = await IcaroServer.start({ SEED_DOSSIERS: '600', SEED_CITIZENS: '200' });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await logIn(page, server.url, 'analista.demo');
    // The analyst lands on the dashboards.
    await page.waitForURL(/\/statistiche$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Statistiche dei servizi sociali' })).toBeVisible();
    await expect(page).toHaveTitle(/^Statistiche dei servizi sociali/);
    await dashboardLoaded(page);
    await expect(page.getByTestId('received-table')).toBeVisible();
    await expect(page.getByTestId('times-table')).toContainText('Dal protocollo alla decisione');
    await expect(page.getByTestId('spending-line')).toContainText('Totale');
    await expect(page.getByTestId('communication-table')).toBeVisible();
    await expectNoAxeViolations(page, 'statistiche');

    // Filters go into the URL.
    await page.getByLabel('Circoscrizione', { exact: true }).selectOption({ label: 'II Circoscrizione' });
    await page.getByRole('button', { name: 'Mostra i numeri' }).click();
    await page.waitForURL(/circoscrizione=2/);
    await dashboardLoaded(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Scarica i numeri (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('statistiche-icaro.csv');
    const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['sezione', 'voce', 'valore']);
    expect(rows.length).toBeGreaterThan(20);
    let counts = 0;
    for (const [section, item, value] of rows.slice(1)) {
      for (const cell of [section!, item!, value!]) expect(cell, 'no formula').not.toMatch(/^[=+\-@\t\r]/);
      if (COUNT_SECTIONS.includes(section!)) {
        counts++;
        // All services together include minors and disability: the threshold is 10.
        if (/^\d+$/.test(value!)) expect(Number(value) === 0 || Number(value) >= 10, `${section} ${item} ${value}`).toBe(true);
        else expect(['<10', '–']).toContain(value);
      }
    }
    expect(counts).toBeGreaterThan(10);
    // Nothing about a person: not the demo citizen's codice fiscale nor her name.
    expect(text).not.toContain('CSMRSL48L55G273P');
    expect(text).not.toContain('Cusumano');

    // Printed (or saved as PDF): the figures, without the site's navigation or the filters.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Scegli che cosa vedere' })).toBeHidden();
    await expect(page.getByTestId('times-table')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    // At 320 px the dashboards fit without sideways scrolling.
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page, 'statistiche 320 px');
    await expectNoAxeViolations(page, 'statistiche 320 px');

    // A bad month in a hand-edited link: an error summary, with focus, and the title says so.
    await page.goto(`${server.url}/statistiche?dal=2026-13`);
    const summary = page.getByRole('alert').filter({ hasText: 'Scrivi il mese come anno-mese' });
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Errore:/);
    await expectNoAxeViolations(page, 'statistiche con errore');
    await context.close();
  } finally {
    await server.dispose();
  }
});

test('a head of procedure sees the dashboards of their own office', async ({ browser }) => {
  const server = await IcaroServer.start();
  try {
    const page = await (await browser.newContext()).newPage();
    await logIn(page, server.url, 'responsabile.c3');
    await page.getByRole('link', { name: 'Statistiche' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Statistiche');
    await dashboardLoaded(page);
    await expect(page.getByText('III Circoscrizione').first()).toBeVisible();
    // No office to choose: the server forces theirs.
    await expect(page.getByLabel('Ufficio')).toHaveCount(0);
  } finally {
    await server.dispose();
  }
});

test('Trasparenza works without login, offers open data and opens offline once seen', async ({ browser }) => {
  const server = await IcaroServer.start({ SEED_DOSSIERS: '600', SEED_CITIZENS: '200' });
  try {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/trasparenza`);
    await expect(page.getByRole('heading', { level: 1, name: 'Trasparenza: quanto tempo serve per una risposta' })).toBeVisible();
    const table = page.getByTestId('transparency-table');
    await expect(table).toContainText('Assistenza domiciliare');
    await expectNoHorizontalScroll(page, 'trasparenza 320 px');
    await expectNoAxeViolations(page, 'trasparenza');

    // Open data: the CSV and its DCAT-AP_IT metadata.
    const csv = await page.request.get(`${server.url}/opendata/tempi.csv`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const rows = parseCsv(await csv.text());
    expect(rows[0]![0]).toBe('codice_servizio');
    expect(rows.length).toBe(16);
    const catalog = (await (await page.request.get(`${server.url}/opendata/catalog.jsonld`)).json()) as Record<string, unknown>;
    expect(catalog['@type']).toContain('dcatapit:Catalog');
    expect(JSON.stringify(catalog)).toContain('http://publications.europa.eu/resource/authority/data-theme/SOCI');

    // Offline once seen.
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByText('Sei senza connessione')).toBeVisible();
    await expect(page.getByTestId('transparency-table')).toContainText('Assistenza domiciliare');
    await context.close();
  } finally {
    await server.dispose();
  }
});
