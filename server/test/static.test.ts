import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let webDir: string;
beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'icaro-web-'));
  fs.mkdirSync(path.join(webDir, '_app/immutable'), { recursive: true });
  fs.writeFileSync(
    path.join(webDir, '200.html'),
    '<!doctype html><html lang="it"><script>window.boot = 1;</script><body>ICARO</body></html>',
  );
  // Prerendered pages, as adapter-static writes them: / → index.html, /servizi → servizi.html.
  fs.mkdirSync(path.join(webDir, 'servizi'), { recursive: true });
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><html lang="it"><script>window.start = 1;</script><body><h1>Accedi</h1></body></html>',
  );
  fs.writeFileSync(
    path.join(webDir, 'servizi.html'),
    '<!doctype html><html lang="it"><script>window.start = 2;</script><body><h1>Quali servizi</h1></body></html>',
  );
  fs.writeFileSync(
    path.join(webDir, 'servizi/PA-ANZ-01.html'),
    '<!doctype html><html lang="it"><body><h1>Assistenza domiciliare</h1></body></html>',
  );
  fs.writeFileSync(path.join(webDir, 'sw.js'), `self.addEventListener('fetch', () => {}); // ${'x'.repeat(2000)}`);
  fs.writeFileSync(path.join(webDir, '_app/immutable/app.js'), `export const a = ${JSON.stringify('y'.repeat(5000))};`);
  server = await startTestServer({ WEB_DIR: webDir, MAX_BODY_BYTES: '4096' });
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('the web app', () => {
  it('sends app routes to the SPA shell, with a CSP that allows only its own inline script', async () => {
    const res = await fetch(`${server.url}/richieste/nuova`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('ICARO');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe-inline'[^;]*script|script-src[^;]*unsafe-inline/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends a prerendered page for its path, with a CSP for its own inline script and no caching without a check', async () => {
    const shellCsp = (await fetch(`${server.url}/richieste/nuova`)).headers.get('content-security-policy');
    for (const [pathname, text] of [
      ['/', 'Accedi'],
      ['/servizi', 'Quali servizi'],
      ['/servizi/PA-ANZ-01', 'Assistenza domiciliare'],
    ] as const) {
      const res = await fetch(`${server.url}${pathname}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(text);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    // Each page's CSP allows its own inline script, not the shell's.
    const csp = (await fetch(`${server.url}/servizi`)).headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toBe(shellCsp);
    // A path with no prerendered page still gets the shell.
    expect(await (await fetch(`${server.url}/servizi/cerca`)).text()).toContain('window.boot');
    expect(await (await fetch(`${server.url}/servizi/PA-NONE-99`)).text()).toContain('window.boot');
  });

  it('sends a form posted before the app started back to its page, keeping nothing of it', async () => {
    const res = await fetch(`${server.url}/accedi`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=operatore.demo&password=segreta',
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/accedi');
    expect(await res.text()).toBe('');
    // Files and other methods are not pages.
    expect((await fetch(`${server.url}/sw.js`, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(`${server.url}/accedi`, { method: 'PUT', body: 'x' })).status).toBe(405);
  });

  it('answers 404 for missing files and for paths that try to leave the build', async () => {
    expect((await fetch(`${server.url}/_app/immutable/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${server.url}/%2e%2e/package.json`)).status).toBe(404);
  });

  it('never lets the service worker be cached, and caches hashed assets for good', async () => {
    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${server.url}/_app/immutable/app.js`);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('compresses text assets for clients that accept it', async () => {
    const res = await fetch(`${server.url}/_app/immutable/app.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    // fetch decodes it: the content is the file's.
    expect(await res.text()).toContain('yyyy');
  });
});

describe('request limits', () => {
  it('refuses a body over MAX_BODY_BYTES with 413, also when chunked', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(10_000), password: 'y' });
    const res = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });
});
