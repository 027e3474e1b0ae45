/**
 * Issue 4 §5 in Chromium: a case officer asks the Ragioneria a question on a dossier's
 * internal thread; ragioneria.demo, already signed in, sees the unread badge go up (the
 * server pokes it), opens "Comunicazioni interne", answers; the officer sees the answer
 * on the dossier. The forms are used by keyboard, and the inbox, the conversation and the
 * dossier's thread are checked with axe at 320 px, also with "Testo grande". Then a head of
 * procedure transmits a dossier to another circoscrizione, whose head takes it in charge.
 */
import { expect, test, type Page } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { logIn } from '../pages/login.ts';
import { OfficeScreens } from '../pages/office.ts';

const SUBJECT = 'Disponibilità per il contributo';
const QUESTION = 'Il capitolo dei contributi straordinari ha ancora 300 euro disponibili per questa persona?';
const ANSWER = 'Sì: restano disponibili 4.200 euro sul capitolo per quest’anno.';

let server: IcaroServer;
test.beforeAll(async () => {
  // Enough dossiers for protocolled ones in every office (the transmission test).
  server = await IcaroServer.start({ SEED_DOSSIERS: '300', SEED_CITIZENS: '120' });
});
test.afterAll(async () => {
  await server?.dispose();
});

async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return (el?.labels?.[0]?.textContent ?? el?.textContent ?? '').trim();
  });
}

async function tabTo(page: Page, name: string | RegExp, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const text = await focusedLabel(page);
    if (typeof name === 'string' ? text === name : name.test(text)) return;
  }
  throw new Error(`could not reach ${String(name)} with Tab`);
}

async function unreadBadge(page: Page): Promise<number> {
  const badge = page.getByTestId('threads-unread');
  if ((await badge.count()) === 0) return 0;
  return Number((await badge.locator('[aria-hidden="true"]').textContent())!.trim());
}

test('an officer asks the Ragioneria a question; the Ragioneria sees the badge, answers, and the officer reads the answer', async ({
  browser,
}) => {
  // The Ragioneria is signed in first, and learns of the question while it sits there.
  const ragContext = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const rag = await ragContext.newPage();
  await logIn(rag, server.url, 'ragioneria.demo');
  // Wherever the Ragioneria's start page is, the header leads to its internal messages.
  await expect(rag.getByTestId('threads-nav')).toBeVisible();
  await expect.poll(() => unreadBadge(rag)).toBeGreaterThan(0); // the seed left news for it
  const before = await unreadBadge(rag);

  const officerContext = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const officer = await officerContext.newPage();
  const office = new OfficeScreens(officer);
  await logIn(officer, server.url, 'istruttore.c1');
  await office.queue();
  const reference = await office.openFirst();
  const thread = officer.getByTestId('internal-thread');
  await expect(thread.getByRole('heading', { level: 2, name: 'Comunicazioni interne' })).toBeVisible();
  await expectNoAxeViolations(officer, 'the dossier with its internal thread');
  await expectNoHorizontalScroll(officer, 'the dossier with its internal thread');

  // By keyboard: open "Fai una domanda", send it empty (errors), then fill it in.
  await thread.getByText('Fai una domanda a un altro ufficio').focus();
  await officer.keyboard.press('Enter');
  await tabTo(officer, 'A quale ufficio?');
  await tabTo(officer, 'Invia la domanda');
  await officer.keyboard.press('Enter');
  await expect(officer.locator('.error-summary')).toBeFocused();
  await expect(officer).toHaveTitle(/^Errore: /);
  await expect(officer.locator('.error-summary')).toContainText('Scegli l’ufficio a cui scrivere.');
  await expectNoAxeViolations(officer, 'the question form with errors');
  await officer.getByLabel('A quale ufficio?').focus();
  await officer.getByLabel('A quale ufficio?').selectOption({ label: 'Ragioneria generale – pagamenti dei contributi sociali' });
  await officer.keyboard.press('Tab');
  await officer.keyboard.type(SUBJECT);
  await officer.keyboard.press('Tab');
  await officer.keyboard.type(QUESTION);
  await tabTo(officer, 'Invia la domanda');
  await officer.keyboard.press('Enter');
  await expect(thread.getByText('Domanda inviata.').first()).toBeAttached();
  await expect(officer).not.toHaveTitle(/^Errore: /);
  const request = thread.getByTestId('thread-request').filter({ hasText: SUBJECT });
  await expect(request.getByTestId('request-state')).toHaveText('Da prendere in carico');

  // The Ragioneria's badge goes up without reloading the page.
  await expect.poll(() => unreadBadge(rag), { timeout: 20_000 }).toBe(before + 1);

  // The inbox, from the header link.
  await rag.getByTestId('threads-nav').click();
  await expect(rag.getByRole('heading', { level: 1, name: 'Comunicazioni interne' })).toBeVisible();
  const row = rag.getByTestId('inbox-received').getByTestId('inbox-row').filter({ hasText: SUBJECT });
  await expect(row.getByTestId('inbox-state')).toHaveText('Da prendere in carico');
  await expect(row).toContainText(reference);
  await expect(row.getByTestId('inbox-unread')).toHaveText('1 messaggio nuovo');
  await expectNoAxeViolations(rag, 'the inbox');
  await expectNoHorizontalScroll(rag, 'the inbox');

  // The conversation: the dossier in short and the question; reading it clears the badge's share.
  // By keyboard: Tab to the request's link and open it.
  await tabTo(rag, SUBJECT, 60);
  await rag.keyboard.press('Enter');
  await expect(rag.getByRole('heading', { level: 1, name: `Comunicazioni sulla pratica ${reference}` })).toBeFocused();
  await expect(rag.getByTestId('thread-summary')).toBeVisible();
  await expect(rag.getByTestId('thread-entries')).toContainText(QUESTION);
  await expect(rag.getByText('Il tuo ufficio vede solo le richieste')).toBeVisible();
  await expect.poll(() => unreadBadge(rag)).toBe(before);
  await expectNoAxeViolations(rag, 'the conversation');
  await expectNoHorizontalScroll(rag, 'the conversation');

  // The answer, by keyboard.
  await rag.getByLabel('La tua risposta').focus();
  await rag.keyboard.type(ANSWER);
  await rag.keyboard.press('Tab');
  await expect(rag.getByRole('button', { name: 'Invia la risposta' })).toBeFocused();
  await rag.keyboard.press('Enter');
  await expect(rag.getByTestId('thread-request').filter({ hasText: SUBJECT }).getByTestId('request-state')).toHaveText('Risposta data');
  await expect(rag.getByTestId('thread-entries')).toContainText(ANSWER);

  await rag.screenshot({ path: test.info().outputPath('conversation-320.png'), fullPage: true });

  // The officer, still on the dossier, sees the answer arrive.
  await expect(thread.getByTestId('thread-entries')).toContainText(ANSWER, { timeout: 20_000 });
  await expect(request.getByTestId('request-state')).toHaveText('Risposta data');
  await expect(request).toContainText('Prima risposta dopo meno di un’ora.');

  // With "Testo grande" at 320 px nothing scrolls sideways, and axe stays clean.
  await rag.getByRole('switch', { name: 'Testo grande' }).click();
  await expect(rag.getByRole('switch', { name: 'Testo grande' })).toHaveAttribute('aria-checked', 'true');
  await expectNoHorizontalScroll(rag, 'the conversation, large text');
  await rag.getByRole('link', { name: 'Torna alle comunicazioni interne' }).click();
  await expect(rag.getByRole('heading', { level: 1, name: 'Comunicazioni interne' })).toBeVisible();
  await expect(rag.getByTestId('inbox-row').filter({ hasText: SUBJECT }).getByTestId('inbox-state')).toHaveText('Risposta data');
  await expectNoHorizontalScroll(rag, 'the inbox, large text');
  await expectNoAxeViolations(rag, 'the inbox, large text');
  await officer.getByRole('switch', { name: 'Testo grande' }).click();
  await expectNoHorizontalScroll(officer, 'the dossier thread, large text');
  await expectNoAxeViolations(officer, 'the dossier thread, large text');

  await rag.screenshot({ path: test.info().outputPath('inbox-320-large-text.png'), fullPage: true });
  await officer.screenshot({ path: test.info().outputPath('thread-320-large-text.png'), fullPage: true });
  await ragContext.close();
  await officerContext.close();
});

test('a head of procedure transmits a dossier to another circoscrizione; its head takes it in charge', async ({ browser }) => {
  const SUBJECT_T = 'Cambio di residenza nella III Circoscrizione';
  const fromContext = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const from = await fromContext.newPage();
  const office = new OfficeScreens(from);
  await logIn(from, server.url, 'responsabile.c1');
  await office.queue();
  await office.filter({ state: 'Protocollata' });
  expect(await office.total()).toBeGreaterThan(0);
  const reference = await office.openFirst();
  const thread = from.getByTestId('internal-thread');
  await thread.getByText('Trasmetti la pratica a un altro ufficio').click();
  await from.getByLabel('A quale ufficio passa la pratica?').selectOption({ label: 'Servizio sociale della III Circoscrizione' });
  await thread.getByTestId('thread-transmit').getByLabel('Oggetto').fill(SUBJECT_T);
  await from.getByLabel('Perché la trasmetti').fill('La persona risulta ora residente nella III Circoscrizione.');
  await expectNoAxeViolations(from, 'the transmission form');
  await from.getByRole('button', { name: 'Trasmetti la pratica' }).click();
  // The dossier has left the office: its conversation stays readable from the inbox.
  await expect(from.getByRole('heading', { level: 1, name: `Comunicazioni sulla pratica ${reference}` })).toBeVisible();
  await expect(from.getByText('Il tuo ufficio vede solo le richieste')).toBeVisible();
  await expect(from.getByTestId('thread-summary')).toContainText('Servizio sociale della III Circoscrizione');
  await expect(from.getByTestId('thread-request').getByTestId('request-state')).toHaveText('Da prendere in carico');

  const toContext = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const to = await toContext.newPage();
  await logIn(to, server.url, 'responsabile.c3');
  await expect.poll(() => unreadBadge(to)).toBeGreaterThan(0);
  await to.getByTestId('threads-nav').click();
  const row = to.getByTestId('inbox-received').getByTestId('inbox-row').filter({ hasText: SUBJECT_T });
  await expect(row).toContainText('Trasmissione della pratica');
  await expect(row.getByTestId('inbox-state')).toHaveText('Da prendere in carico');
  await row.getByRole('link', { name: SUBJECT_T }).click();
  await expect(to.getByRole('heading', { level: 1, name: `Comunicazioni sulla pratica ${reference}` })).toBeVisible();
  await expectNoAxeViolations(to, 'a transmission received');
  await to.getByRole('button', { name: 'Prendi in carico la pratica' }).click();
  await expect(to.getByTestId('thread-request').getByTestId('request-state')).toHaveText('Risposta data');
  await expect(to.getByTestId('thread-entries')).toContainText('Ha preso in carico la richiesta.');
  // The receiving office now holds the dossier itself.
  await to.getByRole('link', { name: 'Apri la pratica' }).click();
  await expect(to.getByRole('heading', { level: 1, name: new RegExp(reference) })).toBeVisible({ timeout: 30_000 });
  await expect(from.getByTestId('thread-request').getByTestId('request-state')).toHaveText('Risposta data', { timeout: 20_000 });
  await fromContext.close();
  await toContext.close();
});
