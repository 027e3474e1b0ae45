import http from 'node:http';
import zlib from 'node:zlib';
import compression from 'compression';
import { sql } from 'drizzle-orm';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { AppServices } from '../app-services.ts';
import { appRouter } from '../trpc/router.ts';
import { createContextFactory } from '../trpc/context.ts';
import { checkMutationRequest } from './request.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { createStaticHandler } from './static.ts';
import { serveEvents } from './events.ts';
import { readSessionToken } from './cookies.ts';
import { serveOpenData } from './opendata.ts';
import { handleAttachments, isAttachmentRoute } from './attachments.ts';
import { handleAlboDocuments, isAlboDocumentRoute } from './albo-documents.ts';

const startedAt = Date.now();

type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/**
 * API replies are compressed when the client accepts it: a pull page of 5,000 dossiers is
 * about 6 MB of JSON and a tenth of that compressed, which on a phone's mobile line is
 * the difference between a minute and a few seconds. The fastest levels: most of the
 * gain for little CPU (docs/benchmarks.md, "Pull"). BREACH needs a cross-site request
 * that carries the session; the cookie is SameSite=Lax, so there is none.
 * (The middleware is typed for Express; it only uses Node's request and response.)
 */
const compressApi = compression({
  level: 1,
  threshold: 2048,
  brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
}) as unknown as Middleware;

/** One process, one origin: the API, the event stream and the built web app. */
export function createHttpServer(app: AppServices): http.Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: createContextFactory(app),
    maxBodySize: app.env.MAX_BODY_BYTES,
    onError({ error, path }) {
      // Identifiers only: never inputs, which hold personal data.
      if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error('trpc error', { path, error: String(error.cause ?? error) });
    },
  });
  const web = createStaticHandler(app.env.WEB_DIR);
  if (!web.available) app.log.info('web app not built; serving the API only', { webDir: app.env.WEB_DIR });

  return http.createServer((req, res) => {
    try {
      setSecurityHeaders(res);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const { pathname } = url;
      if (pathname === '/healthz') return health(app, res);
      if (pathname.startsWith('/trpc/')) {
        if (req.method === 'POST') {
          const verdict = checkMutationRequest(req, app.env);
          if (!verdict.ok)
            return json(res, verdict.status, { error: verdict.reason === 'content_type' ? 'unsupported_media_type' : 'forbidden_origin' });
        } else if (req.method !== 'GET') {
          return json(res, 405, { error: 'method_not_allowed' });
        }
        res.setHeader('Cache-Control', 'no-store');
        return compressApi(req, res, () => void trpc(req, res));
      }
      if (pathname === '/events') {
        const user = app.auth.authenticate(readSessionToken(req, app.env));
        if (!user) return json(res, 401, { error: 'not_authenticated' });
        return serveEvents(req, res, user, app.pokes);
      }
      if (isAlboDocumentRoute(pathname)) {
        return void handleAlboDocuments(app, req, res, pathname).catch((error: unknown) => {
          app.log.error('albo document request failed', { error: String(error) });
          if (!res.headersSent) json(res, 500, { error: 'internal_error' });
          else res.destroy();
        });
      }
      if (isAttachmentRoute(pathname)) {
        return void handleAttachments(app, req, res, pathname).catch((error: unknown) => {
          app.log.error('attachment request failed', { error: String(error) });
          if (!res.headersSent) json(res, 500, { error: 'internal_error' });
          else res.destroy();
        });
      }
      if (web.redirectEarlyForm(req, res, pathname)) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method_not_allowed' });
      // Open data (issue 5 §7): public CSV and DCAT-AP_IT metadata, before the web app's fallback.
      if (pathname.startsWith('/opendata/') && serveOpenData(app, pathname, res)) return;
      // The demo inbox does not exist outside demo mode, not even as an app page.
      if (pathname.startsWith('/demo/') && !app.env.demoInbox) return json(res, 404, { error: 'not_found' });
      web.handle(req, res, pathname);
    } catch (error) {
      app.log.error('request failed', { error: String(error) });
      if (!res.headersSent) json(res, 500, { error: 'internal_error' });
      else res.destroy();
    }
  });
}

function health(app: AppServices, res: http.ServerResponse): void {
  try {
    const row = app.db.get<{ ok: number }>(sql`select 1 as ok`);
    json(res, 200, {
      status: 'ok',
      database: row.ok === 1 ? 'reachable' : 'unexpected',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  } catch {
    json(res, 503, { status: 'error', database: 'unreachable' });
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
