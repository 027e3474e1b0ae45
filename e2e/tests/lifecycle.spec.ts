/**
 * Issue 4, the whole road of one request through the office, in Chromium, by the people
 * who walk it:
 * - the head of procedure finds the protocolled request in the queue and assigns it
 *   (ASSEGNATA);
 * - the case officer starts the investigation (ISTRUTTORIA), asks the Ragioneria a
 *   question on the internal thread, and asks the citizen for a document
 *   (INTEGRAZIONE_RICHIESTA, with its reason);
 * - the Ragioneria answers the question from its inbox;
 * - the citizen answers from their own device with a message and a PDF, and the
 *   request goes back to the office (ISTRUTTORIA);
 * - the officer reads the answer and moves to VALUTAZIONE; the head of procedure, who
 *   signs decisions (DOMAIN.md), admits with an amount on a budget line (AMMESSA);
 * - the Ragioneria records one payment, and the officer sees it and the answer to the
 *   question on the dossier.
 * The citizen's filing and the protocol are set up through the API: other tests drive
 * those screens.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { makeReference } from '@icaro/domain';
import { IcaroServer } from '../fixtures/server.ts';
import { ApiClient } from '../fixtures/api.ts';
import { expectNoAxeViolations } from '../fixtures/a11y.ts';
import { logIn } from '../pages/login.ts';
import { OfficeScreens } from '../pages/office.ts';

const LINE = '12041.04.0101';
const SUBJECT = 'Capienza del capitolo';
const QUESTION = 'Sul capitolo dei contributi straordinari restano 450 euro per questa famiglia?';
const ANSWER = 'Sì, il capitolo ha ancora disponibilità per quest’anno.';
const MISSING = 'Manca l’attestazione ISEE in corso di validità.';

let server: IcaroServer;
test.beforeAll(async () => {
  server = await IcaroServer.start();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await logIn(page, server.url, username);
  return page;
}

async function expectStatus(page: Page, label: string): Promise<void> {
  await expect(page.getByTestId('dossier-status')).toContainText(label, { timeout: 30_000 });
}

test('a request goes from the queue to admission and payment, with a question to the Ragioneria and the citizen’s answer', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dossierId = randomUUID();
  const reference = makeReference(dossierId);

  // The demo citizen files a "contributo economico straordinario"; the desk protocols it.
  const citizenApi = await ApiClient.as(server.url, 'cittadino.demo');
  await citizenApi.push({
    name: 'dossier.submit@1',
    args: {
      dossierId,
      reference,
      serviceCode: 'PA-POV-01',
      serviceVersion: 1,
      applicant: { codiceFiscale: 'CSMRSL48L55G273P', givenName: 'Rosalia', familyName: 'Cusumano', circoscrizione: 1 },
      answers: { reason: 'bollette', amountCents: 45_000, householdSize: 2, otherSupport: false },
    },
  });
  await (await ApiClient.as(server.url, 'sportello.c1')).push({
    name: 'dossier.transition@1',
    args: { dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' },
  });
  const officerName = (await (await ApiClient.as(server.url, 'istruttore.c1')).me()).displayName;

  // The head of procedure finds it in the queue and assigns it.
  const head = await signedIn(browser, 'responsabile.c1');
  const headOffice = new OfficeScreens(head);
  await head.goto(`${server.url}/ufficio`);
  await headOffice.queue();
  await headOffice.filter({ search: reference });
  expect(await headOffice.total()).toBe(1);
  await headOffice.openFirst();
  await expectStatus(head, 'Protocollata');
  await headOffice.assignTo(officerName);
  await expectStatus(head, 'Assegnata');

  // The case officer takes it from their queue and starts the investigation.
  const officer = await signedIn(browser, 'istruttore.c1');
  const office = new OfficeScreens(officer);
  await officer.goto(`${server.url}/ufficio`);
  await office.queue();
  await office.filter({ search: reference });
  await office.openFirst();
  await expectStatus(officer, 'Assegnata');
  await officer.getByRole('button', { name: 'Avvia l’istruttoria' }).click();
  await expectStatus(officer, 'In istruttoria');

  // A question to the Ragioneria on the internal thread.
  const thread = officer.getByTestId('internal-thread');
  await thread.getByText('Fai una domanda a un altro ufficio').click();
  await officer.getByLabel('A quale ufficio?').selectOption({ label: 'Ragioneria generale – pagamenti dei contributi sociali' });
  await officer.getByLabel('Oggetto').fill(SUBJECT);
  await officer.getByLabel('La domanda').fill(QUESTION);
  await officer.getByRole('button', { name: 'Invia la domanda' }).click();
  const request = thread.getByTestId('thread-request').filter({ hasText: SUBJECT });
  await expect(request.getByTestId('request-state')).toHaveText('Da prendere in carico');

  // A document is missing: the officer asks the citizen for it, with the reason.
  await officer.getByLabel('Motivazione').fill(MISSING);
  await officer.getByRole('button', { name: 'Chiedi documenti' }).click();
  await expectStatus(officer, 'Documenti richiesti');

  // The Ragioneria answers from its inbox.
  const accounts = await signedIn(browser, 'ragioneria.demo');
  await accounts.getByTestId('threads-nav').click();
  await expect(accounts.getByRole('heading', { level: 1, name: 'Comunicazioni interne' })).toBeVisible();
  await accounts.getByTestId('inbox-received').getByTestId('inbox-row').filter({ hasText: SUBJECT }).getByRole('link', { name: SUBJECT }).click();
  await expect(accounts.getByTestId('thread-entries')).toContainText(QUESTION);
  await accounts.getByLabel('La tua risposta').fill(ANSWER);
  await accounts.getByRole('button', { name: 'Invia la risposta' }).click();
  await expect(accounts.getByTestId('thread-request').filter({ hasText: SUBJECT }).getByTestId('request-state')).toHaveText('Risposta data');

  // The citizen, on their own device, reads what the office waits for and answers with a PDF.
  const citizen = await signedIn(browser, 'cittadino.demo');
  await citizen.goto(`${server.url}/richieste/${dossierId}`);
  await expect(citizen.getByRole('heading', { level: 2, name: 'Rispondi alla richiesta dell’ufficio' })).toBeVisible({ timeout: 30_000 });
  await expect(citizen.getByRole('main')).toContainText(MISSING);
  const pdf = Buffer.from(`%PDF-1.4\n% ISEE 2026 di prova\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`);
  await citizen.getByLabel('Il tuo messaggio').fill('Ecco l’attestazione ISEE.');
  await citizen.getByLabel('Scegli un file').setInputFiles({ name: 'ISEE 2026.pdf', mimeType: 'application/pdf', buffer: pdf });
  await citizen.getByRole('button', { name: 'Invia la risposta' }).click();
  await expect(citizen.getByText('Risposta salvata')).toBeVisible();
  await expectNoAxeViolations(citizen, 'the citizen’s request after answering');

  // The officer sees the request back in the investigation, with the answer and the file.
  await expect
    .poll(async () => (await citizenApi.query<{ documents: { received: boolean }[] }>('attachments.forDossier', { dossierId })).documents[0]?.received, {
      timeout: 60_000,
    })
    .toBe(true);
  await officer.reload();
  await expectStatus(officer, 'In istruttoria');
  await expect(officer.getByText('Ecco l’attestazione ISEE.')).toBeVisible({ timeout: 30_000 });
  await expect(officer.getByRole('link', { name: /ISEE 2026\.pdf/ })).toBeVisible();
  await officer.getByRole('button', { name: 'Passa alla valutazione' }).click();
  await expectStatus(officer, 'In valutazione');

  // The head of procedure signs the decision (DOMAIN.md): admission with the benefit,
  // 450 euro once (a period must end within the budget year, and any day of the year
  // must do), committed in the same transaction.
  await head.reload();
  await expectStatus(head, 'In valutazione');
  const admit = head.getByRole('region', { name: 'Ammetti con il contributo economico' });
  // The budget lines and what is left on them come from the server.
  const line = admit.getByRole('radio', { name: new RegExp(LINE) });
  await expect(line).toBeVisible({ timeout: 30_000 });
  await line.check();
  await admit.getByLabel('Importo al mese, in euro').fill('450,00');
  await admit.getByLabel('Per quanti mesi').fill('1');
  await admit.getByRole('button', { name: 'Ammetti e impegna il contributo' }).click();
  await expect(head.getByRole('status').filter({ hasText: 'Richiesta ammessa' })).toContainText('450,00');
  await expectStatus(head, 'Ammessa');
  // The case officer has no admission of their own: they propose, the head decides.
  await officer.reload();
  await expectStatus(officer, 'Ammessa');

  // The Ragioneria pays a first part.
  await accounts.goto(`${server.url}/ragioneria`);
  await expect(accounts.getByRole('heading', { level: 1, name: 'Spesa e pagamenti' })).toBeVisible();
  await accounts.getByLabel('Cerca un contributo').fill(reference);
  const benefit = accounts.getByTestId(`benefit-${reference}`);
  await expect(benefit).toContainText('450,00');
  await benefit.getByRole('button', { name: `Registra un pagamento ${reference}` }).click();
  await accounts.getByLabel('Importo pagato, in euro').fill('150,00');
  await accounts.getByLabel('Numero del mandato di pagamento').fill('MP/2026/01234');
  await accounts.getByRole('button', { name: 'Registra il pagamento' }).click();
  await expect(accounts.getByRole('status').filter({ hasText: 'Pagamento di' })).toContainText(reference);

  // The officer sees the payment and the Ragioneria's answer on the dossier.
  await officer.reload();
  await expect(officer.getByTestId('benefit-summary')).toContainText('150,00', { timeout: 30_000 });
  await expect(officer.getByText('MP/2026/01234')).toBeVisible();
  await expect(officer.getByTestId('internal-thread').getByTestId('thread-entries')).toContainText(ANSWER);
  await expect(officer.getByTestId('internal-thread').getByTestId('thread-request').filter({ hasText: SUBJECT })).toContainText('Risposta data');
  await expectNoAxeViolations(officer, 'the admitted and paid dossier');

  // The citizen's timeline tells the same story in plain words.
  await citizen.reload();
  await expect(citizen.getByRole('main')).toContainText('Ammessa', { timeout: 30_000 });
});
