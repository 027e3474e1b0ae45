/**
 * Issue 4 §6 and §7 in Chromium at 320 px: the head of procedure admits a dossier of an
 * economic service with an amount on a budget line (a bad amount first: the error
 * summary, the inline message and "Errore:" in the title), ragioneria.demo records a
 * payment by keyboard, and the line's committed and paid figures move by exactly the
 * amounts. The head then writes a case note. axe on every screen, no sideways scroll.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { makeReference } from '@icaro/domain';
import { IcaroServer } from '../fixtures/server.ts';
import { syntheticApplicant } from '../fixtures/people.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { logIn } from '../pages/login.ts';
import { signedInRequest } from '../fixtures/api.ts';

const LINE = '12041.04.0101';

let server: IcaroServer;
test.beforeAll(async () => {
  server = await IcaroServer.start();
});
test.afterAll(async () => {
  await server?.dispose();
});

/** A signed-in API client for setting the scene through the real endpoints. */
async function apiAs(username: string): Promise<APIRequestContext> {
  return signedInRequest(server.url, username);
}

async function push(api: APIRequestContext, mutations: { name: string; args: unknown }[]): Promise<void> {
  const res = await api.post('/trpc/sync.push', {
    data: {
      clientId: randomUUID(),
      mutations: mutations.map((m, i) => ({ id: randomUUID(), seq: i + 1, name: m.name, args: m.args, at: new Date().toISOString() })),
    },
  });
  expect(res.status()).toBe(200);
  const outcomes = ((await res.json()) as { result: { data: { outcomes: { status: string }[] } } }).result.data.outcomes;
  expect(outcomes.map((o) => o.status)).toEqual(mutations.map(() => 'applied'));
}

/** A "contributo economico straordinario" of office 1, filed at the desk and taken to VALUTAZIONE. */
async function dossierInValutazione(): Promise<{ id: string; reference: string }> {
  const id = randomUUID();
  const reference = makeReference(id);
  const { phone: _phone, ...person } = syntheticApplicant(4646);
  await push(await apiAs('sportello.c1'), [
    {
      name: 'dossier.submit@1',
      args: {
        dossierId: id,
        reference,
        serviceCode: 'PA-POV-01',
        serviceVersion: 1,
        applicant: { ...person, circoscrizione: 1 },
        answers: { reason: 'bollette', amountCents: 45_000, householdSize: 3, otherSupport: false },
        consent: {
          method: 'verbal_witness',
          witnessName: 'Giuseppe Testimone',
          textVersion: '2026-1',
          collectedAt: new Date().toISOString(),
        },
      },
    },
    { name: 'dossier.transition@1', args: { dossierId: id, from: 'INVIATA', to: 'PROTOCOLLATA' } },
  ]);
  const officer = await apiAs('istruttore.c1');
  const me = (await (await officer.get('/trpc/auth.me')).json()) as { result: { data: { id: string } } };
  await push(await apiAs('responsabile.c1'), [
    { name: 'dossier.assign@1', args: { dossierId: id, from: 'PROTOCOLLATA', officerId: me.result.data.id } },
  ]);
  await push(officer, [
    { name: 'dossier.transition@1', args: { dossierId: id, from: 'ASSEGNATA', to: 'ISTRUTTORIA' } },
    { name: 'dossier.transition@1', args: { dossierId: id, from: 'ISTRUTTORIA', to: 'VALUTAZIONE' } },
  ]);
  return { id, reference };
}

/** The cents in a formatted euro figure ("1.234,56 €" -> 123456). */
function cents(text: string | null): number {
  const clean = (text ?? '').replace(/[^\d,-]/g, '');
  const [euros = '0', dec = '00'] = clean.split(',');
  return Number(euros) * 100 + Number(dec.padEnd(2, '0').slice(0, 2)) * (euros.startsWith('-') ? -1 : 1);
}

async function lineFigures(page: Page): Promise<{ committed: number; paid: number; remaining: number; allocation: number }> {
  const card = page.getByTestId(`line-${LINE}`);
  await expect(card).toBeVisible();
  return {
    allocation: cents(await card.getByTestId('allocation').textContent()),
    committed: cents(await card.getByTestId('committed').textContent()),
    paid: cents(await card.getByTestId('paid').textContent()),
    remaining: cents(await card.getByTestId('remaining').textContent()),
  };
}

test('a head admits with an amount on a budget line, the Ragioneria pays it, and the line’s figures follow', async ({ browser }) => {
  const dossier = await dossierInValutazione();

  // The Ragioneria's screen before: its home, at 320 px.
  const accountsContext = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const accounts = await accountsContext.newPage();
  await logIn(accounts, server.url, 'ragioneria.demo');
  await expect(accounts.getByRole('heading', { level: 1, name: 'Spesa e pagamenti' })).toBeVisible();
  await expect(accounts).toHaveTitle('Spesa e pagamenti – ICARO');
  const before = await lineFigures(accounts);
  expect(before.allocation).toBeGreaterThan(0);
  expect(before.remaining).toBe(before.allocation - before.committed);
  await expectNoHorizontalScroll(accounts, 'ragioneria');
  await expectNoAxeViolations(accounts, 'ragioneria');

  // The head of procedure admits, at 320 px.
  const headContext = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const head = await headContext.newPage();
  await logIn(head, server.url, 'responsabile.c1');
  await head.goto(`${server.url}/ufficio/${dossier.id}`);
  await expect(head.getByRole('heading', { level: 1, name: new RegExp(dossier.reference) })).toBeVisible({ timeout: 30_000 });
  const form = head.getByRole('region', { name: 'Ammetti con il contributo economico' });
  await expect(form).toBeVisible();
  // The bare "Ammetti" action is not offered: admission goes with the benefit.
  await expect(head.getByRole('button', { name: 'Ammetti', exact: true })).toHaveCount(0);
  await form.getByRole('radio', { name: new RegExp(LINE) }).check();
  await form.getByLabel('Importo al mese, in euro').fill('12.50');
  await form.getByLabel('Per quanti mesi').fill('1');
  await form.getByRole('button', { name: 'Ammetti e impegna il contributo' }).click();
  const summary = head.getByRole('alert').filter({ hasText: 'C’è un problema' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('la virgola prima dei centesimi');
  await expect(head).toHaveTitle(/^Errore: /);
  await expectNoAxeViolations(head, 'admission form with an error');
  await expectNoHorizontalScroll(head, 'admission form with an error');

  // By keyboard: the field, the amount, the submit button.
  await summary.getByRole('link').first().click();
  await expect(form.getByLabel('Importo al mese, in euro')).toBeFocused();
  await head.keyboard.press('Control+a');
  await head.keyboard.type('1.234,56');
  await expect(head.getByTestId('benefit-total')).toContainText('1234,56');
  await form.getByRole('button', { name: 'Ammetti e impegna il contributo' }).focus();
  await head.keyboard.press('Enter');
  await expect(head.getByRole('status').filter({ hasText: 'Richiesta ammessa' })).toContainText('1234,56');
  await expect(head.getByRole('status').filter({ hasText: 'Richiesta ammessa' })).toBeFocused();
  await expect(head).not.toHaveTitle(/^Errore: /);
  await expect(head.getByTestId('dossier-status')).toContainText('Ammessa', { timeout: 30_000 });
  await expect(head.getByTestId('benefit-summary')).toBeVisible();

  // The Ragioneria sees the commitment, finds the benefit and pays it by keyboard.
  await accounts.reload();
  const afterAdmission = await lineFigures(accounts);
  expect(afterAdmission.committed).toBe(before.committed + 123_456);
  expect(afterAdmission.paid).toBe(before.paid);
  expect(afterAdmission.remaining).toBe(before.remaining - 123_456);
  await accounts.getByLabel('Cerca un contributo').fill(dossier.reference);
  const benefit = accounts.getByTestId(`benefit-${dossier.reference}`);
  await expect(benefit).toBeVisible();
  await benefit.getByRole('button', { name: `Registra un pagamento ${dossier.reference}` }).focus();
  await accounts.keyboard.press('Enter');
  await expect(accounts.getByLabel('Importo pagato, in euro')).toBeFocused();
  await expect(accounts.getByLabel('Importo pagato, in euro')).toHaveValue('1.234,56');
  // Too much first: refused with the amount still owed, nothing lost.
  await accounts.getByLabel('Importo pagato, in euro').fill('1.234,57');
  await accounts.getByLabel('Numero del mandato di pagamento').fill('MP/2026/00999');
  await accounts.getByRole('button', { name: 'Registra il pagamento' }).click();
  await expect(accounts.getByRole('alert').filter({ hasText: 'C’è un problema' })).toContainText('supera quanto resta da pagare');
  await expect(accounts).toHaveTitle(/^Errore: /);
  await expect(accounts.getByLabel('Numero del mandato di pagamento')).toHaveValue('MP/2026/00999');
  await expectNoAxeViolations(accounts, 'payment form with an error');
  await expectNoHorizontalScroll(accounts, 'payment form with an error');
  await accounts.getByLabel('Importo pagato, in euro').fill('1.000,00');
  await accounts.getByRole('button', { name: 'Registra il pagamento' }).focus();
  await accounts.keyboard.press('Enter');
  await expect(accounts.getByRole('status').filter({ hasText: 'Pagamento di' })).toContainText(dossier.reference);
  await expect(accounts.getByRole('status').filter({ hasText: 'Pagamento di' })).toBeFocused();
  await expect(accounts).not.toHaveTitle(/^Errore: /);
  const afterPayment = await lineFigures(accounts);
  expect(afterPayment.paid).toBe(before.paid + 100_000);
  expect(afterPayment.committed).toBe(afterAdmission.committed);
  expect(afterPayment.remaining).toBe(afterAdmission.remaining);
  // 234,56 still to pay: the benefit stays in the list.
  await accounts.getByLabel('Cerca un contributo').fill(dossier.reference);
  await expect(accounts.getByTestId(`benefit-${dossier.reference}`)).toContainText('234,56');

  // Text at 200%: still no sideways scroll.
  await accounts.getByRole('switch', { name: 'Testo grande' }).click();
  await expect(accounts.getByRole('switch', { name: 'Testo grande' })).toHaveAttribute('aria-checked', 'true');
  const wide = await accounts.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className} ${e.textContent?.slice(0, 40)}`)
      .slice(0, 5),
  );
  expect(wide).toEqual([]);
  await expectNoHorizontalScroll(accounts, 'ragioneria with large text');

  // The office sees the payment on the dossier; the head keeps a case note.
  await head.reload();
  await expect(head.getByTestId('benefit-summary')).toContainText('1000,00');
  await expect(head.getByText('MP/2026/00999')).toBeVisible();
  const casework = head.getByRole('region', { name: 'Diario e progetto individualizzato' });
  await casework.getByRole('button', { name: 'Apri il diario e il progetto' }).click();
  await expect(head.getByRole('alert').filter({ hasText: 'C’è un problema' })).toContainText('Scegli perché');
  await casework.getByRole('radio', { name: 'Valutazione' }).check();
  await casework.getByRole('button', { name: 'Apri il diario e il progetto' }).click();
  await expect(casework.getByText('Lettura registrata.')).toBeVisible();
  await casework.getByLabel('Nuova annotazione').fill('Colloquio con la signora: bolletta pagata con il contributo.');
  await casework.getByRole('button', { name: 'Aggiungi l’annotazione' }).click();
  await expect(head.getByTestId('case-notes')).toContainText('bolletta pagata con il contributo');
  // The care plan: missing fields first, then saved as version 1.
  await casework.getByRole('button', { name: 'Scrivi il progetto' }).click();
  await casework.getByLabel('Obiettivi').fill('Superare l’emergenza delle utenze');
  await casework.getByRole('button', { name: 'Salva il progetto' }).click();
  await expect(head.getByRole('alert').filter({ hasText: 'C’è un problema' })).toContainText('Scrivi gli interventi.');
  await expect(head).toHaveTitle(/^Errore: /);
  await expectNoAxeViolations(head, 'care plan form with an error');
  await casework.getByLabel('Interventi').fill('Colloquio mensile; orientamento al bonus sociale');
  await casework.getByRole('button', { name: 'Salva il progetto' }).click();
  await expect(head.getByTestId('care-plan')).toContainText('Superare l’emergenza delle utenze');
  await expect(casework.getByText('Progetto salvato (versione 1).')).toBeVisible();
  await expectNoAxeViolations(head, 'dossier with benefit and case notes');
  await expectNoHorizontalScroll(head, 'dossier with benefit and case notes');

  // Accounts never reads the notes: the Ragioneria's screen has none, and the API says no.
  await expect(accounts.getByText('bolletta pagata con il contributo')).toHaveCount(0);
  const accountsApi = await apiAs('ragioneria.demo');
  const read = await accountsApi.post('/trpc/caseWork.read', { data: { dossierId: dossier.id, purpose: 'verifica' } });
  expect(read.status()).toBe(403);

  await accountsContext.close();
  await headContext.close();
});

test('the Ragioneria adds a budget line and writes its allocation, from the screen, at 320 px', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await context.newPage();
  await logIn(page, server.url, 'ragioneria.demo');
  await expect(page.getByRole('heading', { level: 1, name: 'Spesa e pagamenti' })).toBeVisible();
  await page.getByRole('button', { name: 'Aggiungi un capitolo di spesa' }).click();
  await expect(page.getByLabel('Codice del capitolo')).toBeFocused();
  // Nothing written, then a code that exists: the error summary, inline messages, "Errore:".
  await page.getByRole('button', { name: 'Aggiungi il capitolo' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'C’è un problema' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Scrivi il codice del capitolo.');
  await expect(summary).toContainText('Scrivi il nome del capitolo.');
  await expect(page).toHaveTitle(/^Errore: /);
  await expectNoAxeViolations(page, 'new budget line with errors');
  await page.getByLabel('Codice del capitolo').fill(LINE);
  await page.getByLabel('Nome del capitolo').fill('Un doppione');
  await page.getByRole('button', { name: 'Aggiungi il capitolo' }).click();
  await expect(page.locator('#line-code-error')).toContainText('Esiste già un capitolo con questo codice.');
  await expect(page.getByLabel('Nome del capitolo')).toHaveValue('Un doppione');

  const code = `12041.99.${String(Date.now()).slice(-4)}`;
  await page.getByLabel('Codice del capitolo').fill(code);
  await page.getByLabel('Nome del capitolo').fill('Contributi per le utenze domestiche');
  await page.getByRole('button', { name: 'Aggiungi il capitolo' }).click();
  await expect(page.locator('#spending-notice')).toContainText(`Capitolo ${code} aggiunto`);
  const card = page.getByTestId(`line-${code}`);
  await expect(card.getByTestId('allocation')).toContainText('0,00');
  // Its allocation form opens at once.
  const allocation = card.getByLabel(/^Stanziamento \d{4}, in euro/);
  await expect(allocation).toBeFocused();
  await allocation.fill('25.000,00');
  await card.getByRole('button', { name: 'Salva lo stanziamento' }).click();
  await expect(card.getByTestId('allocation')).toContainText('25.000,00');
  await expect(card.getByTestId('remaining')).toContainText('25.000,00');
  await expectNoAxeViolations(page, 'ragioneria with a new line');
  await expectNoHorizontalScroll(page, 'ragioneria with a new line');
  // Deciders can commit on it now.
  const head = await apiAs('responsabile.c1');
  const lines = await head.get(`/trpc/spending.linesForDecision?input=${encodeURIComponent(JSON.stringify({ year: new Date().getFullYear() }))}`);
  expect(JSON.stringify(await lines.json())).toContain(code);
  await context.close();
});

test('the assigned case officer proposes the benefit; the head finds it written in the admission form and admits', async ({ browser }) => {
  const dossier = await dossierInValutazione();
  const officerContext = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const officer = await officerContext.newPage();
  await logIn(officer, server.url, 'istruttore.c1');
  await officer.goto(`${server.url}/ufficio/${dossier.id}`);
  await expect(officer.getByRole('heading', { level: 1, name: new RegExp(dossier.reference) })).toBeVisible({ timeout: 30_000 });
  const form = officer.getByRole('region', { name: 'Proponi il contributo economico' });
  await expect(form).toBeVisible();
  // The officer cannot admit: the head decides.
  await expect(officer.getByRole('region', { name: 'Ammetti con il contributo economico' })).toHaveCount(0);
  await form.getByRole('radio', { name: new RegExp(LINE) }).check();
  await form.getByLabel('Importo al mese, in euro').fill('120,00');
  await form.getByLabel('Per quanti mesi').fill('2');
  await form.getByRole('button', { name: 'Registra la proposta' }).click();
  await expect(officer.locator('#benefit-done')).toContainText('Proposta registrata: 240,00');
  await expect(officer.getByTestId('benefit-proposal')).toContainText('Assistente sociale 1 (demo)');
  await expectNoAxeViolations(officer, 'benefit proposal');
  await expectNoHorizontalScroll(officer, 'benefit proposal');

  const headContext = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const head = await headContext.newPage();
  await logIn(head, server.url, 'responsabile.c1');
  await head.goto(`${server.url}/ufficio/${dossier.id}`);
  const admit = head.getByRole('region', { name: 'Ammetti con il contributo economico' });
  await expect(admit).toBeVisible({ timeout: 30_000 });
  await expect(admit.getByTestId('benefit-proposal')).toContainText('120,00');
  await expect(admit.getByLabel('Importo al mese, in euro')).toHaveValue('120,00');
  await expect(admit.getByLabel('Per quanti mesi')).toHaveValue('2');
  await expect(admit.getByRole('radio', { name: new RegExp(LINE) })).toBeChecked();
  await expectNoAxeViolations(head, 'admission form with a proposal');
  await admit.getByRole('button', { name: 'Ammetti e impegna il contributo' }).click();
  await expect(head.locator('#benefit-done')).toContainText('Contributo di 240,00');
  await officerContext.close();
  await headContext.close();
});
