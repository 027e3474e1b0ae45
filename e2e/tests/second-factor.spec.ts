/**
 * Staff sign in with a second factor (QUALITY.md §2; docs/security.md, "Second factor"):
 * after the password, a code from an authenticator app. The first time, the screen shows
 * the new secret as a QR code, a key to type and an otpauth:// link, and the first code
 * confirms it. The codes are computed here as an authenticator app would.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, IcaroServer } from '../fixtures/server.ts';
import { checkScreen, setTextTo200Percent } from '../fixtures/gates.ts';
import { expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { answerUnlock, SECOND_FACTOR_HEADING } from '../pages/login.ts';
import { totpCode } from '../../server/src/services/totp.ts';
import { freshDemoTotpCode } from '../../server/src/seed/demo-totp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USER = 'istruttore.c2';

let server: IcaroServer;
test.beforeAll(async () => {
  server = await IcaroServer.start();
});
test.afterAll(async () => {
  await server?.dispose();
});

test('a case officer enrols at the first sign-in with the QR code or the key, then signs in with a code; wrong codes are explained', async ({ browser }) => {
  // A new phone: the administrator resets the second factor (the CLI also ends sessions).
  const out = execFileSync(process.execPath, [path.join(root, 'server/dist/cli.js'), 'totp-reset', USER], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: server.dataDir, PUBLIC_ORIGIN: server.url, LOG_LEVEL: 'error' },
  }).toString();
  expect(out).toContain(`Verifica in due passaggi azzerata per ${USER}`);

  const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/accedi`);
  await page.getByLabel('Nome utente').fill(USER);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();

  // Enrolment: the QR code, the key to type, the link for a phone, and the code field.
  const enrolHeading = page.getByRole('heading', { level: 1, name: 'Attiva la verifica in due passaggi' });
  await expect(enrolHeading).toBeVisible();
  await expect(enrolHeading).toBeFocused();
  await expect(page).toHaveTitle(/^Passo 2 di 2/);
  await expect(page.getByRole('img', { name: 'Codice QR per l’app di autenticazione' })).toBeVisible();
  const key = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole('link', { name: 'Sei sul telefono? Apri direttamente nell’app' })).toHaveAttribute('href', new RegExp(`^otpauth://totp/.*secret=${key}`));
  await expect(page.getByTestId('demo-staff-notice')).toBeVisible();
  await checkScreen(page, 'second factor, enrolment, 320 px');
  await setTextTo200Percent(page);
  await expectNoHorizontalScroll(page, 'second factor, enrolment, 320 px, text at 200%');
  await page.screenshot({ path: test.info().outputPath('enrol-320.png'), fullPage: true });

  // Letters, then a wrong code: an error summary that says what to do, focus on it.
  const codeField = page.getByLabel('Codice di 6 cifre');
  await codeField.fill('12a456');
  await page.getByRole('button', { name: 'Attiva e accedi' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Il codice è fatto di 6 cifre, senza lettere.' })).toBeFocused();
  await expect(page).toHaveTitle(/^Errore: /);
  const right = totpCode(key, Date.now());
  await codeField.fill(right === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Attiva e accedi' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Il codice non è corretto o è già stato usato' })).toBeVisible();
  await checkScreen(page, 'second factor, wrong code');

  // The code of the app (pasted, with a space in it as some apps show it).
  await codeField.fill(`${totpCode(key, Date.now()).slice(0, 3)} ${totpCode(key, Date.now()).slice(3)}`);
  await page.getByRole('button', { name: 'Attiva e accedi' }).click();
  await answerUnlock(page);
  await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Coda dell’ufficio' })).toBeVisible();

  // Sign out; the next sign-in asks for a code of the new secret, by keyboard.
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page).toHaveURL(/\/accedi$/);
  await page.getByLabel('Nome utente').fill(USER);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  const codeHeading = page.getByRole('heading', { level: 1, name: SECOND_FACTOR_HEADING });
  await expect(codeHeading).toBeVisible();
  await expect(codeHeading).toBeFocused();
  await expect(page.getByTestId('totp-secret')).toHaveCount(0);
  await checkScreen(page, 'second factor, code');
  await codeField.focus();
  // The next step's code (the one just used is refused as a replay).
  await page.keyboard.type(totpCode(key, Date.now() + 30_000));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Coda dell’ufficio' })).toBeVisible();
  await context.close();
});

test('“Ricomincia l’accesso” goes back to username and password; the demo inbox shows the demo staff codes', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/accedi`);
  await page.getByLabel('Nome utente').fill('responsabile.c3');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Codice di verifica' })).toBeVisible();
  await page.getByRole('button', { name: 'Ricomincia l’accesso' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accedi a ICARO' })).toBeFocused();
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');

  // The demo inbox lists what each demo staff member's app would show now.
  const inbox = await context.newPage();
  await inbox.goto(`${server.url}/demo/posta`);
  const table = inbox.getByTestId('demo-staff-codes');
  await expect(table).toBeVisible();
  const row = table.getByRole('row').filter({ has: inbox.getByRole('rowheader', { name: 'responsabile.c3', exact: true }) });
  await expect(row.getByRole('cell').last()).toHaveText(/^\d{6}$/);
  await checkScreen(inbox, 'demo inbox with staff codes, 320 px');
  // And the code works (the one the page shows, or the next if a step turned meanwhile).
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByLabel('Codice di 6 cifre').fill(await freshDemoTotpCode(server.url, 'responsabile.c3'));
  await page.getByRole('button', { name: 'Verifica' }).click();
  await answerUnlock(page);
  await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();
  await context.close();
});
