/**
 * Issue 3 §4–§6 in real Chromium: a citizen applies from the catalogue (by keyboard
 * alone too), follows the request in "Le mie richieste" (timeline, deadline, what the
 * office is waiting for), and every screen of three services' flows, the riepilogo, the
 * confirmation, "Le mie richieste" and the assisted-mode screens passes the gates
 * (axe WCAG 2.2 AA + target-size, no sideways scroll, 44×44 targets, "Serve aiuto?"),
 * by default and with large text and high contrast, at 320×640 and with 200% text.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { checkScreen, setTextTo200Percent } from '../fixtures/gates.ts';
import { syntheticApplicant } from '../fixtures/people.ts';
import { CitizenPages } from '../pages/citizen.ts';
import { logIn } from '../pages/login.ts';
import { signedInRequest } from '../fixtures/api.ts';
import { OperatorFlow } from '../pages/operator.ts';

let server: IcaroServer;
test.beforeAll(async () => {
  // The demo citizen signs in once per test here: more codes than a real person asks for.
  server = await IcaroServer.start({ OTP_MAX_CODES_PER_CF: '50', OTP_MAX_CODES_PER_IP: '200' });
});
test.afterAll(async () => {
  await server?.dispose();
});

/** A real 1×1 PNG: the smallest photo of a delega. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';

const SERVICES = [
  { code: 'PA-ANZ-01', title: 'Assistenza domiciliare per anziani' },
  { code: 'PA-MIN-02', title: 'Aiuto per pagare l’asilo nido' },
  { code: 'PA-POV-02', title: 'Buoni spesa e aiuti alimentari' },
] as const;

type Variant = 'default' | 'large text and high contrast' | '200% text';

async function citizenPage(browser: Browser, variant: Variant): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const citizen = new CitizenPages(page, server.url);
  await citizen.signIn();
  await applyVariant(page, variant);
  return page;
}

async function applyVariant(page: Page, variant: Variant): Promise<void> {
  if (variant === 'large text and high contrast') {
    await page.getByRole('switch', { name: 'Testo grande' }).click();
    await page.getByRole('switch', { name: 'Alto contrasto' }).click();
    await expect(page.getByRole('switch', { name: 'Alto contrasto' })).toHaveAttribute('aria-checked', 'true');
  } else if (variant === '200% text') {
    await setTextTo200Percent(page);
  }
}

/** Answers the question on screen with a plausible value (the first choice, a date a year ago, a number). */
async function answerQuestion(page: Page): Promise<void> {
  const radios = page.getByRole('main').getByRole('radio');
  if ((await radios.count()) > 0) {
    if ((await page.getByRole('main').locator('input[type=radio]:checked').count()) === 0) await radios.first().check();
    return;
  }
  const day = page.getByLabel('Giorno');
  if ((await day.count()) > 0) {
    await day.fill('5');
    await page.getByLabel('Mese').fill('3');
    await page.getByLabel('Anno').fill(String(new Date().getFullYear() - 1));
    return;
  }
  const box = page.getByRole('main').locator('input:not([type=search]):not([type=file]), textarea').first();
  if ((await box.count()) === 0) return;
  if ((await box.inputValue()) !== '') return;
  const type = (await box.getAttribute('type')) ?? 'text';
  const mode = (await box.getAttribute('inputmode')) ?? '';
  const value =
    type === 'tel' ? '3331234567' : type === 'email' ? 'prova@esempio.it' : mode === 'numeric' ? '2' : mode === 'decimal' ? '250' : 'Testo di prova';
  await box.fill(value);
}

/** From the service page to the confirmation, checking every screen on the way. */
async function applyFor(page: Page, service: (typeof SERVICES)[number], variant: Variant): Promise<string> {
  await page.goto(`${server.url}/servizi/${service.code}`);
  if (variant === '200% text') await setTextTo200Percent(page);
  await expect(page.getByRole('heading', { level: 1, name: service.title })).toBeVisible();
  await checkScreen(page, `service page ${service.code} (${variant})`);
  await page.getByRole('link', { name: 'Chiedi questo servizio' }).click();
  await expect(page).toHaveTitle(/^Passo \d+ di \d+ – /);
  for (let i = 0; i < 20; i++) {
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toBeFocused();
    const question = (await h1.textContent())?.trim() ?? '';
    if (question === 'Controlla la richiesta prima di inviarla') break;
    // A citizen filing for themselves: no banner, no consent step.
    await expect(page.getByTestId('on-behalf')).toHaveCount(0);
    expect(question).not.toContain('consenso');
    await expect(page).toHaveTitle(/^Passo \d+ di \d+ – /);
    await checkScreen(page, `${service.code}: “${question}” (${variant})`);
    await answerQuestion(page);
    await page.getByRole('button', { name: 'Continua' }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(question);
  }
  await checkScreen(page, `${service.code}: riepilogo (${variant})`);
  await page.getByRole('button', { name: 'Invia la richiesta' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Richiesta registrata' })).toBeFocused();
  const reference = ((await page.getByTestId('reference').textContent()) ?? '').trim();
  expect(reference).toMatch(/^PA-/);
  await expect(page.getByTestId('submission-state')).toContainText(/inviata|ricevuta|arrivata/i);
  await checkScreen(page, `${service.code}: confirmation (${variant})`);
  return reference;
}

for (const variant of ['default', 'large text and high contrast', '200% text'] as const) {
  test(`a citizen applies for three services and follows them; every screen passes the gates (${variant})`, async ({ browser }) => {
    test.setTimeout(300_000);
    const page = await citizenPage(browser, variant);
    await checkScreen(page, `Le mie richieste (${variant})`);
    const references: string[] = [];
    for (const service of SERVICES) references.push(await applyFor(page, service, variant));

    await page.getByRole('link', { name: 'Torna all’elenco delle richieste' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Le mie richieste' })).toBeFocused();
    if (variant === '200% text') await setTextTo200Percent(page);
    const list = page.getByTestId('my-requests');
    for (const reference of references) await expect(list).toContainText(reference);
    await checkScreen(page, `Le mie richieste with new requests (${variant})`);

    await page.getByRole('link', { name: `Vedi la richiesta ${references[0]}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Richiesta ${references[0]}` })).toBeFocused();
    await expect(page.getByTestId('timeline')).toContainText('La richiesta è stata inviata');
    await expect(page.getByTestId('deadline')).toContainText('Il tempo per rispondere comincia quando l’ufficio registra la richiesta');
    await checkScreen(page, `request page (${variant})`);
    await page.context().close();
  });
}

test('a citizen applies by keyboard alone, from the catalogue to the confirmation page', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const focusedH1 = (name: string | RegExp) => expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  async function tabTo(match: (el: { tag: string; type: string; text: string }) => boolean, max = 60): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement as HTMLInputElement | null;
        const text = (a?.labels?.[0]?.textContent ?? a?.getAttribute('aria-label') ?? a?.textContent ?? '').trim();
        return { tag: a?.tagName.toLowerCase() ?? '', type: a?.type ?? '', text };
      });
      if (match(el)) return;
    }
    throw new Error('could not reach the control with Tab');
  }
  const named = (text: string) => (el: { text: string }) => el.text === text;

  await page.goto(`${server.url}/accedi/cittadino`);
  // A fresh page load starts at the top of the document (focus moves to the h1 on route changes).
  await expect(page.getByRole('heading', { level: 1, name: 'Qual è il tuo codice fiscale?' })).toBeVisible();
  await tabTo((el) => el.tag === 'input' && el.type === 'text');
  await page.keyboard.type('CSMRSL48L55G273P');
  await page.keyboard.press('Enter');
  await focusedH1('Scrivi il codice che ti abbiamo mandato');
  // The code is read elsewhere (the citizen's mail), so this window keeps the focus.
  const inbox = await browser.newContext();
  const code = await new CitizenPages(await inbox.newPage(), server.url).codeFromDemoInbox();
  await inbox.close();
  await tabTo((el) => el.tag === 'input');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await focusedH1('Le mie richieste');

  await tabTo(named('Cerca un servizio'));
  await page.keyboard.press('Enter');
  await focusedH1('Quali servizi');
  await tabTo(named('Anziani'));
  await page.keyboard.press('Enter');
  await tabTo(named('Assistenza domiciliare per anziani'));
  await page.keyboard.press('Enter');
  await focusedH1('Assistenza domiciliare per anziani');
  await tabTo(named('Chiedi questo servizio'));
  await page.keyboard.press('Enter');

  for (let i = 0; i < 20; i++) {
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toBeFocused();
    const question = (await h1.textContent())?.trim() ?? '';
    if (question === 'Controlla la richiesta prima di inviarla') break;
    // Into the question's control: a radio group (Space picks the focused option), a field, or the button.
    await tabTo((el) => (el.tag === 'input' && el.type !== 'file') || el.tag === 'textarea' || el.text === 'Continua');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement;
      return { tag: a.tagName.toLowerCase(), type: a.type, checked: a.checked, value: a.value };
    });
    if (el.type === 'radio' && !el.checked) await page.keyboard.press('Space');
    if (el.tag === 'textarea') {
      await page.keyboard.type('Scritto con la tastiera');
      await tabTo(named('Continua'));
    }
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(question);
  }
  await focusedH1('Controlla la richiesta prima di inviarla');
  await tabTo(named('Invia la richiesta'));
  await page.keyboard.press('Enter');
  await focusedH1('Richiesta registrata');
  await expect(page.getByTestId('reference')).toHaveText(/^PA-/);
  await context.close();
});

test('a date in the future shows the error summary with focus, the inline message and a title starting “Errore:”', async ({ browser }) => {
  const page = await citizenPage(browser, 'default');
  await page.goto(`${server.url}/servizi/PA-MIN-02`);
  await page.getByRole('link', { name: 'Chiedi questo servizio' }).click();
  await expect(page).toHaveTitle(/^Passo \d+ di \d+ – /);
  // The phone page first (the service is already chosen in the catalogue).
  for (let i = 0; i < 4; i++) {
    const h1 = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    if (h1 === 'Quando è nato il bambino?') break;
    await answerQuestion(page);
    await page.getByRole('button', { name: 'Continua' }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(h1);
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Quando è nato il bambino?' })).toBeVisible();
  await page.getByLabel('Giorno').fill('1');
  await page.getByLabel('Mese').fill('1');
  await page.getByLabel('Anno').fill(String(new Date().getFullYear() + 1));
  await page.getByRole('button', { name: 'Continua' }).click();
  const summary = page.locator('.error-summary, [data-testid=error-summary]').first();
  await expect(page.getByRole('heading', { name: 'C’è un problema' })).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Errore: /);
  const message = (await summary.getByRole('link').first().textContent())?.trim() ?? '';
  expect(message.length).toBeGreaterThan(5);
  // The same words at the field, and the link takes the user there.
  await expect(page.locator('.field-error')).toContainText(message);
  await summary.getByRole('link').first().click();
  await expect(page.getByLabel('Giorno')).toBeFocused();
  await checkScreen(page, 'date in the future');
  await page.context().close();
});

for (const variant of ['default', 'large text and high contrast'] as const) {
  test(`assisted mode: the banner on every page, consent by signature or witness, an invalid codice fiscale (${variant})`, async ({ browser }) => {
    test.setTimeout(200_000);
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'operatore.demo');
    await applyVariant(page, variant);
    const flow = new OperatorFlow(page);
    const applicant = syntheticApplicant(variant === 'default' ? 41 : 42);
    const name = `${applicant.givenName} ${applicant.familyName}`;
    const banner = page.getByTestId('on-behalf');

    await flow.startNewRequest();
    await page.getByRole('radio', { name: 'Una persona che non è nell’elenco' }).check();
    await flow.continue();
    // An invalid codice fiscale: summary focused, inline message, "Errore:" title.
    await page.getByLabel('Codice fiscale').fill('RSSMRA85T10A562X');
    await flow.continue();
    const summary = page.locator(':focus');
    await expect(summary).toContainText('C’è un problema');
    await expect(page).toHaveTitle(/^Errore: /);
    await expect(page.locator('.field-error')).toBeVisible();
    await checkScreen(page, `invalid codice fiscale (${variant})`);
    await page.getByLabel('Codice fiscale').fill(applicant.codiceFiscale);
    await flow.continue();
    await page.getByLabel('Nome', { exact: true }).fill(applicant.givenName);
    await page.getByLabel('Cognome').fill(applicant.familyName);
    await flow.continue();
    // Wait for the next page: reading the heading of the name page would make the loop
    // answer one page and act on the next (a race that slow machines lose).
    await flow.heading('A quale numero possiamo chiamare la persona?');
    // From here on every page says whom the operator is filling in for.
    for (let i = 0; i < 20; i++) {
      const h1 = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
      if (h1 === 'Come ha dato il consenso la persona?') break;
      await expect(banner).toHaveText(`Stai compilando per conto di ${name}`);
      await checkScreen(page, `assisted: “${h1}” (${variant})`);
      if (h1 === 'Quale servizio chiede la persona?') await page.getByRole('radio', { name: /^Assistenza domiciliare per anziani/ }).check();
      else if (h1 === 'In quale circoscrizione abita la persona?') await page.getByRole('radio', { name: /^II Circoscrizione/ }).check();
      else await answerQuestion(page);
      await flow.continue();
      await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(h1);
    }
    await expect(banner).toHaveText(`Stai compilando per conto di ${name}`);
    await expect(page.getByTestId('consent-text')).toContainText('Versione del testo: CONSENSO-2026-1');
    // The signature method without a signature is refused on the device already.
    await page.getByRole('radio', { name: /^Ha firmato il modulo di consenso/ }).check();
    await expect(page.getByText('Con la sola tastiera non si può firmare')).toBeVisible();
    await checkScreen(page, `consent step (${variant})`);
    await flow.continue();
    await expect(page).toHaveTitle(/^Errore: /);
    await expect(page.locator('.field-error')).toContainText('Fai firmare la persona nel riquadro');
    await checkScreen(page, `consent step without a signature (${variant})`);
    if (variant === 'default') {
      await flow.sign();
      await flow.continue();
    } else {
      // A scanned delega: a photo of the signed paper, uploaded like any document.
      await page.getByRole('radio', { name: /^Ha firmato una delega, che hai scansionato/ }).check();
      await checkScreen(page, `consent by scanned delega (${variant})`);
      await page.locator('#delega-file').setInputFiles({ name: 'delega.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1X1, 'base64') });
      await expect(page.getByRole('heading', { level: 2, name: /allegat|Allegat/ })).toBeVisible();
      await flow.continue();
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Controlla la richiesta prima di inviarla' })).toBeVisible();
    await expect(banner).toHaveText(`Stai compilando per conto di ${name}`);
    await checkScreen(page, `assisted riepilogo (${variant})`);
    await flow.submitFromReview();
    await expect(banner).toHaveText(`Stai compilando per conto di ${name}`);
    await checkScreen(page, `assisted confirmation (${variant})`);
    // The server accepted it, consent included: it is no longer waiting on the device.
    await expect(page.getByTestId('submission-state')).not.toContainText('attesa', { timeout: 20_000 });
    await context.close();
  });
}

test('every route has its own title, and “Serve aiuto?” with the phone', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const titles = new Map<string, string>();
  async function visit(path: string, h1?: string | RegExp): Promise<void> {
    await page.goto(`${server.url}${path}`);
    if (h1) await expect(page.getByRole('heading', { level: 1, name: h1 })).toBeVisible();
    else await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page).not.toHaveTitle(/^ICARO$|^$/);
    const title = await page.title();
    expect(title).toMatch(/ – ICARO$/);
    const other = [...titles.entries()].find(([, t]) => t === title);
    expect(other, `${path} has the same title as ${other?.[0]}: “${title}”`).toBeUndefined();
    titles.set(path, title);
    const help = page.getByRole('complementary', { name: 'Serve aiuto?' });
    await expect(help).toBeVisible();
    await expect(help.locator('a[href^="tel:"]')).toHaveCount(1);
  }
  // Public screens.
  for (const path of ['/servizi', '/servizi/cerca?q=anziani', '/servizi/situazione/anziani', '/servizi/PA-ANZ-01', '/servizi/PA-MIN-02']) await visit(path);
  for (const path of ['/associazioni', '/accedi', '/accedi/cittadino', '/demo/posta']) await visit(path);
  // The citizen's screens.
  const citizen = new CitizenPages(page, server.url);
  await citizen.signIn();
  titles.set('/ (citizen)', await page.title());
  const first = page.getByTestId('my-requests').getByRole('link').first();
  await expect(first).toBeVisible();
  const href = (await first.getAttribute('href'))!;
  await visit(href, /^Richiesta /);
  expect(titles.size).toBeGreaterThanOrEqual(11);
  await context.close();
});

/** A speech engine for the browser: Chromium here has none. It records what it is asked to say. */
function fakeSpeech(voices: { name: string; lang: string; localService: boolean; default: boolean }[]): void {
  const spoken: { text: string; lang: string; voice: string | undefined }[] = [];
  let ready = false;
  class FakeSynthesis extends EventTarget {
    getVoices() {
      return ready ? voices : [];
    }
    speak(u: { text: string; lang: string; voice?: { name: string } }) {
      spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name });
    }
    cancel() {}
  }
  const synth = new FakeSynthesis();
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {
    value: class {
      lang = '';
      voice: unknown = null;
      rate = 1;
      onend: unknown = null;
      onerror: unknown = null;
      constructor(readonly text: string) {}
    },
    configurable: true,
  });
  Object.defineProperty(window, '__spoken', { value: spoken });
  // Voices arrive later, as in Chrome: the button must wait for voiceschanged.
  setTimeout(() => {
    ready = true;
    synth.dispatchEvent(new Event('voiceschanged'));
  }, 300);
}

test('“Ascolta” reads the question in Italian with a local voice, and is not there without an Italian voice', async ({ browser }) => {
  const page = await citizenPage(browser, 'default');
  await page.goto(`${server.url}/servizi/PA-ANZ-01`);
  await page.getByRole('link', { name: 'Chiedi questo servizio' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A quale numero possiamo chiamarti?' })).toBeFocused();
  await page.waitForTimeout(500);
  // The real Chromium here: the button shows exactly when the browser has an Italian voice.
  const realItalian = await page.evaluate(() => speechSynthesis.getVoices().some((v) => /^it(?:[-_]|$)/i.test(v.lang)));
  await expect(page.getByTestId('listen')).toHaveCount(realItalian ? 1 : 0);
  await page.context().close();

  for (const italian of [true, false]) {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const voices = [
      { name: 'Daniel', lang: 'en-GB', localService: true, default: true },
      ...(italian
        ? [
            { name: 'Google italiano', lang: 'it-IT', localService: false, default: false },
            { name: 'Alice', lang: 'it-IT', localService: true, default: false },
          ]
        : []),
    ];
    await context.addInitScript(fakeSpeech, voices);
    const p = await context.newPage();
    const citizen = new CitizenPages(p, server.url);
    await citizen.signIn();
    await p.goto(`${server.url}/servizi/PA-ANZ-01`);
    await p.getByRole('link', { name: 'Chiedi questo servizio' }).click();
    await expect(p.getByRole('heading', { level: 1, name: 'A quale numero possiamo chiamarti?' })).toBeFocused();
    const question = ((await p.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    expect(question.length).toBeGreaterThan(5);
    if (!italian) {
      await p.waitForTimeout(800);
      await expect(p.getByTestId('listen')).toHaveCount(0);
    } else {
      const listen = p.getByRole('button', { name: 'Ascolta' });
      await expect(listen).toBeVisible();
      await checkScreen(p, 'a step with “Ascolta”');
      await listen.click();
      const spoken = await p.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken);
      expect(spoken).toEqual([{ text: expect.stringContaining(question), lang: 'it-IT', voice: 'Alice' }]);
      // Pressing it again stops the reading.
      await p.getByRole('button', { name: 'Ferma la lettura' }).click();
      await expect(p.getByRole('button', { name: 'Ascolta' })).toBeVisible();
    }
    await context.close();
  }
});

/** A member of staff acting through the API, as their own device would push. */
async function staffPush(username: string, mutations: { name: string; args: Record<string, unknown> }[]): Promise<{ status: string; code?: string }[]> {
  const api = await signedInRequest(server.url, username);
  const officers = (await (await api.get('/trpc/queue.officers')).json()) as { result: { data: { id: string }[] } };
  const officerId = officers.result.data[0]?.id;
  const envelopes = mutations.map((m, i) => ({
    id: randomUUID(),
    seq: i + 1,
    name: m.name,
    args: m.name === 'dossier.assign@1' ? { ...m.args, officerId } : m.args,
    at: new Date().toISOString(),
  }));
  const res = await api.post('/trpc/sync.push', { data: { clientId: randomUUID(), mutations: envelopes } });
  const body = (await res.json()) as { result: { data: { outcomes: { status: string; code?: string }[] } } };
  await api.dispose();
  return body.result.data.outcomes;
}

test('the citizen sees, live, what the office is waiting for, in its words, and that the clock has stopped', async ({ browser }) => {
  const page = await citizenPage(browser, 'default');
  await page.goto(`${server.url}/servizi/PA-POV-04`);
  await page.getByRole('link', { name: 'Chiedi questo servizio' }).click();
  for (let i = 0; i < 10; i++) {
    const h1 = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    if (h1 === 'Controlla la richiesta prima di inviarla') break;
    await answerQuestion(page);
    await page.getByRole('button', { name: 'Continua' }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(h1);
  }
  await page.getByRole('button', { name: 'Invia la richiesta' }).click();
  await expect(page.getByTestId('submission-state')).toContainText('arrivata');
  const dossierId = /richieste\/([^/]+)\/inviata/.exec(page.url())![1]!;
  const reference = ((await page.getByTestId('reference').textContent()) ?? '').trim();
  await page.getByRole('link', { name: 'Torna all’elenco delle richieste' }).first().click();
  await page.getByRole('link', { name: `Vedi la richiesta ${reference}` }).click();
  // The list shows a deadline per request too: wait for the request's own page.
  await expect(page.getByRole('heading', { level: 1, name: `Richiesta ${reference}` })).toBeFocused();
  await expect(page.getByTestId('deadline')).toContainText('comincia quando l’ufficio registra la richiesta');

  // The head of the competent office protocols it, assigns it, starts the review and asks for a document.
  const reason = 'Manca l’attestazione ISEE 2026: portala allo sportello o caricala qui.';
  const steps = [
    { name: 'dossier.transition@1', args: { dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' } },
    { name: 'dossier.assign@1', args: { dossierId, from: 'PROTOCOLLATA' } },
    { name: 'dossier.transition@1', args: { dossierId, from: 'ASSEGNATA', to: 'ISTRUTTORIA' } },
    { name: 'dossier.transition@1', args: { dossierId, from: 'ISTRUTTORIA', to: 'INTEGRAZIONE_RICHIESTA', reason } },
  ];
  let outcomes: { status: string; code?: string }[] = [];
  for (let n = 1; n <= 8; n++) {
    outcomes = await staffPush(`responsabile.c${n}`, steps);
    if (outcomes[0]?.code !== 'not_found') break;
  }
  expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'applied']);

  // The open page follows: the office's words, and the clock stopped.
  const waiting = page.getByTestId('waiting-for');
  await expect(waiting).toContainText('Cosa aspetta l’ufficio', { timeout: 30_000 });
  await expect(waiting).toContainText(reason);
  await expect(page.getByTestId('deadline')).toContainText('Il tempo è fermo');
  await expect(page.getByTestId('timeline')).toContainText('L’ufficio ha chiesto altri documenti o informazioni');
  await expect(page.getByTestId('timeline')).toContainText('L’ufficio ha registrato la richiesta al protocollo');
  await checkScreen(page, 'request waiting for a document');

  // "Le mie richieste" says it too.
  await page.getByRole('link', { name: 'Indietro' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Le mie richieste' })).toBeVisible();
  const item = page.getByTestId('my-requests').getByRole('listitem').filter({ hasText: reference });
  await expect(item.getByTestId('waiting-for')).toContainText(reason);
  await checkScreen(page, 'Le mie richieste with a request waiting for a document');
  await page.context().close();
});
