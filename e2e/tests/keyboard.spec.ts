/**
 * The operator's flow by keyboard alone: the skip link, login, and question pages,
 * with focus on each new page's h1 (QUALITY.md §1.9).
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, IcaroServer } from '../fixtures/server.ts';

let server: IcaroServer;
test.beforeAll(async () => {
  server = await IcaroServer.start();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function focusedIsH1(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: text })).toBeFocused();
}

async function tabTo(page: Page, name: string | RegExp, backwards = false, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      const label = el?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? el?.textContent ?? '';
      return `${el?.tagName}:${label.trim()}`;
    });
    const text = label.slice(label.indexOf(':') + 1);
    if (typeof name === 'string' ? text === name : name.test(text)) return;
  }
  throw new Error(`could not reach ${String(name)} with Tab`);
}

test('an operator signs in and starts a request without a mouse', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/accedi`);

  // The skip link is the first stop of the page (reached here going backwards, from
  // wherever focus starts) and jumps to the content.
  await expect(page.getByRole('heading', { level: 1, name: 'Accedi a ICARO' })).toBeVisible();
  await tabTo(page, 'Vai al contenuto principale', true, 40);
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  await page.getByLabel('Nome utente').focus();
  await page.keyboard.type('operatore.demo');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await focusedIsH1(page, 'Le richieste dell’associazione');

  await tabTo(page, 'Nuova richiesta');
  await page.keyboard.press('Enter');
  await focusedIsH1(page, 'Per chi è la richiesta?');

  // Radios: Tab into the group, arrows move, Space selects; Enter submits the step.
  for (let i = 0; i < 30 && !(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio')); i++) {
    await page.keyboard.press('Tab');
  }
  // From the first option, the up arrow wraps to the last one and selects it.
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: 'Una persona che non è nell’elenco' })).toBeChecked();
  await page.keyboard.press('Enter');
  await focusedIsH1(page, 'Qual è il codice fiscale della persona?');

  // An error is announced: the summary takes focus and links to the field.
  await tabTo(page, 'Continua');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'C’è un problema' })).toBeVisible();
  const summary = page.locator(':focus');
  await expect(summary).toContainText('C’è un problema');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Codice fiscale')).toBeFocused();
  await context.close();
});
