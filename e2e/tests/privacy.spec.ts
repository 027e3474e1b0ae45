/**
 * GDPR rights in real Chromium (QUALITY.md §2 "GDPR"): a citizen downloads "I miei dati"
 * from "Le mie richieste" (the file parses and holds her codice fiscale and her requests'
 * references), and the data protection officer's screen finds a person, refuses an erasure
 * within retention with the legal basis, shows errors as an error summary, and downloads the
 * person's export. Every screen passes the gates at 320 px with text at 200%.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { checkScreen, setTextTo200Percent } from '../fixtures/gates.ts';
import { CitizenPages } from '../pages/citizen.ts';
import { logIn } from '../pages/login.ts';

const DEMO_CF = 'CSMRSL48L55G273P';

let server: IcaroServer;
test.beforeAll(async () => {
  server = await IcaroServer.start();
});
test.afterAll(async () => {
  await server?.dispose();
});

interface ExportFile {
  format: string;
  person: { codiceFiscale: string; givenName: string };
  dossiers: { reference: string }[];
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<ExportFile> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  expect(download.suggestedFilename()).toMatch(/^dati-personali-[A-Z0-9]{16}-\d{4}-\d{2}-\d{2}\.json$/);
  return JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as ExportFile;
}

test('a citizen downloads her data from Le mie richieste', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
  const page = await context.newPage();
  const citizen = new CitizenPages(page, server.url);
  await citizen.signIn();
  // The list fills in once the first sync after sign-in has pulled the requests.
  await expect(page.locator('[data-testid="my-requests"] .mono').first()).toBeVisible();
  const references = await page.locator('[data-testid="my-requests"] .mono').allTextContents();
  expect(references.length).toBeGreaterThan(0);

  await page.getByRole('link', { name: /^I miei dati/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'I miei dati' })).toBeVisible();
  await expect(page.getByTestId('my-data-person')).toContainText(DEMO_CF);
  await expect(page).toHaveTitle(/I miei dati/);
  await setTextTo200Percent(page);
  await checkScreen(page, 'I miei dati (320 px, 200%)');

  const file = await downloaded(page, () => page.getByRole('button', { name: 'Scarica i miei dati (file JSON)' }).click());
  expect(file.format).toBe('icaro-dati-personali');
  expect(file.person.codiceFiscale).toBe(DEMO_CF);
  const exported = file.dossiers.map((d) => d.reference);
  for (const reference of references) expect(exported).toContain(reference.trim());
  await context.close();
});

test('the data protection officer refuses an erasure within retention and exports a person', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
  const page = await context.newPage();
  await logIn(page, server.url, 'revisore.demo');
  await page.getByRole('main').getByRole('link', { name: 'Richieste sulla protezione dei dati' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Richieste sulla protezione dei dati' })).toBeVisible();
  await setTextTo200Percent(page);
  await checkScreen(page, 'protezione dati (320 px, 200%)');

  // An empty search: the error summary, the inline message, "Errore:" in the title.
  await page.getByRole('button', { name: 'Cerca' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'C’è un problema' })).toBeFocused();
  await expect(page).toHaveTitle(/^Errore:/);
  await checkScreen(page, 'protezione dati, error (320 px, 200%)');

  await page.getByLabel('Codice fiscale della persona').fill(DEMO_CF.toLowerCase());
  await page.getByRole('button', { name: 'Cerca' }).click();
  const person = page.getByTestId('privacy-person');
  await expect(person.getByRole('heading', { level: 2, name: 'Rosalia Cusumano' })).toBeVisible();
  await checkScreen(page, 'protezione dati, person (320 px, 200%)');

  // Her requests are recent or open: the erasure is recorded and refused, with the basis.
  await page.getByRole('button', { name: 'Registra la richiesta di cancellazione' }).click();
  const result = page.getByTestId('erasure-result');
  await expect(result).toContainText('Art. 17, par. 3, lett. b) GDPR');
  await expect(result).toContainText('Art. 17, par. 3, lett. e) GDPR');
  await expect(page.getByRole('list').filter({ hasText: 'Cancellazione, rifiutata' })).toBeVisible();
  await checkScreen(page, 'protezione dati, erasure refused (320 px, 200%)');

  // A correction with nothing filled in: the form's own error summary.
  await page.getByRole('button', { name: 'Registra la correzione' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Scrivi il motivo' })).toBeFocused();
  await checkScreen(page, 'protezione dati, correction errors (320 px, 200%)');

  // A correction of her phone: recorded, and the history shows the old and the new value.
  await page.getByLabel('Dato da correggere').selectOption({ label: 'Telefono' });
  await page.getByLabel('Valore corretto').fill('333 987 6543');
  await page.getByLabel('Motivo della correzione').fill('Numero cambiato');
  await page.getByLabel('Documento su cui si basa').fill('Richiesta scritta firmata');
  await page.getByRole('button', { name: 'Registra la correzione' }).click();
  await expect(page.getByText('Correzione registrata.')).toBeVisible();
  await expect(
    person.getByRole('listitem').filter({ hasText: 'Motivo: Numero cambiato. Documento: Richiesta scritta firmata.' }),
  ).toContainText('3339876543');
  await checkScreen(page, 'protezione dati, corrected (320 px, 200%)');

  const file = await downloaded(page, () => page.getByRole('button', { name: 'Registra la richiesta e scarica i dati' }).click());
  expect(file.person.codiceFiscale).toBe(DEMO_CF);
  await expect(page.getByText('Richiesta registrata. Il file con i dati è stato scaricato.')).toBeVisible();
  await context.close();
});
