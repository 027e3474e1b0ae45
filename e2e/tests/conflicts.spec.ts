/**
 * Issue 4 §8–§9 in real Chromium against the real server: two writers meet on the
 * applicant's phone, the head of procedure sees both values with who wrote each and when,
 * resolves by keyboard only, and the auditor finds the resolution in the trail. Then an
 * anagrafe extract moves an applicant to another circoscrizione: the dossier shows the
 * change and the head transfers it with one click.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { validateCodiceFiscale } from '@icaro/domain';
import { IcaroServer } from '../fixtures/server.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { logIn } from '../pages/login.ts';
import { sessionCookie } from '../fixtures/api.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = process.env.SHOTS_DIR;

let server: IcaroServer;
test.beforeAll(async () => {
  // Enough dossiers that every office has some before the assessment starts.
  server = await IcaroServer.start({ SEED_DOSSIERS: '300' });
});
test.afterAll(async () => {
  await server?.dispose();
});

async function staffPage(browser: Browser, username: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await logIn(page, server.url, username);
  return page;
}

/** A device's push, as the app's sync engine sends it, under another user's session. */
async function pushAs(username: string, name: string, args: unknown): Promise<{ status: string; result?: { outcome?: string } }> {
  const headers = { 'content-type': 'application/json', origin: server.url, 'sec-fetch-site': 'same-origin' };
  const cookie = await sessionCookie(server.url, username);
  const res = await fetch(`${server.url}/trpc/sync.push`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({ clientId: crypto.randomUUID(), mutations: [{ id: crypto.randomUUID(), seq: 1, name, args, at: new Date().toISOString() }] }),
  });
  const body = (await res.json()) as { result: { data: { outcomes: { status: string; result?: { outcome?: string } }[] } } };
  return body.result.data.outcomes[0]!;
}

async function check(page: Page, screen: string): Promise<void> {
  await expectNoAxeViolations(page, screen);
  await expectNoHorizontalScroll(page, screen);
}

async function openFirstDossier(page: Page, query = ''): Promise<string> {
  await page.goto(`${server.url}/ufficio${query}`);
  await expect(page.getByRole('heading', { level: 2, name: /^\d+ richiest[ae]$/ })).toBeVisible();
  const first = page.getByTestId('queue-list').getByRole('link').first();
  await first.click();
  await expect(page).toHaveURL(/\/ufficio\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

test('two writers on one phone: both kept, resolved by keyboard, audited', async ({ browser }) => {
  const head = await staffPage(browser, 'responsabile.c1');
  const dossierId = await openFirstDossier(head);
  const contact = head.getByRole('region', { name: 'Recapiti della persona' });
  await expect(contact).toBeVisible();

  // The front desk's device read the phone before the head changed it.
  const seenPhone = (await contact.locator('dd').first().textContent())!.trim();
  const base = seenPhone === 'Non indicato' ? null : seenPhone;

  // The head edits the phone on the dossier page.
  await contact.getByRole('button', { name: 'Cambia i recapiti' }).click();
  await head.getByLabel('Telefono').fill('333 444 5555');
  await head.getByRole('button', { name: 'Salva i recapiti' }).click();
  await expect(head.getByText('Recapiti salvati')).toBeVisible();
  await expect(contact.locator('dd').first()).toHaveText('3334445555');
  await expect(head.getByText('In attesa di invio: le ultime modifiche')).toHaveCount(0, { timeout: 15_000 });

  // Then the front desk's write arrives, made on the old value: a conflict, nothing overwritten.
  const outcome = await pushAs('sportello.c1', 'person.updateContact@1', { dossierId, field: 'phone', base, value: '320 111 2222' });
  expect(outcome).toMatchObject({ status: 'applied', result: { outcome: 'conflict' } });

  const conflicts = head.getByRole('region', { name: 'Dati da controllare' });
  await expect(conflicts).toBeVisible();
  await expect(conflicts.getByText('3334445555').first()).toBeVisible();
  await expect(conflicts.getByText('3201112222').first()).toBeVisible();
  await expect(conflicts.getByText(/Scritto da .+ \(Responsabile del procedimento\)/)).toBeVisible();
  await expect(conflicts.getByText(/Scritto da .+ \(Sportello\)/)).toBeVisible();
  await check(head, 'dossier with a conflict');
  if (shots) await head.screenshot({ path: `${shots}/conflict-desktop.png`, fullPage: true });

  // Keyboard only: no choice gives an error summary; then choose the later value and confirm.
  const confirm = conflicts.getByRole('button', { name: 'Conferma la scelta' });
  await confirm.focus();
  await head.keyboard.press('Enter');
  await expect(head.getByRole('alert').filter({ hasText: 'C’è un problema' })).toBeFocused();
  await check(head, 'conflict with an error');
  await conflicts.getByRole('radio').first().focus();
  await head.keyboard.press('ArrowDown');
  await expect(conflicts.getByRole('radio', { name: /Usa il valore arrivato dopo/ })).toBeChecked();
  await confirm.focus();
  await head.keyboard.press('Enter');
  await expect(head.getByText('Scelta salvata')).toBeVisible();
  await expect(contact.locator('dd').first()).toHaveText('3201112222');
  await expect(head.getByRole('region', { name: 'Dati da controllare' })).toHaveCount(0);

  // The auditor finds the dossier by its reference and sees the resolution, not the number.
  const reference = (await head.getByRole('heading', { level: 1 }).textContent())!.match(/PA-[A-Z0-9-]+/)![0];
  const auditor = await staffPage(browser, 'revisore.demo', 320);
  await expect(auditor.getByRole('heading', { level: 1, name: 'Chi ha consultato una richiesta' })).toBeVisible();
  await check(auditor, 'audit look-up');
  await auditor.getByLabel('Riferimento o numero di protocollo').fill(reference.toLowerCase());
  await auditor.keyboard.press('Enter');
  await expect(auditor.getByRole('heading', { name: `Richiesta ${reference}` })).toBeVisible();
  const row = auditor.getByRole('listitem').filter({ hasText: 'Scelta tra due valori' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Recapiti');
  await expect(row).toContainText('Responsabile del procedimento');
  await expect(row).toContainText('Telefono: usato il valore arrivato dopo');
  await expect(auditor.getByText('3201112222')).toHaveCount(0);
  await check(auditor, 'audit trail at 320 px');
  if (shots) await auditor.screenshot({ path: `${shots}/audit-320.png`, fullPage: true });
});

test('an anagrafe move shows on the dossier and the head transfers it in one click', async ({ browser }) => {
  const head = await staffPage(browser, 'responsabile.c2', 320);
  const dossierId = await openFirstDossier(head, '?stato=PROTOCOLLATA');
  const cfText = (await head.locator('.mono').first().textContent())!.trim();
  const cf = validateCodiceFiscale(cfText);
  if (!cf.ok) throw new Error(`bad codice fiscale ${cfText}`);
  const applicant = (await head.locator('dd').filter({ hasText: cfText }).first().textContent())!.replace(cfText, '').trim();
  const [givenName, ...rest] = applicant.split(' ');
  const extract = path.join(server.dataDir, 'estratto.csv');
  fs.writeFileSync(
    extract,
    [
      'codice_fiscale;cognome;nome;data_nascita;sesso;indirizzo;circoscrizione;codice_famiglia;data_variazione',
      `${cf.value};${rest.join(' ')};${givenName};${cf.birthDate};${cf.sex};Via Libertà 200;5;FAM-E2E;2026-11-20`,
    ].join('\n'),
  );
  execFileSync(process.execPath, [path.join(root, 'server/dist/cli.js'), 'anagrafe-import', extract], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: server.dataDir, PUBLIC_ORIGIN: server.url, LOG_LEVEL: 'error' },
  });

  // The dossier shows the registry's change once the device has pulled it.
  await head.reload();
  const registry = head.getByRole('region', { name: 'Dati dell’anagrafe' });
  await expect(registry.getByText('Via Libertà 200').first()).toBeVisible();
  await expect(registry.getByText(/Circoscrizione: da «Circoscrizione II» a «Circoscrizione V»/)).toBeVisible();
  const reference = (await head.getByRole('heading', { level: 1 }).textContent())!.match(/PA-[A-Z0-9-]+/)![0];
  const move = head.getByRole('region', { name: 'La persona ha cambiato circoscrizione' });
  await expect(move).toBeVisible();
  await check(head, 'dossier with a registry move, 320 px');
  if (shots) await head.screenshot({ path: `${shots}/move-320.png`, fullPage: true });

  // The queue lists it for the head, with the one-click transfer.
  await head.goto(`${server.url}/ufficio`);
  const flags = head.getByRole('region', { name: 'Persone che hanno cambiato circoscrizione' });
  await expect(flags).toBeVisible();
  await check(head, 'queue with move flags, 320 px');
  await flags.getByRole('button', { name: `Trasferisci la richiesta ${reference} all’ufficio della circoscrizione V` }).click();
  await expect(head.getByText('Richiesta trasferita all’ufficio della circoscrizione V.')).toBeVisible();
  await expect(flags.getByRole('button', { name: new RegExp(reference) })).toHaveCount(0);

  // The new office has it.
  const other = await staffPage(browser, 'responsabile.c5');
  await other.goto(`${server.url}/ufficio/${dossierId}`);
  await expect(other.getByRole('heading', { level: 1 })).toContainText('PA-');
});
