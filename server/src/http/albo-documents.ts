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
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasPermission } from '@icaro/domain';
import type { AppServices } from '../app-services.ts';
import { AttachmentRefused } from '../services/attachments.service.ts';
import { AlboError } from '../services/albo.service.ts';
import { readSessionToken } from './cookies.ts';
import { appendChunk, json, refuse, sendFile } from './attachments.ts';

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
      return await appendChunk(app, req, res, uploader, sha256);
    }
    if (document && (req.method === 'GET' || req.method === 'HEAD')) {
      const user = app.auth.authenticate(readSessionToken(req, app.env));
      if (!user) return json(res, 401, { error: 'not_authenticated' });
      if (!hasPermission(user.role, 'albo.review')) return json(res, 403, { error: 'forbidden' });
      const file = app.albo.documentFile(document[1]!, document[2]!, (uploader, sha) => app.attachments.open(uploader, sha));
      if (!file) return json(res, 404, { error: 'not_found' });
      return sendFile(req, res, file, document[2]!);
    }
    req.resume();
    return json(res, 404, { error: 'not_found' });
  } catch (error) {
    if (error instanceof AttachmentRefused) return refuse(res, error);
    if (error instanceof AlboError) return json(res, 401, { error: error.code });
    throw error;
  }
}
