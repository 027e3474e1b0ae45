/**
 * The spine's journey (issue 2, §7): an association operator files a request with
 * the network gone; it reaches the office when the network returns; the office's
 * answer comes back to the operator's device without a reload. Run twice: once with
 * Chromium's offline emulation, once by stopping the server process.
 */
import { expect, test, type Browser } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { readStore } from '../fixtures/idb.ts';
import { syntheticApplicant } from '../fixtures/people.ts';
import { logIn, waitForServiceWorker } from '../pages/login.ts';
import { OperatorFlow } from '../pages/operator.ts';

const PROTOCOL = /PG\/\d{4}\/\d{6}/;

for (const variant of ['offline emulation', 'server stopped'] as const) {
  test(`an operator files offline and sees the office's answer (${variant})`, async ({ browser }) => {
    const server = await IcaroServer.start();
    try {
      await journey(browser, server, variant);
    } finally {
      await server.dispose();
    }
  });
}

async function journey(browser: Browser, server: IcaroServer, variant: 'offline emulation' | 'server stopped'): Promise<void> {
  const operatorContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await operatorContext.newPage();
  const flow = new OperatorFlow(page);
  const applicant = { ...syntheticApplicant(variant === 'server stopped' ? 2 : 1, 1), circoscrizione: 'I Circoscrizione' };
  const fullName = `${applicant.givenName} ${applicant.familyName}`;

  // 1. Log in and create the citizen; the codice fiscale is omocodic on purpose.
  await logIn(page, server.url, 'operatore.demo');
  await waitForServiceWorker(page);
  await flow.startNewRequest();
  await flow.newPerson(applicant);

  // 2. A catalogue service, one question per page, with a conditional step; each step
  //    is in IndexedDB as soon as it is answered.
  await flow.chooseService('Buoni spesa e aiuti alimentari');
  await flow.answerText('Quante persone vivono con te, compreso te?', '3');
  await flow.answerChoice('In famiglia ci sono bambini sotto i 3 anni?', 'No');
  // The draft is sealed on the device (docs/security.md, "Device data"): its row is
  // there, with no codice fiscale in clear.
  const draftRow = async () => (await readStore<{ updatedAt: string }>(page, 'drafts'))[0];
  await expect.poll(async () => (await readStore(page, 'drafts')).length).toBe(1);
  expect(JSON.stringify(await readStore(page, 'drafts'))).not.toContain(applicant.codiceFiscale);
  const savedAt = (await draftRow())!.updatedAt;
  await flow.answerChoice('Cosa preferisci ricevere?', 'Un pacco di alimenti');
  await flow.answerChoice('Qualcuno in famiglia deve seguire una dieta particolare?', 'Sì');
  await flow.answerText('Quale dieta?', 'Senza glutine');
  await flow.consentBySignature();
  await expect.poll(async () => (await draftRow())?.updatedAt).not.toBe(savedAt);
  expect(JSON.stringify(await readStore(page, 'drafts'))).not.toContain('Senza glutine');

  // 3. The network goes away; the operator submits.
  if (variant === 'offline emulation') await operatorContext.setOffline(true);
  else await server.halt();
  await flow.submitFromReview();
  await expect(page.getByText('1 in attesa di invio').first()).toBeVisible();
  await expect.poll(async () => (await readStore(page, 'outbox')).length).toBe(1);

  // 4. A reload while still offline: the request and its waiting state are still there.
  await page.reload();
  await flow.heading('Richiesta registrata');
  await expect(page.getByText('1 in attesa di invio').first()).toBeVisible();
  await page.getByRole('link', { name: 'Torna all’elenco delle richieste' }).first().click();
  const row = page.getByRole('listitem').filter({ hasText: fullName });
  await expect(row.getByText('In attesa di invio')).toBeVisible();
  // The flow's screens open offline too: start another request and find its citizen
  // among the association's people, from this device alone.
  await flow.startNewRequest();
  await page.getByLabel('Cerca per nome, cognome o codice fiscale').fill(applicant.familyName);
  await expect(page.getByRole('radio', { name: new RegExp(fullName) })).toBeVisible();
  await page.goBack();
  await expect(row.getByText('In attesa di invio')).toBeVisible();

  // 5. The network returns: the request leaves by itself, no click.
  if (variant === 'offline emulation') await operatorContext.setOffline(false);
  else await server.resume();
  await expect(page.getByText('Tutto inviato').first()).toBeVisible({ timeout: 45_000 });
  await expect.poll(async () => (await readStore(page, 'outbox')).length).toBe(0);
  await row.getByRole('link').first().click();
  await expect(page.getByText('Protocollata')).toHaveCount(0);

  // A marker that a reload or a navigation would wipe.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  // 6. A case officer of the competent office protocols it, in another browser context.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await logIn(staff, server.url, 'istruttore.c1');
  await staff.getByRole('link', { name: new RegExp(fullName) }).first().click();
  await staff.getByRole('button', { name: 'Protocolla' }).click();
  await expect(staff.getByText(PROTOCOL).first()).toBeVisible({ timeout: 30_000 });
  const protocolNumber = (await staff.getByText(PROTOCOL).first().textContent())!.match(PROTOCOL)![0];

  // 7. The operator's open page shows the new state and the protocol number, with no reload.
  await expect(page.getByText(protocolNumber).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Protocollata').first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  await staffContext.close();
  await operatorContext.close();
}
