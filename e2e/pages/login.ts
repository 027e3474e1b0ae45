import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../fixtures/server.ts';
import { freshDemoTotpCode } from '../../server/src/seed/demo-totp.ts';

/** The second step of a staff sign-in (Italian or English). */
export const SECOND_FACTOR_HEADING = /^(Codice di verifica|Verification code)$/;

export async function logIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  // After "Esci" the app lands on /accedi once the sign-out is done. Navigating away
  // before that cancels it and the previous user stays signed in on the next page.
  if (page.url().startsWith(baseUrl)) await page.waitForURL(/\/accedi$/, { timeout: 5_000 }).catch(() => undefined);
  await page.goto(`${baseUrl}/accedi`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  // Staff: the code of their demo authenticator app (server/src/seed/demo-totp.ts).
  const esci = page.getByRole('button', { name: 'Esci' });
  const codeStep = page.getByRole('heading', { level: 1, name: SECOND_FACTOR_HEADING });
  await expect(esci.or(codeStep)).toBeVisible();
  if (await codeStep.isVisible()) await answerSecondFactor(page, baseUrl, username);
  await expect(esci).toBeVisible();
  // "Esci" shows as soon as the user is set; the app then goes to the role's start page.
  // A click before that navigation ends would be overtaken by it (CI lost that race).
  await page.waitForURL((url) => !url.pathname.startsWith('/accedi'));
  await answerUnlock(page, password);
}

/** Types a fresh code of the user's demo authenticator into the second-factor step. */
export async function answerSecondFactor(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.getByLabel(/^(Codice di 6 cifre|6-digit code)$/).fill(await freshDemoTotpCode(baseUrl, username.trim().toLowerCase()));
  await page.getByRole('button', { name: /^(Verifica|Verify)$/ }).click();
}

/** The unlock screen's heading (Italian or English). */
export const UNLOCK_HEADING = /^(Sblocca i tuoi dati|Unlock your data)$/;

/**
 * The device data is sealed with a key held in memory only (docs/security.md, "Device
 * data"): after a reload or a full navigation the app asks for the password again, on the
 * device. For the specs that are not about it, the unlock screen is answered whenever it
 * stands in the way of an action or an assertion, like a dialog (device-encryption.spec.ts
 * tests the screen itself, without this handler).
 */
export async function answerUnlock(page: Page, password = DEMO_PASSWORD): Promise<void> {
  const heading = page.getByRole('heading', { level: 1, name: UNLOCK_HEADING });
  await page.removeLocatorHandler(heading);
  await page.addLocatorHandler(heading, async () => {
    await page.getByLabel(/^(Password)$/).fill(password);
    await page.getByRole('button', { name: /^(Sblocca|Unlock)$/ }).click();
  });
}

/** The service worker must control the page before the network goes away. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return Boolean(reg.active && navigator.serviceWorker.controller);
  }, undefined, { timeout: 30_000 });
}
