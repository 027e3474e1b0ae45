/**
 * The albo of professionals (issue 6 §2, §3) in real Chromium: a professional applies
 * (errors first, nothing lost), the head of procedure approves, the professional appears
 * in the public directory with only what they agreed to publish, signs in with codice
 * fiscale and code, and sees the dossier a case officer adds them to. The screens have
 * zero axe violations at 320 px, with and without "Testo grande".
 * (A needs report filed offline and arriving after reconnecting: needs.spec.ts.)
 */
import { expect, test, type Page } from '@playwright/test';
import { encodeCodiceFiscale } from '@icaro/domain';
import { IcaroServer } from '../fixtures/server.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { logIn, waitForServiceWorker } from '../pages/login.ts';
import { AssociationPages } from '../pages/associations.ts';
import { CitizenPages } from '../pages/citizen.ts';
import { OfficeScreens } from '../pages/office.ts';

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

const heading = (page: Page, name: string | RegExp) =>
  expect(page.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 15_000 });

test('a professional applies, the office approves, the professional is in the directory, signs in and mediates on a dossier', async ({
  browser,
}) => {
  const applicant = { givenName: 'Nadia', familyName: 'Termini', birthDate: '1986-06-14' };
  const cf = encodeCodiceFiscale({ ...applicant, sex: 'F', belfiore: 'G273' });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();

  // From the public directory to the application: no login.
  await page.goto(`${server.url}/associazioni`);
  await page.getByRole('link', { name: 'Sei un professionista? Chiedi di entrare nell’albo' }).click();
  await heading(page, 'Domanda di iscrizione all’albo dei professionisti');

  // Sent empty: the error summary takes focus, the title says "Errore:".
  await page.getByRole('button', { name: 'Invia la domanda' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'C’è un problema' });
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Errore:/);
  await expect(summary).toContainText('Codice fiscale: Compila questo campo');

  await page.getByLabel('Nome', { exact: true }).fill(applicant.givenName);
  await page.getByLabel('Cognome').fill(applicant.familyName);
  await page.getByLabel('Codice fiscale', { exact: true }).fill(cf.slice(0, 15) + (cf.endsWith('A') ? 'B' : 'A'));
  await page.getByLabel('Email', { exact: true }).fill('nadia.termini@example.org');
  await page.getByLabel('Telefono', { exact: true }).fill('333 765 4321');
  await page.getByLabel('Qualifica').fill('Mediatrice interculturale');
  await page.getByLabel('Ordine, albo o registro professionale').fill('Registro regionale dei mediatori interculturali');
  await page.getByLabel('Numero di iscrizione').fill('MI-2042');
  await page.getByRole('group', { name: 'Con chi lavori?' }).getByLabel('Famiglie e minori').check();
  await page.getByRole('group', { name: 'Quali lingue parli?' }).getByLabel('arabo').check();
  await page.getByRole('group', { name: 'Quali lingue parli?' }).getByLabel('francese').check();
  await page.getByRole('group', { name: 'In quali circoscrizioni lavori?' }).getByLabel('Circoscrizione I', { exact: true }).check();
  await page.getByRole('group', { name: 'Cosa possiamo pubblicare di te?' }).getByLabel('La mia email').check();
  await page.getByRole('group', { name: 'Cosa possiamo pubblicare di te?' }).getByLabel('Le lingue che parlo').check();
  // Documents: checked on the device by their first bytes, not by their name.
  const picker = page.getByLabel('Scegli i documenti');
  await picker.setInputFiles({ name: 'finto.pdf', mimeType: 'application/pdf', buffer: Buffer.from('non sono un PDF') });
  await expect(summary).toContainText('finto.pdf: Questo file non è un PDF');
  const pdf = Buffer.from(`%PDF-1.4\n% iscrizione al registro ${Date.now()}\n`);
  await picker.setInputFiles({ name: 'iscrizione.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.getByTestId('albo-documents')).toContainText('iscrizione.pdf');
  await page.getByRole('button', { name: 'Invia la domanda' }).click();
  // A wrong check character: one clear error, and everything typed is still there.
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Il codice fiscale non è valido');
  await expect(page.getByLabel('Qualifica')).toHaveValue('Mediatrice interculturale');
  await page.getByLabel('Codice fiscale', { exact: true }).fill(cf);
  await page.getByRole('button', { name: 'Invia la domanda' }).click();
  await heading(page, 'Domanda inviata');
  const code = (await page.getByTestId('albo-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByTestId('albo-upload-outcomes')).toContainText('iscrizione.pdf: arrivato');

  // The applicant follows it with the code.
  await page.getByRole('link', { name: 'Segui la tua domanda' }).click();
  await page.getByLabel('Codice della domanda').fill(code);
  await page.getByRole('button', { name: 'Mostra la domanda' }).click();
  await expect(page.getByTestId('albo-status-value')).toHaveText('In esame');

  // The head of procedure approves it.
  const office = await (await browser.newContext({ viewport: { width: 1024, height: 800 } })).newPage();
  await logIn(office, server.url, 'responsabile.c1');
  // Signing in lands on the queue; a click before it is there would be overtaken by that redirect.
  await heading(office, 'Coda dell’ufficio');
  await office.getByRole('link', { name: 'Albo professionisti' }).click();
  await heading(office, 'Albo dei professionisti: domande');
  await office.getByRole('link', { name: 'Apri la domanda di Nadia Termini' }).click();
  await heading(office, 'Domanda di Nadia Termini');
  await expect(office.getByText(cf)).toBeVisible();
  const download = office.waitForEvent('download');
  await office.getByRole('link', { name: 'Scarica iscrizione.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('iscrizione.pdf');
  await office.getByRole('radio', { name: 'Approva l’iscrizione' }).check();
  await office.getByRole('button', { name: 'Conferma la decisione' }).click();
  await expect(office.getByTestId('albo-decided')).toContainText('Iscrizione approvata');
  await expect(office.getByTestId('albo-review-status')).toHaveText('Iscritto all’albo');

  // The public directory, searched by language: only what she agreed to publish.
  await page.goto(`${server.url}/associazioni?lingua=ar`);
  const card = page.getByTestId('professionals').getByRole('article').filter({ hasText: 'Nadia Termini' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('arabo');
  await expect(card).toContainText('nadia.termini@example.org');
  await expect(card).not.toContainText('333 765 4321');
  await expect(card).not.toContainText(cf);
  await page.goto(`${server.url}/associazioni?lingua=lis`);
  await expect(page.getByTestId('professionals')).not.toContainText('Nadia Termini');

  // She signs in like a citizen: codice fiscale and the one-time code.
  await page.goto(`${server.url}/accedi/cittadino`);
  const citizen = new CitizenPages(page, server.url);
  await citizen.requestCode(cf);
  await citizen.enterCode(await citizen.codeFromDemoInbox());
  await heading(page, 'La tua pagina di professionista');
  await expect(page.getByTestId('professional-listing')).toContainText('Iscritto all’albo');
  await expect(page.getByText('Nessuna pratica, per ora.')).toBeVisible();

  // The head adds her to a dossier of the office as a mediator.
  await office.goto(`${server.url}/ufficio`);
  const screens = new OfficeScreens(office);
  await screens.queue();
  const reference = await screens.openFirst();
  const mediators = office.getByTestId('mediators');
  const select = mediators.getByLabel('Professionista');
  await select.selectOption((await select.locator('option', { hasText: 'Nadia Termini' }).getAttribute('value'))!);
  await mediators.getByLabel('Motivo').fill('Mediazione linguistica nei colloqui');
  await mediators.getByRole('button', { name: 'Aggiungi' }).click();
  await expect(mediators.getByRole('listitem').filter({ hasText: 'Nadia Termini' })).toContainText('Mediazione linguistica nei colloqui');

  // Her device pulls it (reload triggers a sync at start).
  await page.reload();
  await expect(page.getByTestId('mediated-dossiers')).toContainText(reference, { timeout: 30_000 });
  await expect(page.getByTestId('mediated-dossiers').getByRole('listitem')).toHaveCount(1);
  // She opens it: the dossier page, from her device, with its state and timeline.
  await page.getByTestId('mediated-dossiers').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(reference) })).toBeVisible();
  await expectNoAxeViolations(page, 'a mediated dossier, seen by the professional');
  await page.goBack();
  await expect(page.getByTestId('mediated-dossiers')).toContainText(reference);

  // Removed: the next pull deletes it from her device.
  await mediators.getByRole('button', { name: 'Togli Nadia Termini' }).click();
  await expect(mediators.getByText('Nessun mediatore.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Nessuna pratica, per ora.')).toBeVisible({ timeout: 30_000 });
  await context.close();
});

for (const largeText of [false, true]) {
  test(`albo screens at 320 px${largeText ? ', large text' : ''}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/albo/domanda`);
    await heading(page, 'Domanda di iscrizione all’albo dei professionisti');
    if (largeText) {
      await page.getByRole('switch', { name: 'Testo grande' }).click();
      await expect(page.getByRole('switch', { name: 'Testo grande' })).toHaveAttribute('aria-checked', 'true');
    }
    await check(page, 'application form');
    await page.getByRole('button', { name: 'Invia la domanda' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'C’è un problema' })).toBeFocused();
    await check(page, 'application form with errors');

    await page.goto(`${server.url}/albo/stato`);
    await heading(page, 'Segui la tua domanda per l’albo');
    await page.getByLabel('Codice della domanda').fill('ALBO-DEMO-2026');
    await page.getByRole('button', { name: 'Mostra la domanda' }).click();
    await expect(page.getByTestId('albo-status-value')).toHaveText('In esame');
    await check(page, 'application status');

    await page.goto(`${server.url}/associazioni`);
    await expect(page.getByTestId('professionals').getByRole('article').first()).toBeVisible();
    await check(page, 'directory with professionals');

    await logIn(page, server.url, 'responsabile.c1');
    await page.goto(`${server.url}/ufficio/albo`);
    await heading(page, 'Albo dei professionisti: domande');
    await check(page, 'albo review list');
    await page.getByRole('link', { name: 'Apri la domanda di Ibrahima Sciortino' }).click();
    await heading(page, 'Domanda di Ibrahima Sciortino');
    await check(page, 'albo review detail');
    await page.getByRole('button', { name: 'Conferma la decisione' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'C’è un problema' })).toBeFocused();
    await expect(page).toHaveTitle(/^Errore:/);
    await check(page, 'albo review detail with errors');

    await page.goto(`${server.url}/ufficio`);
    const screens = new OfficeScreens(page);
    await screens.queue();
    await screens.openFirst();
    await expect(page.getByTestId('mediators').getByLabel('Professionista')).toBeVisible();
    await check(page, 'dossier with mediators');
    await context.close();
  });
}

test('the professionals of the directory open and search offline once visited', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/associazioni`);
  await waitForServiceWorker(page);
  await expect(page.getByTestId('professionals').getByRole('article').first()).toBeVisible();
  await context.setOffline(true);
  await page.goto(`${server.url}/associazioni?lingua=lis`);
  await heading(page, 'Associazioni e professionisti');
  const cards = page.getByTestId('professionals').getByRole('article');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Carmela Vitrano');
  await context.close();
});

test('a listed professional files a needs report offline; it arrives after reconnecting and shows in the staff view', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/accedi/cittadino`);
  const citizen = new CitizenPages(page, server.url);
  await citizen.requestCode('LPRGCM77P30G273C'); // Giacomo Lo Presti, psychologist (seed)
  await citizen.enterCode(await citizen.codeFromDemoInbox());
  await heading(page, 'La tua pagina di professionista');
  await waitForServiceWorker(page);
  const needs = new AssociationPages(page, server.url);
  await needs.openNeedsForm();

  await context.setOffline(true);
  const description = `Anziani soli che non escono di casa da settimane ${Date.now()}`;
  await needs.fileNeedsReport({
    circoscrizione: 'Circoscrizione IV',
    area: 'Anziani',
    need: 'Solitudine',
    people: 'Da 6 a 20',
    urgency: 'Alta',
    description,
  });
  await expect(page.getByText('1 in attesa di invio').first()).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByText('Tutto inviato').first()).toBeVisible({ timeout: 45_000 });

  const staff = await (await browser.newContext()).newPage();
  await logIn(staff, server.url, 'istruttore.c4');
  await new AssociationPages(staff, server.url).openStaffNeeds();
  const item = staff.getByTestId('needs-list').getByRole('listitem').filter({ hasText: description });
  await expect(item).toBeVisible({ timeout: 30_000 });
  await expect(item).toContainText('Giacomo Lo Presti, Psicologo');
  await context.close();
});
