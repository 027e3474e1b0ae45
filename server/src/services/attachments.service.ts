/**
 * The attachment store (issue 3 §3): files travel apart from records, keyed by the
 * SHA-256 of their bytes, uploaded in chunks that can resume after a reload or a lost
 * network, and kept only once the server has checked them:
 *
 * - a chunk is appended to a per-user staging file only at the offset the server holds
 *   (so a repeated or overlapping chunk is refused with the right offset, never stored
 *   twice);
 * - when the last byte arrives, the server hashes the whole file, compares the hash
 *   with the key, checks the magic bytes and the size cap (packages/domain
 *   attachments.ts), and only then moves it to DATA_DIR/attachments/<aa>/<sha256>;
 * - the same file sent again is a no-op; another user who sends the same bytes becomes
 *   one more uploader of the one stored copy.
 *
 * Reading: the uploader, or a user whose scope (scope.ts) includes a dossier that names
 * the file, linked by someone who uploaded it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  ATTACHMENT_MAX_BYTES,
  MAGIC_BYTES_NEEDED,
  OFFICE_ROLES,
  checkAttachment,
  containsExif,
  isAttachmentSha256,
  type AttachmentError,
  type AttachmentMime,
  type Role,
} from '@icaro/domain';
import type { Repositories } from '../repositories/index.ts';
import type { SessionUser } from './auth.service.ts';
import { canSeeDossier } from './scope.ts';
import { createAuditTrail } from './audit.service.ts';

/**
 * Readers whose download of a dossier's document is an access to someone else's data, and
 * so goes in the audit trail: the office and mediating professionals. The applicant and
 * whoever filed the dossier read what they themselves provided.
 */
function readsOthersDocuments(role: Role): boolean {
  return (OFFICE_ROLES as readonly Role[]).includes(role) || role === 'professional';
}

export class AttachmentRefused extends Error {
  constructor(
    readonly code: AttachmentError,
    readonly status: 400 | 401 | 404 | 409 | 413 | 415 | 422,
    /** For bad_offset: the offset the server holds, where the device must resume. */
    readonly received?: number,
  ) {
    super(code);
  }
}

export interface UploadStatus {
  /** Bytes the server holds for this user's upload of this file. */
  received: number;
  /** The file is stored and checked, and this user has sent it. */
  complete: boolean;
  /** The largest chunk the server accepts in one request. */
  maxChunkBytes: number;
}

export interface StoredFile {
  path: string;
  size: number;
  mime: AttachmentMime;
  /** The name the file was attached with, when the reader reaches it through a dossier. */
  name: string | null;
}

/** A partial upload untouched for this long is abandoned (a device that never came back). */
export const STAGING_MAX_AGE_MS = 7 * 24 * 3_600_000;

/** Removes abandoned partial uploads; run at start-up (the staging dir holds only partials). */
export function purgeStaging(dir: string, nowMs: number): number {
  let removed = 0;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (nowMs - fs.statSync(file).mtimeMs > STAGING_MAX_AGE_MS) {
        fs.rmSync(file, { force: true });
        removed++;
      }
    } catch {
      // Gone meanwhile: nothing to do.
    }
  }
  return removed;
}

export function createAttachmentService(deps: {
  repos: Repositories;
  dataDir: string;
  maxChunkBytes: number;
  /** Bytes of stored attachments one user may have (ATTACHMENT_QUOTA_MB). */
  quotaBytes?: number;
  now?: () => Date;
  /** Runs fn in one database transaction (the audit row of a download). */
  transaction: <T>(fn: () => T) => T;
}) {
  const { repos } = deps;
  const trail = createAuditTrail(repos.audit);
  const now = deps.now ?? (() => new Date());
  const root = path.join(deps.dataDir, 'attachments');
  const staging = path.join(root, '.staging');
  fs.mkdirSync(staging, { recursive: true });
  purgeStaging(staging, now().getTime());
  /** One chunk at a time per staging file (a second concurrent one would race on the offset). */
  const busy = new Set<string>();

  const finalPath = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  // The user id is hashed into the name: ids never reach the file system as given.
  const stagingPath = (sha256: string, user: SessionUser) =>
    path.join(staging, `${sha256}.${crypto.createHash('sha256').update(user.id).digest('hex').slice(0, 16)}.part`);

  function checkKey(sha256: string): void {
    if (!isAttachmentSha256(sha256)) throw new AttachmentRefused('bad_hash', 400);
  }

  function stagedSize(file: string): number {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  }

  async function finish(user: SessionUser, sha256: string, staged: string): Promise<void> {
    // At most ATTACHMENT_MAX_BYTES: read whole, hashed and checked in one pass.
    const bytes = await fs.promises.readFile(staged);
    const actual = crypto.createHash('sha256').update(bytes).digest('hex');
    const head = bytes.subarray(0, MAGIC_BYTES_NEEDED);
    const size = bytes.length;
    if (actual !== sha256) {
      fs.rmSync(staged, { force: true });
      throw new AttachmentRefused('hash_mismatch', 422);
    }
    const check = checkAttachment(size, head);
    if (!check.ok) {
      fs.rmSync(staged, { force: true });
      throw new AttachmentRefused(check.error, check.error === 'too_big' ? 413 : check.error === 'wrong_type' ? 415 : 400);
    }
    if (containsExif(bytes)) {
      fs.rmSync(staged, { force: true });
      throw new AttachmentRefused('metadata', 422);
    }
    const target = finalPath(sha256);
    if (fs.existsSync(target)) {
      // The same bytes are already stored (checked when they were): keep one copy.
      fs.rmSync(staged, { force: true });
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const fd = fs.openSync(staged, 'r');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(staged, target);
    }
    repos.attachments.recordUpload({ sha256, size, mime: check.mime, uploadedBy: user.id, createdAt: now().toISOString() });
  }

  return {
    maxChunkBytes: deps.maxChunkBytes,

    status(user: SessionUser, sha256: string): UploadStatus {
      checkKey(sha256);
      const stored = repos.attachments.find(sha256);
      if (stored && repos.attachments.hasUploaded(sha256, user.id)) {
        return { received: stored.size, complete: true, maxChunkBytes: deps.maxChunkBytes };
      }
      return { received: stagedSize(stagingPath(sha256, user)), complete: false, maxChunkBytes: deps.maxChunkBytes };
    },

    /**
     * Appends one chunk at `offset` of a file of `total` bytes; completes the upload
     * when the chunk is the last one. The chunk is whole in memory (at most
     * maxChunkBytes), so a broken request never leaves half a chunk behind.
     */
    async append(user: SessionUser, sha256: string, offset: number, total: number, chunk: Buffer): Promise<UploadStatus> {
      checkKey(sha256);
      if (!Number.isSafeInteger(total) || total <= 0) throw new AttachmentRefused('empty', 400);
      if (total > ATTACHMENT_MAX_BYTES) throw new AttachmentRefused('too_big', 413);
      if (chunk.length > deps.maxChunkBytes) throw new AttachmentRefused('chunk_too_big', 413);
      const current = this.status(user, sha256);
      if (current.complete) return current; // the same file again: nothing to do
      if (deps.quotaBytes !== undefined && repos.attachments.bytesUploadedBy(user.id) + total > deps.quotaBytes) {
        throw new AttachmentRefused('over_quota', 413);
      }
      const staged = stagingPath(sha256, user);
      if (busy.has(staged)) throw new AttachmentRefused('bad_offset', 409, current.received);
      busy.add(staged);
      try {
        const held = stagedSize(staged);
        if (!Number.isSafeInteger(offset) || offset !== held) throw new AttachmentRefused('bad_offset', 409, held);
        if (offset + chunk.length > total) throw new AttachmentRefused('bad_offset', 409, held);
        if (chunk.length === 0 && offset < total) throw new AttachmentRefused('bad_offset', 409, held);
        if (chunk.length > 0) {
          const fd = fs.openSync(staged, 'a');
          try {
            fs.writeSync(fd, chunk);
            fs.fsyncSync(fd);
          } finally {
            fs.closeSync(fd);
          }
        }
        const received = offset + chunk.length;
        if (received < total) return { received, complete: false, maxChunkBytes: deps.maxChunkBytes };
        await finish(user, sha256, staged);
        return { received, complete: true, maxChunkBytes: deps.maxChunkBytes };
      } finally {
        busy.delete(staged);
      }
    },

    /**
     * The stored file if this user may read it; undefined otherwise (existence is not
     * disclosed). A download by the office or a mediator writes its audit row first (a
     * document may be a medical certificate): no row, no file. The citizen sees it among
     * the reads of their dossier.
     */
    open(user: SessionUser, sha256: string): StoredFile | undefined {
      if (!isAttachmentSha256(sha256)) return undefined;
      const stored = repos.attachments.find(sha256);
      if (!stored) return undefined;
      const visible = repos.attachments.dossiersSharing(sha256).filter((d) => canSeeDossier(user, d));
      const own = repos.attachments.hasUploaded(sha256, user.id);
      if (visible.length === 0 && !own) return undefined;
      const dossier = visible[0];
      const name = dossier ? (repos.attachments.documentsFor(dossier.id).find((d) => d.sha256 === sha256)?.name ?? null) : null;
      if (dossier && !own && readsOthersDocuments(user.role)) {
        deps.transaction(() =>
          trail.append({
            at: now().toISOString(),
            actor: user,
            dossierId: dossier.id,
            section: 'document',
            action: 'read',
            purpose: 'istruttoria',
            // Which file, by the first characters of its hash: never its name (a name can say a lot).
            note: `documento ${sha256.slice(0, 12)}`,
          }),
        );
      }
      return { path: finalPath(sha256), size: stored.size, mime: stored.mime as AttachmentMime, name };
    },
  };
}
export type AttachmentService = ReturnType<typeof createAttachmentService>;
