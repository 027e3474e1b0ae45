/**
 * Attachments and the answer to an integration request (issue 3 §3 and §4), in real
 * Chromium against the real server:
 * - a citizen fills half a request, reloads with the network gone, finishes it offline
 *   with a photo of a document (compressed on the device), and after reconnecting the
 *   server holds the file under its SHA-256, checked;
 * - a citizen answers an integration request offline with a message and a PDF; after
 *   reconnecting the answer and the document reach the office, which can open it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { IcaroServer } from '../fixtures/server.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll } from '../fixtures/a11y.ts';
import { readStore, sealedSizes } from '../fixtures/idb.ts';
import { CitizenPages } from '../pages/citizen.ts';
import { logIn, waitForServiceWorker } from '../pages/login.ts';
import { sessionCookie } from '../fixtures/api.ts';

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const DOCUMENT_PAGE = /^Documento \d+ di \d+$/;

/** The device's attachment rows (without the bytes), read from IndexedDB. */
async function deviceAttachments(
  page: Page,
): Promise<{ sha256: string; nameInClear: boolean; mime: string; size: number; state: string; hasBlob: boolean }[]> {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).find((d) => d.name?.startsWith('icaro-u-'))?.name;
    if (!name) return [];
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('attachments')) return resolve([]);
        const req = db.transaction('attachments').objectStore('attachments').getAll();
        req.onsuccess = () => {
          db.close();
          resolve(
            // The name and the bytes are sealed (docs/security.md, "Device data"): the
            // bytes are there while `data` holds a ciphertext.
            (
              req.result as { sha256: string; name?: string; mime: string; size: number; state: string; data: { ct: ArrayBuffer } | null }[]
            ).map((r) => ({
              sha256: r.sha256,
              nameInClear: 'name' in r,
              mime: r.mime,
              size: r.size,
              state: r.state,
              hasBlob: r.data?.ct instanceof ArrayBuffer && r.data.ct.byteLength > 0,
            })),
          );
        };
        req.onerror = () => reject(req.error);
      };
    });
  });
}

/** A large phone-like photo (PNG, 2400×1800, with texture), drawn by the browser itself. */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(2400, 1800);
    const ctx = canvas.getContext('2d')!;
    const gradient = ctx.createLinearGradient(0, 0, 2400, 1800);
    gradient.addColorStop(0, '#f5f0e1');
    gradient.addColorStop(1, '#c9b99a');
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, 2400, 1800);
    ctx.fillStyle = '#222';
    ctx.font = '64px serif';
    for (let y = 120; y < 1800; y += 90) ctx.fillText('ATTESTAZIONE ISEE 2026 – Dichiarazione sostitutiva unica', 120, y);
    // Sensor noise, as in a real photo: it makes the PNG large, as a camera's file is.
    const image = ctx.getImageData(0, 0, 2400, 1800);
    for (let i = 0; i < image.data.length; i += 4) {
      const n = (Math.random() - 0.5) * 40;
      image.data[i] = image.data[i]! + n;
      image.data[i + 1] = image.data[i + 1]! + n;
      image.data[i + 2] = image.data[i + 2]! + n;
    }
    ctx.putImageData(image, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
  return Buffer.from(base64, 'base64');
}

/** Answers the question on screen with a plausible value; false on a page of documents. */
async function answer(page: Page): Promise<boolean> {
  if ((await page.getByText(DOCUMENT_PAGE).count()) > 0) return false;
  const main = page.getByRole('main');
  const radios = main.getByRole('radio');
  if ((await radios.count()) > 0) {
    if ((await main.locator('input[type=radio]:checked').count()) === 0) await radios.first().check();
    return true;
  }
  const box = main.locator('input:not([type=search]):not([type=file]), textarea').first();
  if ((await box.count()) > 0 && (await box.inputValue()) === '') {
    const mode = (await box.getAttribute('inputmode')) ?? '';
    const type = (await box.getAttribute('type')) ?? 'text';
    await box.fill(type === 'tel' ? '3331234567' : mode === 'numeric' ? '2' : mode === 'decimal' ? '150' : 'Bolletta della luce');
  }
  return true;
}

async function next(page: Page): Promise<void> {
  const h1 = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
  await page.getByRole('button', { name: 'Continua' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(h1);
}

test('a citizen finishes a request offline with a photo of a document; the server holds it, hash checked', async ({ browser }) => {
  test.setTimeout(240_000);
  const server = await IcaroServer.start();
  try {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const citizen = new CitizenPages(page, server.url);
    await citizen.signIn();
    await waitForServiceWorker(page);

    // "Contributo economico straordinario" asks for two documents: the ISEE and the receipts.
    await page.goto(`${server.url}/servizi/PA-POV-01`);
    await page.getByRole('link', { name: 'Chiedi questo servizio' }).click();
    // Half the flow online...
    for (let i = 0; i < 2; i++) {
      await answer(page);
      await next(page);
    }
    const resumeAt = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    // ...then the network goes away, and the page is reloaded: the draft is on the device.
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: resumeAt })).toBeVisible();

    // The rest offline, up to the first document.
    for (let i = 0; i < 12 && (await answer(page)); i++) await next(page);
    await expect(page.getByText('Documento 1 di 2')).toBeVisible();
    const documentTitle = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    await expectNoAxeViolations(page, 'document page');
    await expectNoHorizontalScroll(page, 'document page');

    // Something that is not a document, whatever its name says: refused before it is stored.
    await page
      .getByLabel('Scegli un file')
      .setInputFiles({ name: 'isee.pdf', mimeType: 'application/pdf', buffer: Buffer.from('GIF89a not a pdf at all') });
    await expect(page.getByRole('alert')).toContainText('non è un PDF, una foto JPEG o un’immagine PNG');
    await expect(page).toHaveTitle(/^Errore: /);
    await expect(page.locator('.field-error')).toContainText('non è un PDF');
    expect(await deviceAttachments(page)).toEqual([]);

    // A photo from the camera: compressed on the device before it is stored.
    const photo = await cameraPhoto(page);
    expect(photo.length).toBeGreaterThan(3 * 1024 * 1024);
    await page.getByLabel('Fai una foto').setInputFiles({ name: 'IMG_20261126.png', mimeType: 'image/png', buffer: photo });
    await expect(page.getByRole('img', { name: /^Anteprima di IMG_20261126\.jpg$/ })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    const [stored] = await deviceAttachments(page);
    expect(stored).toMatchObject({ nameInClear: false, mime: 'image/jpeg', state: 'local', hasBlob: true });
    expect(stored!.size).toBeLessThan(photo.length / 2);
    await expectNoAxeViolations(page, 'document page with a photo');
    await expectNoHorizontalScroll(page, 'document page with a photo');
    await next(page);
    // The second document is not at hand: the request can go without it.
    await expect(page.getByText('Documento 2 di 2')).toBeVisible();
    await next(page);

    await expect(page.getByRole('heading', { level: 1, name: 'Controlla la richiesta prima di inviarla' })).toBeVisible();
    await expect(page.getByRole('term').filter({ hasText: `Documento: ${documentTitle}` })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: /^IMG_20261126\.jpg$/ })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: /^Non allegato$/ })).toBeVisible();
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Richiesta registrata' })).toBeVisible();
    await expect.poll(async () => (await deviceAttachments(page))[0]?.state).toBe('queued');
    // Reload while still offline: the file and the request are still waiting, nothing lost.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Richiesta registrata' })).toBeVisible();
    expect((await deviceAttachments(page))[0]).toMatchObject({ state: 'queued', hasBlob: true });

    // The network returns: the record syncs and the file uploads by itself.
    await context.setOffline(false);
    await expect.poll(async () => (await deviceAttachments(page))[0]?.state, { timeout: 60_000 }).toBe('uploaded');
    expect((await deviceAttachments(page))[0]!.hasBlob).toBe(false);

    // On the server: stored under its hash, the bytes hash to it, a JPEG by its magic bytes.
    const file = path.join(server.dataDir, 'attachments', stored!.sha256.slice(0, 2), stored!.sha256);
    const bytes = fs.readFileSync(file);
    expect(sha256(bytes)).toBe(stored!.sha256);
    expect(bytes.length).toBe(stored!.size);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const status = await page.request.get(`${server.url}/api/attachments/${stored!.sha256}/upload`);
    expect(await status.json()).toMatchObject({ complete: true, received: stored!.size });
    await context.close();
  } finally {
    await server.dispose();
  }
});

/** A tiny client of the real API, as another device would be. */
class Api {
  cookie = '';
  constructor(private readonly base: string) {}
  static async as(base: string, username: string): Promise<Api> {
    const api = new Api(base);
    api.cookie = await sessionCookie(base, username);
    return api;
  }
  async call<T = unknown>(procedure: string, input: unknown, query = false): Promise<T> {
    const res = query
      ? await fetch(`${this.base}/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, {
          headers: { cookie: this.cookie },
        })
      : await fetch(`${this.base}/trpc/${procedure}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: this.cookie },
          body: JSON.stringify(input),
        });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const body = (await res.json()) as { result?: { data: T }; error?: unknown };
    if (!res.ok) throw new Error(`${procedure}: ${res.status} ${JSON.stringify(body.error)}`);
    return body.result!.data;
  }
  async push(name: string, args: unknown): Promise<void> {
    const out = await this.call<{ outcomes: { status: string; code?: string }[] }>('sync.push', {
      clientId: crypto.randomUUID(),
      mutations: [{ id: crypto.randomUUID(), seq: 1, name, args, at: new Date().toISOString() }],
    });
    expect(out.outcomes[0], name).toMatchObject({ status: 'applied' });
  }
}

test('a citizen answers an integration request offline with a document; it reaches the office after reconnecting', async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await IcaroServer.start();
  try {
    // The demo citizen's request, carried by the office of circoscrizione I to a request for documents.
    const dossierId = crypto.randomUUID();
    const reference = `PA-E2E-${dossierId.slice(0, 6).toUpperCase()}`;
    const own = await Api.as(server.url, 'cittadino.demo');
    await own.push('dossier.submit@1', {
      dossierId,
      reference,
      serviceCode: 'PA-POV-01',
      serviceVersion: 1,
      applicant: { codiceFiscale: 'CSMRSL48L55G273P', givenName: 'Rosalia', familyName: 'Cusumano', circoscrizione: 1 },
      answers: { reason: 'bollette', amountCents: 15000, householdSize: 2, otherSupport: false },
    });
    await (await Api.as(server.url, 'sportello.c1')).push('dossier.transition@1', { dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' });
    const istruttore = await Api.as(server.url, 'istruttore.c1');
    const officerId = (await istruttore.call<{ id: string }>('auth.me', undefined, true)).id;
    await (await Api.as(server.url, 'responsabile.c1')).push('dossier.assign@1', { dossierId, from: 'PROTOCOLLATA', officerId });
    await istruttore.push('dossier.transition@1', { dossierId, from: 'ASSEGNATA', to: 'ISTRUTTORIA' });
    await istruttore.push('dossier.transition@1', {
      dossierId,
      from: 'ISTRUTTORIA',
      to: 'INTEGRAZIONE_RICHIESTA',
      reason: 'Manca l’attestazione ISEE in corso di validità',
    });

    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await logIn(page, server.url, 'cittadino.demo');
    await waitForServiceWorker(page);
    await page.goto(`${server.url}/richieste/${dossierId}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Rispondi alla richiesta dell’ufficio' })).toBeVisible({ timeout: 30_000 });
    await expectNoAxeViolations(page, 'integration answer');
    await expectNoHorizontalScroll(page, 'integration answer');

    // Offline: an empty answer is refused on the device, then a message and a PDF.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await expect(page.getByRole('alert')).toContainText('Scrivi un messaggio oppure allega almeno un documento');
    const pdf = Buffer.from(`%PDF-1.4\n% ISEE 2026 di prova\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`);
    await page.getByLabel('Il tuo messaggio').fill('Ecco l’attestazione ISEE che mancava.');
    await page.getByLabel('Scegli un file').setInputFiles({ name: 'ISEE 2026.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(page.getByRole('button', { name: 'Togli ISEE 2026.pdf' })).toBeVisible();
    // Still offline, the page is reloaded before sending: the answer being written is kept.
    // The answer being written is sealed on the device: wait until its record holds more
    // than the message alone (a file entry adds its hash, name, type and size).
    const messageOnly = JSON.stringify({ dossierId: '0'.repeat(36), message: 'Ecco l’attestazione ISEE che mancava.', files: [], updatedAt: '2026-01-01T00:00:00.000Z' });
    await expect.poll(async () => (await sealedSizes(page, 'answerDrafts'))[0] ?? 0).toBeGreaterThan(new TextEncoder().encode(messageOnly).length + 16 + 100);
    expect(JSON.stringify(await readStore(page, 'answerDrafts'))).not.toContain('ISEE 2026.pdf');
    await page.reload();
    await expect(page.getByLabel('Il tuo messaggio')).toHaveValue('Ecco l’attestazione ISEE che mancava.');
    await expect(page.getByRole('button', { name: 'Togli ISEE 2026.pdf' })).toBeVisible();
    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await expect(page.getByText('Risposta salvata')).toBeVisible();
    await expect(page.getByText('ISEE 2026.pdf: in attesa di invio')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Rispondi alla richiesta dell’ufficio' })).toHaveCount(0);
    expect(await readStore(page, 'answerDrafts')).toEqual([]);
    await expectNoAxeViolations(page, 'integration answer sent offline');

    // Back online: the answer and then the file reach the server by themselves.
    await context.setOffline(false);
    const office = await Api.as(server.url, 'istruttore.c1');
    await expect
      .poll(
        async () =>
          (await office.call<{ documents: { received: boolean }[] }>('attachments.forDossier', { dossierId }, true)).documents[0]?.received,
        {
          timeout: 60_000,
        },
      )
      .toBe(true);
    const seen = await office.call<{ documents: { sha256: string; name: string }[]; answers: { message: string }[] }>(
      'attachments.forDossier',
      { dossierId },
      true,
    );
    expect(seen.answers).toEqual([expect.objectContaining({ message: 'Ecco l’attestazione ISEE che mancava.' })]);
    expect(seen.documents[0]).toMatchObject({ sha256: sha256(pdf), name: 'ISEE 2026.pdf' });

    // The office opens it from the dossier page; the dossier is back in ISTRUTTORIA.
    const staffContext = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const staff = await staffContext.newPage();
    await logIn(staff, server.url, 'istruttore.c1');
    await staff.goto(`${server.url}/ufficio/${dossierId}`);
    const link = staff.getByRole('link', { name: /ISEE 2026\.pdf/ });
    await expect(link).toBeVisible({ timeout: 30_000 });
    await expect(staff.getByText('Ecco l’attestazione ISEE che mancava.')).toBeVisible();
    await expectNoAxeViolations(staff, 'office documents');
    const download = await Promise.all([staff.waitForEvent('download'), link.click()]).then(([d]) => d);
    const saved = fs.readFileSync((await download.path())!);
    expect(sha256(saved)).toBe(sha256(pdf));
    await staffContext.close();
    await context.close();
  } finally {
    await server.dispose();
  }
});
