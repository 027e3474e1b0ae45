/**
 * Device data encrypted at rest (docs/security.md, "Device data"): on a shared association
 * device, what sits in IndexedDB is sealed with a key held in memory only. After a reload
 * the unlock screen asks for the password, on the device, offline too; the request filed
 * offline is still there and leaves when the network returns. "Blocca" drops the key and
 * the read caches; a second operator signing in on the same browser finds nothing
 * readable in the first one's database.
 */
import { expect, test, type Page } from '@playwright/test';
import { IcaroServer, DEMO_PASSWORD } from '../fixtures/server.ts';
import { readStore } from '../fixtures/idb.ts';
import { syntheticApplicant } from '../fixtures/people.ts';
import { checkScreen, setTextTo200Percent } from '../fixtures/gates.ts';
import { expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { UNLOCK_HEADING, logIn, waitForServiceWorker } from '../pages/login.ts';
import { OperatorFlow } from '../pages/operator.ts';

/** Every row of every ICARO database on this browser, bytes read as text, as one string. */
function dumpAllDatabases(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const text = (v: unknown): unknown => {
      if (v instanceof ArrayBuffer) return new TextDecoder('latin1').decode(v);
      if (ArrayBuffer.isView(v)) return new TextDecoder('latin1').decode(v);
      if (v instanceof Blob) return '[blob]';
      if (Array.isArray(v)) return v.map(text);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)]));
      return v;
    };
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name?.startsWith('icaro-')) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => reject(req.error);
        });
        out.push(`${info.name}/${name}: ${JSON.stringify(text(rows))}`);
      }
      db.close();
    }
    return out.join('\n');
  });
}

test('the device data is sealed, unlocks offline after a reload, locks, and stays unreadable to the next operator', async ({ browser }) => {
  const server = await IcaroServer.start();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const flow = new OperatorFlow(page);
    const applicant = { ...syntheticApplicant(41), circoscrizione: 'I Circoscrizione' };
    const unlockHeading = page.getByRole('heading', { level: 1, name: UNLOCK_HEADING });

    await logIn(page, server.url, 'operatore.demo');
    // This spec is about the unlock screen: nothing answers it on our behalf.
    await page.removeLocatorHandler(unlockHeading);
    await waitForServiceWorker(page);

    // A request filed with the network gone.
    await flow.startNewRequest();
    await flow.newPerson(applicant);
    await flow.chooseService('Buoni spesa e aiuti alimentari');
    await flow.answerText('Quante persone vivono con te, compreso te?', '3');
    await flow.answerChoice('In famiglia ci sono bambini sotto i 3 anni?', 'No');
    await flow.answerChoice('Cosa preferisci ricevere?', 'Un pacco di alimenti');
    await flow.answerChoice('Qualcuno in famiglia deve seguire una dieta particolare?', 'No');
    await flow.consentBySignature();
    await context.setOffline(true);
    await flow.submitFromReview();
    await expect(page.getByText('1 in attesa di invio').first()).toBeVisible();
    await expect.poll(async () => (await readStore(page, 'outbox')).length).toBe(1);

    // In IndexedDB: ids and states, no person.
    const raw = await dumpAllDatabases(page);
    expect(raw).toContain('outbox');
    expect(raw).not.toContain(applicant.codiceFiscale);
    expect(raw).not.toContain(applicant.familyName);

    // A reload, still offline: the key is gone, the unlock screen asks for the password.
    await page.reload();
    await expect(unlockHeading).toBeVisible();
    await expect(page).toHaveTitle(/^Sblocca i tuoi dati/);
    await expect(unlockHeading).toBeFocused();
    await checkScreen(page, 'unlock screen');

    // By keyboard: a wrong password is refused with an error summary, then the right one.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    await page.keyboard.type('Palermo-Sbagliata-1');
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'La password non è corretta' });
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Errore: Sblocca i tuoi dati/);
    await checkScreen(page, 'unlock screen with an error');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    // The page that was reloaded comes back with the request still waiting.
    await flow.heading('Richiesta registrata');
    await expect(page.getByText('1 in attesa di invio').first()).toBeVisible();

    // The network returns: it leaves by itself.
    await context.setOffline(false);
    await expect(page.getByText('Tutto inviato').first()).toBeVisible({ timeout: 45_000 });
    await expect.poll(async () => (await readStore(page, 'outbox')).length).toBe(0);
    await page.getByRole('link', { name: 'Torna all’elenco delle richieste' }).first().click();
    const row = page.getByRole('listitem').filter({ hasText: `${applicant.givenName} ${applicant.familyName}` });
    await expect(row).toBeVisible();
    await expect.poll(async () => (await readStore(page, 'dossiers')).length).toBeGreaterThan(0);
    expect(await dumpAllDatabases(page)).not.toContain(applicant.codiceFiscale);

    // "Blocca": the key and the read caches go; the unlock screen takes the page.
    await page.getByRole('button', { name: 'Blocca' }).click();
    await expect(unlockHeading).toBeVisible();
    await expect(unlockHeading).toBeFocused();
    expect(await readStore(page, 'dossiers')).toEqual([]);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sblocca' }).click();
    await expect(row).toBeVisible();

    // At 320 px and with text at 200%, the unlock screen needs no sideways scroll.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.getByRole('button', { name: 'Blocca' }).click();
    await expect(unlockHeading).toBeVisible();
    await checkScreen(page, 'unlock screen at 320 px');
    await setTextTo200Percent(page);
    await expectNoHorizontalScroll(page, 'unlock screen at 320 px, text at 200%');
    await page.screenshot({ path: test.info().outputPath('unlock-320.png'), fullPage: true });

    // "Esci" from the locked screen (nothing waits to be sent), then another operator.
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.waitForURL(/\/accedi$/);
    await logIn(page, server.url, 'operatore.a2');
    await expect(unlockHeading).toHaveCount(0);
    const second = await dumpAllDatabases(page);
    // Both users' databases are there, and neither reads in clear.
    expect(second.match(/icaro-u-[^/]+\/outbox/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(second).not.toContain(applicant.codiceFiscale);
    expect(second).not.toContain(applicant.familyName);
    await context.close();
  } finally {
    await server.dispose();
  }
});
