import crypto from 'node:crypto';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentSecurityPolicy } from './security-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.xml']);

interface StaticFile {
  body: Buffer;
  gzip: Buffer | null;
  brotli: Buffer | null;
  type: string;
  etag: string;
  cacheControl: string;
  csp: string | null;
}

/** The SPA shell (adapter-static's fallback page), for every app path with no prerendered page. */
export const SPA_SHELL = '/200.html';

/**
 * Serves the built web app. Files are read once at start-up (the build is a few
 * hundred KB); HTML gets a CSP that allows exactly its own inline scripts.
 * A path with a prerendered page (`/servizi` → servizi.html, `/` → index.html) gets
 * that page; any other extension-less path gets the SPA shell, which renders it in the
 * browser.
 */
export function createStaticHandler(webDir: string) {
  const files = new Map<string, StaticFile>();
  if (fs.existsSync(webDir)) loadDir(webDir, webDir, files);
  const fallback = files.get(SPA_SHELL) ?? null;

  return {
    available: fallback !== null,
    /**
     * A form on a prerendered page submitted before the app started (the app sends its
     * forms itself, as JSON) is POSTed there so nothing typed goes into the URL: the
     * browser is sent back to the page, by then able to answer. The body is discarded.
     */
    redirectEarlyForm(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
      if (req.method !== 'POST' || path.extname(pathname) !== '' || !fallback) return false;
      req.resume();
      res.writeHead(303, { Location: pathname, 'Cache-Control': 'no-store', 'Content-Length': 0 });
      res.end();
      return true;
    },
    handle(req: IncomingMessage, res: ServerResponse, pathname: string): void {
      const file = resolve(files, pathname) ?? (path.extname(pathname) === '' ? fallback : null);
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(fallback ? 'Non trovato' : 'Web app not built: run pnpm build');
        return;
      }
      if (file.csp) res.setHeader('Content-Security-Policy', file.csp);
      res.setHeader('Content-Type', file.type);
      res.setHeader('Cache-Control', file.cacheControl);
      res.setHeader('ETag', file.etag);
      res.setHeader('Vary', 'Accept-Encoding');
      if (req.headers['if-none-match'] === file.etag) {
        res.writeHead(304).end();
        return;
      }
      const accept = String(req.headers['accept-encoding'] ?? '');
      let body = file.body;
      if (file.brotli && /\bbr\b/.test(accept)) {
        res.setHeader('Content-Encoding', 'br');
        body = file.brotli;
      } else if (file.gzip && /\bgzip\b/.test(accept)) {
        res.setHeader('Content-Encoding', 'gzip');
        body = file.gzip;
      }
      res.setHeader('Content-Length', body.length);
      res.writeHead(200);
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}

function resolve(files: Map<string, StaticFile>, pathname: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const clean = path.posix.normalize(decoded);
  if (clean.includes('\0') || clean.includes('..')) return null;
  const candidates = clean.endsWith('/') ? [`${clean}index.html`] : [clean, `${clean}.html`, `${clean}/index.html`];
  for (const c of candidates) {
    const f = files.get(c);
    if (f) return f;
  }
  return null;
}

function loadDir(root: string, dir: string, files: Map<string, StaticFile>): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      loadDir(root, full, files);
      continue;
    }
    const ext = path.extname(entry.name);
    if (ext === '.gz' || ext === '.br') continue;
    const rel = '/' + path.relative(root, full).split(path.sep).join('/');
    const body = fs.readFileSync(full);
    const html = ext === '.html';
    // Compressed here, once, from the very file served: a stale precompressed copy
    // (of sw.js, say) can never be sent in its place.
    const compress = COMPRESSIBLE.has(ext) && body.length > 512;
    files.set(rel, {
      body,
      gzip: compress ? zlib.gzipSync(body, { level: 9 }) : null,
      brotli: compress ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 10 } }) : null,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${crypto.createHash('sha1').update(body).digest('base64url')}"`,
      cacheControl: rel.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      csp: html ? contentSecurityPolicy(inlineScriptHashes(body.toString('utf8'))) : null,
    });
  }
}

function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(
      crypto
        .createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64'),
    );
  }
  return hashes;
}
