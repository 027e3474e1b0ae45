/**
 * The upload queue: sends the device's queued attachments to /api/attachments, apart
 * from record sync, in the leader tab only (started beside the sync engine).
 *
 * - Resumable: before sending, it asks the server how many bytes it holds, and sends
 *   from there, one chunk at a time (a 409 says where to resume).
 * - Idempotent: files are keyed by SHA-256; a file the server already holds from this
 *   user completes at once.
 * - Network errors and 5xx retry with capped, jittered backoff; it also runs when the
 *   network comes back and when kicked (a new file was queued).
 * - A refusal (wrong type, too big, hash mismatch) is kept on the row with its code.
 */
import { ATTACHMENT_ERRORS, type AttachmentError } from '@icaro/domain';
import { backoffDelay } from '@icaro/sync';
import type { AttachmentStore, StoredAttachment } from '$lib/device';

/** The chunk size the device sends, if the server allows that much. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

interface ServerStatus {
  received: number;
  complete: boolean;
  maxChunkBytes: number;
}

type Attempt = { kind: 'done' } | { kind: 'refused'; error: AttachmentError } | { kind: 'retry' };

export class AttachmentUploader {
  #running = false;
  #again = false;
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  readonly #onOnline = () => this.kick();

  constructor(
    private readonly store: AttachmentStore,
    private readonly fetchFn: typeof fetch = (...a) => fetch(...a),
  ) {}

  start(): void {
    window.addEventListener('online', this.#onOnline);
    this.kick();
  }

  stop(): void {
    this.#stopped = true;
    window.removeEventListener('online', this.#onOnline);
    if (this.#timer) clearTimeout(this.#timer);
  }

  /** Runs the queue now (or right after the current run). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#running) {
      this.#again = true;
      return;
    }
    void this.#run();
  }

  async #run(): Promise<void> {
    this.#running = true;
    let retry = false;
    try {
      do {
        this.#again = false;
        for (const file of await this.store.queued()) {
          if (this.#stopped) return;
          const outcome = await this.#upload(file).catch((): Attempt => ({ kind: 'retry' }));
          if (outcome.kind === 'done') await this.store.markUploaded(file.sha256);
          else if (outcome.kind === 'refused') await this.store.markRefused(file.sha256, outcome.error);
          else retry = true;
          if (retry) break;
        }
      } while (this.#again && !retry);
    } finally {
      this.#running = false;
    }
    if (retry) {
      this.#failures += 1;
      this.#timer = setTimeout(() => this.kick(), backoffDelay(this.#failures, { baseMs: 2_000, capMs: 120_000 }));
    } else {
      this.#failures = 0;
    }
  }

  async #upload(file: StoredAttachment): Promise<Attempt> {
    const url = `/api/attachments/${file.sha256}/upload`;
    const res = await this.fetchFn(url, { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) return refusalOf(res);
    const status = (await res.json()) as ServerStatus;
    if (status.complete) return { kind: 'done' };
    if (!file.blob) return { kind: 'refused', error: 'not_found' };
    const chunkSize = Math.max(1, Math.min(UPLOAD_CHUNK_BYTES, status.maxChunkBytes));
    let offset = status.received;
    await this.store.setReceived(file.sha256, offset);
    for (let guard = 0; guard < 10_000; guard++) {
      if (this.#stopped) return { kind: 'retry' };
      const chunk = file.blob.slice(offset, offset + chunkSize);
      const put = await this.fetchFn(url, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/octet-stream', 'Upload-Offset': String(offset), 'Upload-Length': String(file.size) },
        body: chunk,
      });
      const body = (await put.json().catch(() => null)) as (ServerStatus & { error?: string; received?: number }) | null;
      if (put.status === 409 && typeof body?.received === 'number') {
        offset = body.received; // resume where the server is
        continue;
      }
      if (!put.ok || !body) return refusalOf(put, body?.error);
      if (body.complete) return { kind: 'done' };
      offset = body.received;
      await this.store.setReceived(file.sha256, offset);
    }
    return { kind: 'retry' };
  }
}

function refusalOf(res: Response, code?: string): Attempt {
  // Signed out, server trouble, a proxy's page: try again later.
  if (res.status === 401 || res.status >= 500 || res.status === 408 || res.status === 429) return { kind: 'retry' };
  const error = ATTACHMENT_ERRORS.find((e) => e === code);
  return error ? { kind: 'refused', error } : { kind: 'retry' };
}
