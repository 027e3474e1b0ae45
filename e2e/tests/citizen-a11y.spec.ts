/**
 * The public catalogue and the citizen's sign-in at 320 CSS px, by default, with
 * "Testo grande", and with "Alto contrasto" too: zero axe violations, no horizontal
 * scroll, one h1.
 */
import { expect, test, type Page } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { CitizenPages } from '../pages/citizen.ts';

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

for (const [largeText, highContrast] of [
  [false, false],
  [true, false],
  [true, true],
] as const) {
  test(`catalogue and citizen sign-in at 320 px${largeText ? ', large text' : ''}${highContrast ? ', high contrast' : ''}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const citizen = new CitizenPages(page, server.url);
    await citizen.openCatalogue();
    if (largeText) {
      await page.getByRole('switch', { name: 'Testo grande' }).click();
      await expect(page.getByRole('switch', { name: 'Testo grande' })).toHaveAttribute('aria-checked', 'true');
    }
    if (highContrast) {
      await page.getByRole('switch', { name: 'Alto contrasto' }).click();
      await expect(page.getByRole('switch', { name: 'Alto contrasto' })).toHaveAttribute('aria-checked', 'true');
    }
    await check(page, 'catalogue');
    await citizen.search('anzani');
    await check(page, 'search results');
    await citizen.search('zzqx');
    await expect(page.getByText('Nessun servizio trovato.')).toBeVisible();
    await check(page, 'search without results');
    await citizen.openCatalogue();
    await page.getByRole('link', { name: 'Famiglia e figli' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Servizi: Famiglia e figli' })).toBeVisible();
    await check(page, 'life situation');
    await page.getByRole('link', { name: 'Contributo per le famiglie numerose' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Contributo per le famiglie numerose' })).toBeVisible();
    await check(page, 'service page');

    await page.goto(`${server.url}/accedi`);
    await expect(page.getByRole('heading', { level: 1, name: 'Accedi a ICARO' })).toBeVisible();
    await check(page, 'login choice');
    await page.getByRole('link', { name: 'Accedi come cittadino' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Qual è il tuo codice fiscale?' })).toBeVisible();
    await check(page, 'codice fiscale step');
    await page.getByLabel('Qual è il tuo codice fiscale?').fill('CSMRSL48L55G273A');
    await citizen.continue();
    await expect(page.getByRole('alert').filter({ hasText: 'C’è un problema' })).toBeFocused();
    await check(page, 'codice fiscale step with an error');
    await page.getByLabel('Qual è il tuo codice fiscale?').fill('');
    await citizen.requestCode();
    await check(page, 'code step');
    await citizen.continue();
    await expect(page.getByRole('alert')).toContainText('Scrivi il codice di 6 cifre');
    await check(page, 'code step with an error');

    const inbox = await context.newPage();
    await inbox.goto(`${server.url}/demo/posta`);
    await expect(inbox.getByTestId('demo-code').first()).toBeVisible();
    await check(inbox, 'demo inbox');
    await inbox.close();

    await citizen.enterCode(await citizen.codeFromDemoInbox());
    await expect(page.getByRole('heading', { level: 1, name: 'Le mie richieste' })).toBeVisible();
    await expect(page.getByTestId('my-requests').getByRole('listitem').first()).toBeVisible();
    await check(page, 'citizen home');
    await context.close();
  });
}
