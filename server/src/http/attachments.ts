/**
 * The attachment upload and download routes, apart from record sync (issue 3 §3):
 *
 *   GET  /api/attachments/<sha256>/upload  -> { received, complete, maxChunkBytes }
 *   PUT  /api/attachments/<sha256>/upload  body: the bytes from Upload-Offset on,
 *        headers Upload-Offset and Upload-Length (the whole file's size), Content-Type
 *        application/octet-stream -> { received, complete, maxChunkBytes }
 *   GET  /api/attachments/<sha256>          -> the file, as a download
 *
 * Refusals are JSON { error: <code>, message: <Italian> } with a 4xx status; a 409
 * bad_offset also carries { received }, the offset to resume from.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachmentExtension, type AttachmentError, type AttachmentMime } from '@icaro/domain';
import type { AppServices } from '../app-services.ts';
import { AttachmentRefused } from '../services/attachments.service.ts';
import { readSessionToken } from './cookies.ts';
import { checkUploadRequest } from './request.ts';

const ROUTE = /^\/api\/attachments\/([^/]+)(\/upload)?$/;

/** For API clients; the device words its own messages from the code. */
const MESSAGES: Record<AttachmentError, string> = {
  empty: 'Il file è vuoto.',
  too_big: 'Il file è troppo grande: il massimo è 10 MB.',
  wrong_type: 'Il file non è un PDF, una foto JPEG o un’immagine PNG.',
  hash_mismatch: 'Il file è arrivato diverso da come è partito: va inviato di nuovo.',
  bad_hash: 'Il nome del file non è valido.',
  bad_offset: 'L’invio riprende da dove si era fermato.',
  chunk_too_big: 'Il pezzo di file inviato è troppo grande.',
  not_found: 'Documento non trovato.',
  not_authenticated: 'Serve accedere per inviare o aprire documenti.',
  forbidden: 'Richiesta non permessa.',
  metadata: 'La foto contiene ancora i dati di dove e quando è stata scattata: va preparata di nuovo dall’app.',
  over_quota: 'Hai raggiunto lo spazio massimo per i documenti.',
};

export function isAttachmentRoute(pathname: string): boolean {
  return pathname.startsWith('/api/attachments/');
}

export async function handleAttachments(app: AppServices, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  const match = ROUTE.exec(pathname);
  if (!match) return refuse(res, new AttachmentRefused('not_found', 404));
  const sha256 = match[1]!;
  const upload = match[2] !== undefined;
  const user = app.auth.authenticate(readSessionToken(req, app.env));
  if (!user) return refuse(res, new AttachmentRefused('not_authenticated', 401));
  try {
    if (upload && req.method === 'GET') return json(res, 200, app.attachments.status(user, sha256));
    if (upload && req.method === 'PUT') return await appendChunk(app, req, res, user, sha256);
    if (!upload && (req.method === 'GET' || req.method === 'HEAD')) return download(app, req, res, user, sha256);
    req.resume();
    return json(res, 405, { error: 'method_not_allowed' });
  } catch (error) {
    if (error instanceof AttachmentRefused) return refuse(res, error);
    throw error;
  }
}

function download(
  app: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  user: Parameters<AppServices['attachments']['open']>[0],
  sha256: string,
) {
  const file = app.attachments.open(user, sha256);
  if (!file) return refuse(res, new AttachmentRefused('not_found', 404));
  sendFile(req, res, { ...file, name: file.name ?? undefined }, sha256);
}

/**
 * One chunk of a resumable upload, keyed by the file's SHA-256 (shared by the albo's
 * application documents). Refusals are thrown as AttachmentRefused for the caller's catch.
 */
export async function appendChunk(
  app: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  uploader: Parameters<AppServices['attachments']['append']>[0],
  sha256: string,
): Promise<void> {
  const verdict = checkUploadRequest(req, app.env);
  if (!verdict.ok) {
    req.resume();
    return json(res, verdict.status, { error: verdict.status === 415 ? 'unsupported_media_type' : 'forbidden_origin' });
  }
  const offset = headerInt(req, 'upload-offset');
  const total = headerInt(req, 'upload-length');
  if (offset === null || total === null) {
    req.resume();
    throw new AttachmentRefused('bad_offset', 400);
  }
  const chunk = await readBody(req, app.attachments.maxChunkBytes);
  if (chunk === null) throw new AttachmentRefused('chunk_too_big', 413);
  return json(res, 200, await app.attachments.append(uploader, sha256, offset, total, chunk));
}

/** A stored file, always as a download, never rendered in the app's origin. */
export function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: { path: string; size: number; mime: AttachmentMime; name?: string | undefined },
  sha256: string,
): void {
  const fallback = `documento-${sha256.slice(0, 8)}.${attachmentExtension(file.mime)}`;
  res.writeHead(200, {
    'Content-Type': file.mime,
    'Content-Length': String(file.size),
    'Content-Disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.name ?? fallback)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  if (req.method === 'HEAD') return void res.end();
  const stream = fs.createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function headerInt(req: IncomingMessage, name: string): number | null {
  const raw = req.headers[name];
  if (typeof raw !== 'string' || !/^\d{1,12}$/.test(raw)) return null;
  return Number(raw);
}

/** The whole body, or null when it is longer than `max` (the rest is not read). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > max) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    let over = false;
    req.on('data', (b: Buffer) => {
      if (over) return;
      length += b.length;
      if (length > max) {
        over = true;
        parts.length = 0;
        return;
      }
      parts.push(b);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(parts, length)));
    req.on('error', reject);
  });
}

export function refuse(res: ServerResponse, error: AttachmentRefused): void {
  json(res, error.status, {
    error: error.code,
    message: MESSAGES[error.code],
    ...(error.received !== undefined ? { received: error.received } : {}),
  });
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
