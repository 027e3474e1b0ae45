import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../fixtures/server.ts';

export async function logIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  // After "Esci" the app lands on /accedi once the sign-out is done. Navigating away
  // before that cancels it and the previous user stays signed in on the next page.
  if (page.url().startsWith(baseUrl)) await page.waitForURL(/\/accedi$/, { timeout: 5_000 }).catch(() => undefined);
  await page.goto(`${baseUrl}/accedi`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();
}

/** The service worker must control the page before the network goes away. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return Boolean(reg.active && navigator.serviceWorker.controller);
  }, undefined, { timeout: 30_000 });
}
