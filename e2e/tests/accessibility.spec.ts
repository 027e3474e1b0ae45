/**
 * Every screen of the journey at 320 CSS px, with and without "Testo grande":
 * zero axe violations and no horizontal scroll.
 */
import { expect, test, type Page } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { syntheticApplicant } from '../fixtures/people.ts';
import { logIn } from '../pages/login.ts';
import { OperatorFlow } from '../pages/operator.ts';

let server: IcaroServer;
test.beforeAll(async () => {
  server = await IcaroServer.start();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function check(page: Page, screen: string): Promise<void> {
  await expectNoAxeViolations(page, screen);
  await expectNoHorizontalScroll(page, screen);
  // The h1 is what a screen reader user lands on after a route change.
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
}

for (const largeText of [false, true]) {
  test(`operator and staff screens at 320 px${largeText ? ', large text' : ''}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/accedi`);
    await check(page, 'login');
    await logIn(page, server.url, 'operatore.demo');
    if (largeText) {
      await page.getByRole('switch', { name: 'Testo grande' }).click();
      await expect(page.getByRole('switch', { name: 'Testo grande' })).toHaveAttribute('aria-checked', 'true');
    }
    await check(page, 'operator home');

    const flow = new OperatorFlow(page);
    const applicant = syntheticApplicant(largeText ? 3 : 4);
    await flow.startNewRequest();
    await check(page, 'person step');
    // Errors are part of the screen too: the summary must be accessible.
    await flow.continue();
    await expect(page.getByRole('heading', { name: 'C’è un problema' })).toBeVisible();
    await expect(page).toHaveTitle(/^Errore:/);
    await check(page, 'person step with an error');
    await page.getByRole('radio', { name: 'Una persona che non è nell’elenco' }).check();
    await flow.continue();
    await flow.heading('Qual è il codice fiscale della persona?');
    await check(page, 'codice fiscale step');
    await page.getByLabel('Codice fiscale').fill(applicant.codiceFiscale.slice(0, 15) + (applicant.codiceFiscale.endsWith('A') ? 'B' : 'A'));
    await flow.continue();
    await expect(page.getByText('L’ultimo carattere non corrisponde').first()).toBeVisible();
    await check(page, 'codice fiscale step with a wrong check character');
    await page.getByLabel('Codice fiscale').fill(applicant.codiceFiscale);
    await flow.continue();
    await flow.heading('Come si chiama la persona?');
    await check(page, 'name step');
    await page.getByLabel('Nome', { exact: true }).fill(applicant.givenName);
    await page.getByLabel('Cognome').fill(applicant.familyName);
    await flow.continue();
    await flow.heading('A quale numero possiamo chiamare la persona?');
    await check(page, 'phone step');
    await flow.continue();
    await flow.heading('In quale circoscrizione abita la persona?');
    await check(page, 'circoscrizione step');
    await page.getByRole('radio', { name: /^II Circoscrizione/ }).check();
    await flow.continue();
    await flow.heading('Quale servizio chiede la persona?');
    await check(page, 'service step');
    await flow.chooseService('Assistenza domiciliare per anziani');
    // Answer whatever the service asks, checking each page, until the consent step.
    for (let i = 0; i < 20; i++) {
      const h1 = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
      if (h1.includes('consenso')) break;
      await check(page, `question “${h1}”`);
      // A page of the service's documents: checked, then left without attaching anything.
      if ((await page.getByText(/^Documento \d+ di \d+$/).count()) > 0) {
        await flow.continue();
        await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(h1);
        continue;
      }
      const radios = page.getByRole('radio');
      if ((await radios.count()) > 0) await radios.first().check();
      else {
        const day = page.getByLabel('Giorno');
        if ((await day.count()) > 0) {
          await day.fill('5');
          await page.getByLabel('Mese').fill('3');
          await page.getByLabel('Anno').fill('1950');
        } else {
          const box = page.getByRole('main').locator('input:not([type=search]), textarea').first();
          const type = (await box.getAttribute('type')) ?? 'text';
          const mode = (await box.getAttribute('inputmode')) ?? '';
          const value = type === 'tel' ? '3331234567' : type === 'email' ? 'prova@esempio.it' : mode === 'numeric' ? '2' : mode === 'decimal' ? '250' : 'Testo di prova';
          await box.fill(value);
        }
      }
      await flow.continue();
      // Wait for the next page before reading its question.
      await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(h1);
    }
    await check(page, 'consent step');
    await flow.consentBySignature();
    await check(page, 'review');
    await flow.submitFromReview();
    await check(page, 'confirmation');
    await page.getByRole('link', { name: 'Torna all’elenco delle richieste' }).first().click();
    await page.getByRole('listitem').getByRole('link').first().click();
    await check(page, 'dossier page (operator)');
    await context.close();

    const staffContext = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const staff = await staffContext.newPage();
    await logIn(staff, server.url, 'istruttore.c2');
    if (largeText) await staff.getByRole('switch', { name: 'Testo grande' }).click();
    await check(staff, 'office queue');
    await staff.getByTestId('queue-list').getByRole('link').first().click();
    await expect(staff.getByTestId('dossier-status')).toBeVisible();
    await check(staff, 'dossier page (staff)');
    await staffContext.close();
  });
}
