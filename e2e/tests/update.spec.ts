/**
 * A new version of the app is announced, and applied only at a step boundary: never
 * under a half-typed answer (issue 2, §6). The "new version" is the same build with a
 * changed service worker, served by a restarted server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { readStore } from '../fixtures/idb.ts';
import { syntheticApplicant } from '../fixtures/people.ts';
import { logIn, waitForServiceWorker } from '../pages/login.ts';
import { OperatorFlow } from '../pages/operator.ts';

const build = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/build');

test('a new version waits for the next step, and the draft survives it', async ({ browser }) => {
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icaro-web-'));
  fs.cpSync(build, webDir, { recursive: true });
  const server = await IcaroServer.start({ WEB_DIR: webDir });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const flow = new OperatorFlow(page);
    const applicant = syntheticApplicant(7);
    await logIn(page, server.url, 'operatore.demo');
    await waitForServiceWorker(page);
    await flow.startNewRequest();
    await page.getByRole('radio', { name: 'Una persona che non è nell’elenco' }).check();
    await flow.continue();
    await flow.heading('Qual è il codice fiscale della persona?');

    // Half-typed answer on screen; meanwhile a new version is published.
    await page.getByLabel('Codice fiscale').fill(applicant.codiceFiscale);
    const oldWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    const marked = () => page.evaluate(() => (window as unknown as { __oldDocument?: boolean }).__oldDocument === true);
    await page.evaluate(() => Object.assign(window, { __oldDocument: true }));
    fs.appendFileSync(path.join(webDir, 'sw.js'), '\n// new version\n');
    await server.halt();
    await server.resume();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    await expect(page.getByText('È pronta una nuova versione di ICARO.')).toBeVisible({ timeout: 30_000 });
    // Nothing under the user's hands moved: same page, same text, same document.
    await page.waitForTimeout(1000);
    await flow.heading('Qual è il codice fiscale della persona?');
    await expect(page.getByLabel('Codice fiscale')).toHaveValue(applicant.codiceFiscale);
    expect(await marked()).toBe(true);

    // The step boundary: the answer is saved, then the new version takes over.
    const before = await readStore<{ updatedAt: string }>(page, 'drafts');
    await flow.continue();
    await flow.heading('Come si chiama la persona?');
    await expect(page.getByText('È pronta una nuova versione di ICARO.')).toHaveCount(0);
    expect(await marked()).toBe(false); // a full load, under the new worker
    await expect
      .poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)))
      .toBe(false);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(oldWorker);
    // The draft was saved again at the step, sealed (docs/security.md, "Device data").
    const after = await readStore<{ updatedAt: string }>(page, 'drafts');
    expect(after).toHaveLength(1);
    expect(after[0]!.updatedAt).not.toBe(before[0]?.updatedAt);
    expect(JSON.stringify(after)).not.toContain(applicant.codiceFiscale);
    await context.close();
  } finally {
    await server.dispose();
    fs.rmSync(webDir, { recursive: true, force: true });
  }
});
