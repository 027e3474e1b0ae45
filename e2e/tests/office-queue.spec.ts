/**
 * Issue 4 §1 and §4 in Chromium: a head of procedure filters the office queue (the
 * filters and the page live in the URL), assigns a dossier to a case officer, and the
 * officer finds it through their workload. Then the queue, its filters, the dossier's
 * assignment and the workload at 320 px, with and without "Testo grande", under axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { logIn, waitForServiceWorker } from '../pages/login.ts';
import { OfficeScreens } from '../pages/office.ts';

const OFFICER = 'Assistente sociale 1 (demo)';

let server: IcaroServer;
test.beforeAll(async () => {
  // Enough dossiers for several pages and for protocolled ones in every office.
  server = await IcaroServer.start({ SEED_DOSSIERS: '800', SEED_CITIZENS: '240' });
});
test.afterAll(async () => {
  await server?.dispose();
});

test('a head of procedure filters the queue and assigns a dossier; the officer sees it in their workload', async ({ browser }) => {
  const headContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const head = await headContext.newPage();
  const office = new OfficeScreens(head);
  await logIn(head, server.url, 'responsabile.c1');
  await office.queue();

  // Pages keep their place: the next page survives a reload, and back returns.
  const firstPage = await office.list.getByRole('link').first().textContent();
  await head.getByRole('link', { name: 'Pagina successiva' }).click();
  await expect(head).toHaveURL(/dopo=/);
  await office.queue();
  await expect(office.list.getByRole('link').first()).not.toHaveText(firstPage!);
  const secondPage = await office.list.getByRole('link').first().textContent();
  await head.reload();
  await expect(office.list.getByRole('link').first()).toHaveText(secondPage!);
  await head.goBack();
  await expect(office.list.getByRole('link').first()).toHaveText(firstPage!);

  // Filters: by state, then by deadline risk; each is in the URL and kept on reload.
  await office.filter({ state: 'Protocollata' });
  await expect(head).toHaveURL(/stato=PROTOCOLLATA/);
  const protocolled = await office.total();
  expect(protocolled).toBeGreaterThan(0);
  await expect(office.list.getByText('Protocollata', { exact: true })).toHaveCount(Math.min(protocolled, 25));
  await head.reload();
  await expect(head.getByLabel('Stato', { exact: true })).toHaveValue('PROTOCOLLATA');
  await office.filter({ state: 'Tutte le aperte', risk: 'Scaduta' });
  await expect(head).toHaveURL(/scadenza=scaduta/);
  const overdue = await office.total();
  if (overdue > 0) await expect(office.list.getByText('Scaduta', { exact: true }).first()).toBeVisible();

  // Search by keyboard alone: type in the search box and press Enter.
  await office.filter({ state: 'Protocollata', risk: 'Qualsiasi' });
  const reference = (await office.list.locator('.mono').first().textContent())!.trim();
  await head.getByLabel('Cerca', { exact: true }).fill(reference.toLowerCase());
  await head.getByLabel('Cerca', { exact: true }).press('Enter');
  await expect(head).toHaveURL(/cerca=/);
  await office.queue();
  await expect(office.list.getByRole('link')).toHaveCount(1);

  // Assign it.
  await office.openFirst();
  await office.assignTo(OFFICER);
  await expect(head.getByTestId('dossier-status')).toContainText('Assegnata');
  await expect(head.getByText('Tutto inviato').first()).toBeVisible({ timeout: 30_000 });

  // The officer finds it from the workload view: their queue, searched by reference.
  const officerContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const officer = await officerContext.newPage();
  const theirs = new OfficeScreens(officer);
  await logIn(officer, server.url, 'istruttore.c1');
  await theirs.queue();
  await theirs.workload();
  const row = officer.getByTestId('workload').getByRole('listitem').filter({ hasText: OFFICER });
  await expect(row).toContainText('Aperte');
  await row.getByRole('link', { name: OFFICER }).click();
  await expect(officer).toHaveURL(/assegnata=/);
  await theirs.queue();
  await theirs.filter({ search: reference });
  await expect(theirs.list.getByRole('link')).toHaveCount(1);
  await expect(theirs.list).toContainText(`Assegnata a ${OFFICER}`);

  await officerContext.close();
  await headContext.close();
});

test('offline, the queue filters the dossiers pulled to the device', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const office = new OfficeScreens(page);
  await logIn(page, server.url, 'responsabile.c3');
  await waitForServiceWorker(page);
  await office.queue();
  await expect(page.getByText('Tutto inviato').first()).toBeVisible({ timeout: 30_000 });
  const online = await office.total();

  await context.setOffline(true);
  await office.filter({ state: 'Tutte le aperte', risk: 'Qualsiasi' });
  await expect(page.getByRole('status').filter({ hasText: 'Non riesco a raggiungere il server' })).toBeVisible();
  expect(await office.total()).toBe(online);
  await office.filter({ state: 'Protocollata' });
  const rows = await office.list.getByRole('listitem').count();
  expect(rows).toBe(await office.total());
  if (rows > 0) await expect(office.list.getByText('Protocollata', { exact: true })).toHaveCount(rows);
  await context.close();
});

async function check(page: Page, screen: string): Promise<void> {
  await expectNoAxeViolations(page, screen);
  await expectNoHorizontalScroll(page, screen);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
}

for (const largeText of [false, true]) {
  test(`queue, filters, assignment and workload at 320 px${largeText ? ', large text' : ''}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    const office = new OfficeScreens(page);
    await logIn(page, server.url, 'responsabile.c2');
    if (largeText) {
      await page.getByRole('switch', { name: 'Testo grande' }).click();
      await expect(page.getByRole('switch', { name: 'Testo grande' })).toHaveAttribute('aria-checked', 'true');
    }
    await office.queue();
    await check(page, 'office queue');
    await office.filter({ state: 'Protocollata', risk: 'Qualsiasi' });
    await check(page, 'office queue, filtered');
    await office.openFirst();
    await expect(page.getByRole('heading', { level: 2, name: 'Assegnazione' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Assistente sociale 2 (demo)' })).toBeVisible();
    await check(page, 'dossier page with assignment');
    await page.getByRole('button', { name: 'Assegna' }).click();
    await expect(page.getByRole('link', { name: 'Scegli un’assistente sociale' })).toBeVisible();
    await check(page, 'assignment error');
    await page.getByRole('link', { name: 'Indietro' }).click();
    await office.queue();
    await office.workload();
    await check(page, 'workload');
    await context.close();
  });
}
