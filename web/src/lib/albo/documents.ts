/**
 * Sends an albo application's documents (issue 6 §2). The applicant has no session: the
 * follow-up code travels in `X-Albo-Code`. The server stores them like every upload
 * (resumable by offset, keyed by SHA-256, checked before keeping); this page-level sender
 * resumes from the offset the server holds and reports what did not arrive.
 */
import type { PreparedAttachment } from '$lib/device';

const CHUNK_BYTES = 512 * 1024;

interface UploadStatus {
  received: number;
  complete: boolean;
  maxChunkBytes: number;
}

export type UploadOutcome = 'sent' | 'failed';

async function call(url: string, code: string, init: RequestInit = {}): Promise<UploadStatus> {
  const res = await fetch(url, { ...init, headers: { 'x-albo-code': code, ...(init.headers ?? {}) }, credentials: 'same-origin' });
  const body = (await res.json()) as UploadStatus & { error?: string; received?: number };
  if (res.status === 409 && typeof body.received === 'number')
    return { received: body.received, complete: false, maxChunkBytes: CHUNK_BYTES };
  if (!res.ok) throw new Error(body.error ?? String(res.status));
  return body;
}

export async function uploadAlboDocument(code: string, doc: PreparedAttachment): Promise<UploadOutcome> {
  const url = `/api/albo/upload/${doc.sha256}`;
  try {
    let status = await call(url, code);
    const chunk = Math.min(CHUNK_BYTES, status.maxChunkBytes);
    for (let guard = 0; !status.complete && guard < 1000; guard++) {
      const part = doc.blob.slice(status.received, status.received + chunk);
      status = await call(url, code, {
        method: 'PUT',
        headers: {
          'content-type': 'application/octet-stream',
          'upload-offset': String(status.received),
          'upload-length': String(doc.size),
        },
        body: part,
      });
    }
    return status.complete ? 'sent' : 'failed';
  } catch {
    return 'failed';
  }
}

/** What the application records of each document (the bytes go separately). */
export function documentRefs(
  docs: readonly PreparedAttachment[],
): { sha256: string; name: string; mime: 'application/pdf' | 'image/jpeg' | 'image/png'; size: number }[] {
  return docs.map((d) => ({ sha256: d.sha256, name: d.name, mime: d.mime, size: d.size }));
}
