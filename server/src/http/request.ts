import type { IncomingMessage } from 'node:http';
import type { Env } from '../env.ts';

export function clientIp(req: IncomingMessage, env: Pick<Env, 'TRUST_PROXY'>): string {
  if (env.TRUST_PROXY) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export type CsrfVerdict = { ok: true } | { ok: false; status: 403 | 415; reason: string };

/**
 * tRPC checks neither Origin nor fetch metadata, so every state-changing request is
 * checked here: JSON only (a cross-site form cannot send it without a preflight),
 * an allowed Origin when the browser sends one, and same-origin fetch metadata.
 * Clients that send neither header (curl, the benchmark) are not browsers, so they
 * cannot carry a victim's cookie across sites.
 */
export function checkMutationRequest(req: IncomingMessage, env: Pick<Env, 'allowedOrigins'>): CsrfVerdict {
  return checkStateChange(req, env, 'application/json');
}

/**
 * The same checks for an attachment chunk (PUT /api/attachments/...): the body is raw
 * bytes, so the one content type accepted is application/octet-stream. A cross-site
 * form can send neither PUT nor that type, and a cross-site fetch needs a preflight the
 * server never grants (no CORS headers).
 */
export function checkUploadRequest(req: IncomingMessage, env: Pick<Env, 'allowedOrigins'>): CsrfVerdict {
  return checkStateChange(req, env, 'application/octet-stream');
}

function checkStateChange(req: IncomingMessage, env: Pick<Env, 'allowedOrigins'>, contentType: string): CsrfVerdict {
  const origin = req.headers.origin;
  if (origin !== undefined && !env.allowedOrigins.includes(origin)) return { ok: false, status: 403, reason: 'origin' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return { ok: false, status: 403, reason: 'fetch_site' };
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== contentType) return { ok: false, status: 415, reason: 'content_type' };
  return { ok: true };
}
