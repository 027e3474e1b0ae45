/**
 * The citizen's public side: the catalogue ("Quali servizi") offline after one visit,
 * found with a misspelt search, and the sign-in by codice fiscale and one-time code
 * from the demo inbox, ending on "Le mie richieste".
 */
import { expect, test } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { waitForServiceWorker } from '../pages/login.ts';
import { CitizenPages } from '../pages/citizen.ts';

let server: IcaroServer;
test.beforeAll(async () => {
  server = await IcaroServer.start();
});
test.afterAll(async () => {
  await server?.dispose();
});

test('a citizen finds a service offline with a misspelt search, reads it, and signs in with a code', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const citizen = new CitizenPages(page, server.url);

  // One online visit, with no login, installs the app.
  await citizen.openCatalogue();
  await waitForServiceWorker(page);
  await context.setOffline(true);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Quali servizi' })).toBeVisible();
  await citizen.search('asilo nio');
  await expect(page).toHaveTitle('Risultati per “asilo nio” – ICARO');
  const first = page.getByTestId('search-results').getByRole('link').first();
  await expect(first).toHaveText('Aiuto per pagare l’asilo nido');
  await first.click();

  await expect(page.getByRole('heading', { level: 1, name: 'Aiuto per pagare l’asilo nido' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page).toHaveTitle('Aiuto per pagare l’asilo nido – ICARO');
  await expect(page.getByTestId('isee')).toContainText('25.000,00 €');
  await expect(page.getByTestId('term')).toContainText('30 giorni di calendario');
  await expect(page.getByTestId('documents').getByRole('listitem')).not.toHaveCount(0);
  const offices = page.getByTestId('offices').getByRole('listitem');
  await expect(offices).toHaveCount(8);
  await expect(offices.first()).toContainText('Via Lincoln 144');
  await expect(offices.first().getByRole('link', { name: '091 000 0100' })).toHaveAttribute('href', 'tel:+390910000100');

  // Browsing by life situation works offline too.
  await citizen.openCatalogue();
  await page.getByRole('link', { name: 'Anziani', exact: true }).click();
  await expect(page.getByTestId('situation-services').getByRole('link')).toHaveCount(3);

  // Signing in needs the network.
  await context.setOffline(false);
  await page.getByRole('link', { name: 'Quali servizi' }).first().click();
  await page.getByRole('link', { name: 'Assistenza domiciliare per anziani' }).click();
  await page.getByRole('link', { name: 'Accedi come cittadino' }).click();
  await citizen.requestCode();
  await citizen.enterCode(await citizen.codeFromDemoInbox());

  await expect(page.getByRole('heading', { level: 1, name: 'Le mie richieste' })).toBeVisible();
  await expect(page.getByText('Rosalia Cusumano')).toBeVisible();
  // The demo citizen filed some of the seeded dossiers: they arrive through sync.
  await expect(page.getByTestId('my-requests').getByRole('listitem').first()).toBeVisible();
  await context.close();
});

test('a wrong code shows the error summary, and the page says so in its title', async ({ page }) => {
  const citizen = new CitizenPages(page, server.url);
  await page.goto(`${server.url}/accedi/cittadino`);
  await citizen.continue();
  await expect(page.getByRole('heading', { name: 'C’è un problema' })).toBeVisible();
  await expect(page).toHaveTitle(/^Errore:/);
  await citizen.requestCode();
  const code = await citizen.codeFromDemoInbox();
  await citizen.enterCode(code === '000000' ? '111111' : '000000');
  await expect(page.getByRole('alert')).toContainText('Il codice non è giusto');
  await expect(page).toHaveTitle(/^Errore: Passo 2 di 2/);
});
