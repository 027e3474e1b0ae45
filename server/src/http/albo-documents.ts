/**
 * The documents of an albo application (issue 6 §2), stored like every other upload
 * (issue 3 §3: by SHA-256, resumable, hash, magic bytes and size checked before keeping)
 * through the attachment service. The applicant has no session: the follow-up code of
 * the application, in the `X-Albo-Code` header, is the key; the upload is recorded under
 * the application's own account, which cannot sign in until approval.
 *
 *   GET  /api/albo/upload/<sha256>              -> { received, complete, maxChunkBytes }
 *   PUT  /api/albo/upload/<sha256>              body: bytes from Upload-Offset; Upload-Length
 *   GET  /api/albo/document/<applicationId>/<sha256> -> the file, for the albo's reviewers
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachmentExtension, hasPermission } from '@icaro/domain';
import type { AppServices } from '../app-services.ts';
import { AttachmentRefused } from '../services/attachments.service.ts';
import { AlboError } from '../services/albo.service.ts';
import { readSessionToken } from './cookies.ts';
import { checkUploadRequest } from './request.ts';

const UPLOAD = /^\/api\/albo\/upload\/([0-9a-f]{64})$/;
const DOCUMENT = /^\/api\/albo\/document\/([0-9a-f-]{36})\/([0-9a-f]{64})$/;

export function isAlboDocumentRoute(pathname: string): boolean {
  return pathname.startsWith('/api/albo/');
}

export async function handleAlboDocuments(app: AppServices, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  const upload = UPLOAD.exec(pathname);
  const document = DOCUMENT.exec(pathname);
  try {
    if (upload) {
      const code = req.headers['x-albo-code'];
      const uploader = typeof code === 'string' ? app.albo.uploaderFor(code) : undefined;
      if (!uploader) {
        req.resume();
        return json(res, 401, { error: 'invalid_code' });
      }
      const sha256 = upload[1]!;
      if (req.method === 'GET') return json(res, 200, app.attachments.status(uploader, sha256));
      if (req.method !== 'PUT') {
        req.resume();
        return json(res, 405, { error: 'method_not_allowed' });
      }
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
    if (document && (req.method === 'GET' || req.method === 'HEAD')) {
      const user = app.auth.authenticate(readSessionToken(req, app.env));
      if (!user) return json(res, 401, { error: 'not_authenticated' });
      if (!hasPermission(user.role, 'albo.review')) return json(res, 403, { error: 'forbidden' });
      const file = app.albo.documentFile(document[1]!, document[2]!, (uploader, sha) => app.attachments.open(uploader, sha));
      if (!file) return json(res, 404, { error: 'not_found' });
      const fallback = `documento-${document[2]!.slice(0, 8)}.${attachmentExtension(file.mime)}`;
      res.writeHead(200, {
        'Content-Type': file.mime,
        'Content-Length': String(file.size),
        // Always a download, never rendered in the app's origin.
        'Content-Disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
      if (req.method === 'HEAD') return void res.end();
      const stream = fs.createReadStream(file.path);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
      return;
    }
    req.resume();
    return json(res, 404, { error: 'not_found' });
  } catch (error) {
    if (error instanceof AttachmentRefused) {
      return json(res, error.status, { error: error.code, ...(error.received !== undefined ? { received: error.received } : {}) });
    }
    if (error instanceof AlboError) return json(res, 401, { error: error.code });
    throw error;
  }
}

function headerInt(req: IncomingMessage, name: string): number | null {
  const raw = req.headers[name];
  if (typeof raw !== 'string' || !/^\d{1,12}$/.test(raw)) return null;
  return Number(raw);
}

/** The whole body, or null when it is longer than `max` (the rest is not read). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? NaN) > max) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    req.on('data', (b: Buffer) => {
      length += b.length;
      if (length <= max) parts.push(b);
    });
    req.on('end', () => resolve(length > max ? null : Buffer.concat(parts, length)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
