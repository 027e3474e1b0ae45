/**
 * Issue 4 §7 for the citizen, in real Chromium: after the head of procedure reads the
 * confidential answers of one of her requests (with a purpose, audited), the citizen opens
 * "Chi ha letto i miei dati riservati" from that request and sees when and why, not who.
 * Checked at 320 px with large text: axe, no sideways scroll, keyboard only.
 */
import { expect, test } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { CitizenPages } from '../pages/citizen.ts';
import { sessionCookie } from '../fixtures/api.ts';

let server: IcaroServer;
test.beforeAll(async () => {
  server = await IcaroServer.start();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function callAs(username: string, procedure: string, input: unknown): Promise<number> {
  const headers = { 'content-type': 'application/json', origin: server.url, 'sec-fetch-site': 'same-origin' };
  const cookie = await sessionCookie(server.url, username);
  const res = await fetch(`${server.url}/trpc/${procedure}`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify(input) });
  return res.status;
}

test('a citizen sees the dates and purposes of the reads of her request', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
  const page = await context.newPage();
  const citizen = new CitizenPages(page, server.url);
  await citizen.signIn();
  await page.getByRole('switch', { name: 'Testo grande' }).click();

  // Her first request, and the office that holds it (from her own pull).
  await page.locator('main a[href^="/richieste/"]:not([href*="nuova"])').first().click();
  await expect(page).toHaveURL(/\/richieste\/[0-9a-f-]{36}$/);
  const dossierId = page.url().split('/').pop()!;
  const pull = await page.request.get(`${server.url}/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ cursor: null }))}`);
  const changes = ((await pull.json()) as { result: { data: { changes: { id: string; data?: { officeId: string } }[] } } }).result.data.changes;
  const officeId = changes.find((c) => c.id === dossierId)!.data!.officeId;
  const head = `responsabile.c${officeId.replace('UFF-C', '')}`;

  // The head of procedure reads the confidential answers, saying why.
  expect(await callAs(head, 'dossier.sensitive', { dossierId, purpose: 'verifica' })).toBe(200);

  // Keyboard only: Tab from the heading to the link, Enter.
  const link = page.getByRole('link', { name: 'Chi ha letto i miei dati riservati' });
  await expect(link).toBeVisible();
  await page.getByRole('heading', { level: 1 }).focus();
  for (let i = 0; i < 100 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/richieste/${dossierId}/consultazioni$`));
  await expect(page.getByRole('heading', { level: 1, name: /^Chi ha letto i dati riservati della richiesta PA-/ })).toBeVisible();
  const read = page.getByRole('listitem').filter({ hasText: 'Perché: Verifica' });
  await expect(read).toHaveCount(1);
  await expect(read).toContainText('Che cosa: Dati riservati');
  // Not who: the head's name is not shown.
  await expect(page.getByText(/Responsabile/)).toHaveCount(0);
  await expectNoAxeViolations(page, 'citizen reads, 320 px, large text');
  await expectNoHorizontalScroll(page, 'citizen reads, 320 px, large text');
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/citizen-reads-320.png`, fullPage: true });
});
