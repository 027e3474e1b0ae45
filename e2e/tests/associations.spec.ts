/**
 * The third-sector screens (issue 6) at 320 CSS px, with and without "Testo grande":
 * zero axe violations, no horizontal scroll, one h1. Also: the public directory opens
 * offline once visited, and is linked from a catalogue service page.
 */
import { expect, test, type Page } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { logIn, waitForServiceWorker } from '../pages/login.ts';
import { AssociationPages } from '../pages/associations.ts';

let server: IcaroServer;
test.beforeAll(async () => {
  server = await IcaroServer.start();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function check(page: Page, screen: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expectNoAxeViolations(page, screen);
  await expectNoHorizontalScroll(page, screen);
}

async function largeTextOn(page: Page): Promise<void> {
  await page.getByRole('switch', { name: 'Testo grande' }).click();
  await expect(page.getByRole('switch', { name: 'Testo grande' })).toHaveAttribute('aria-checked', 'true');
}

for (const largeText of [false, true]) {
  test(`directory, needs and administration screens at 320 px${largeText ? ', large text' : ''}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const screens = new AssociationPages(page, server.url);

    // Public, no login.
    await screens.openDirectory();
    if (largeText) await largeTextOn(page);
    await expect(page.getByTestId('directory').getByRole('article')).toHaveCount(3);
    await check(page, 'directory');
    await screens.searchDirectory('Anziani', 'Circoscrizione III');
    await expect(page.getByTestId('directory').getByRole('article')).toHaveCount(1);
    await expect(page.getByTestId('directory')).toContainText('Borgo Insieme');
    await check(page, 'directory filtered');
    await page.getByRole('link', { name: 'Bisogni segnalati in città' }).click();
    await screens.heading('Bisogni segnalati in città');
    await expect(page.getByTestId('needs-public-table')).toBeVisible();
    await check(page, 'public needs figures');
    await page.goto(`${server.url}/invito`);
    await screens.heading('Ho un codice di invito');
    await page.getByRole('button', { name: 'Attiva l’account' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'C’è un problema' })).toBeFocused();
    await check(page, 'invitation with errors');

    // The association's administrator.
    await logIn(page, server.url, 'admin.ass01');
    await screens.heading('La mia associazione');
    await expect(page.getByTestId('operators')).toContainText('Giulia Caruso');
    await check(page, 'association administration');
    await page.getByLabel('Nome e cognome dell’operatore').fill(largeText ? 'Rita Amato' : 'Nino Ventura');
    await page.getByRole('button', { name: 'Crea l’invito' }).click();
    await expect(page.getByTestId('invite-code')).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await check(page, 'invitation created');
    await page.getByRole('button', { name: 'Esci' }).click();

    // The city's administrator.
    await logIn(page, server.url, 'admin.demo');
    await screens.heading('Associazioni del terzo settore');
    await check(page, 'city approval');
    await page.getByRole('button', { name: 'Esci' }).click();

    // An operator's needs form, with its errors.
    await logIn(page, server.url, 'operatore.a2');
    await screens.openNeedsForm();
    await check(page, 'needs form');
    await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'C’è un problema' })).toBeFocused();
    await check(page, 'needs form with errors');
    await page.getByRole('button', { name: 'Esci' }).click();

    // The staff view.
    await logIn(page, server.url, 'responsabile.c3');
    await screens.openStaffNeeds();
    await expect(page.getByTestId('needs-list').getByRole('listitem').first()).toBeVisible();
    await check(page, 'staff needs view');
    await context.close();
  });
}

test('the directory and the needs figures open offline once visited, and a service page links to the directory', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const screens = new AssociationPages(page, server.url);
  await page.goto(`${server.url}/servizi/PA-ANZ-01`);
  await waitForServiceWorker(page);
  await page.getByTestId('service-associations').click();
  await screens.heading('Associazioni e professionisti');
  await expect(page.getByTestId('directory').getByRole('article')).toHaveCount(1);
  await expect(page.getByTestId('directory')).toContainText('Borgo Insieme');

  await context.setOffline(true);
  await page.reload();
  await screens.heading('Associazioni e professionisti');
  await expect(page.getByTestId('directory').getByRole('article')).toHaveCount(1);
  await expect(page.getByText(/Elenco salvato su questo dispositivo/)).toBeVisible();

  // The protected needs figures, once seen online, open offline too.
  await context.setOffline(false);
  await page.getByRole('link', { name: 'Bisogni segnalati in città' }).click();
  await expect(page.getByTestId('needs-public-table')).toBeVisible();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('needs-public-table')).toBeVisible();
  await context.close();
});
