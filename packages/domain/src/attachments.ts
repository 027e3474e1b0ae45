/**
 * Attachments (issue 3 §3): the documents a citizen sends with a request or with the
 * answer to an integration request. Shared by the device (which checks a file before
 * storing it) and the server (which checks it again before keeping it).
 *
 * - Only PDF, JPEG and PNG are accepted, recognised by their first bytes ("magic
 *   bytes"), never by the file name or the declared type: a PNG renamed ".pdf" is a PNG,
 *   and a program renamed ".jpg" is refused.
 * - One size cap, ATTACHMENT_MAX_BYTES (10 MiB): a phone photo compressed on the device
 *   is well under 1 MiB, and a scanned multi-page PDF of a few pages fits easily.
 * - A file is named by the SHA-256 of its bytes (64 lowercase hex digits), so the same
 *   file sent twice is stored once and an upload can resume from where it stopped.
 */

/** The largest attachment accepted, in bytes (10 MiB). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Photos are scaled on the device so that their longest side is at most this. */
export const PHOTO_MAX_SIDE_PX = 1600;
/** JPEG quality used when a photo is compressed on the device. */
export const PHOTO_JPEG_QUALITY = 0.8;

/** How many attachments one request or one answer may carry. */
export const ATTACHMENTS_MAX_PER_RECORD = 20;
/** The longest file name kept (longer names are shortened on the device). */
export const ATTACHMENT_NAME_MAX = 200;

export const ATTACHMENT_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

/** Why a file or an upload is refused; the device turns each into an Italian message. */
export const ATTACHMENT_ERRORS = [
  'empty',
  'too_big',
  'wrong_type',
  'hash_mismatch',
  'bad_hash',
  'bad_offset',
  'chunk_too_big',
  'not_found',
  'not_authenticated',
  'forbidden',
  /** A photo still carrying EXIF (place, time, device): the device strips it by re-encoding. */
  'metadata',
  /** The user's uploads would exceed their quota (see the server's ATTACHMENT_QUOTA_MB). */
  'over_quota',
] as const;
export type AttachmentError = (typeof ATTACHMENT_ERRORS)[number];

const SIGNATURES: readonly { mime: AttachmentMime; bytes: readonly number[] }[] = [
  // "%PDF-"
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // SOI marker followed by the start of the next marker.
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  // The PNG signature: \x89 P N G \r \n \x1a \n
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** How many leading bytes `detectAttachmentType` needs to see. */
export const MAGIC_BYTES_NEEDED = 8;

/** The type of a file from its first bytes, or null when it is not PDF, JPEG or PNG. */
export function detectAttachmentType(head: Uint8Array): AttachmentMime | null {
  for (const signature of SIGNATURES) {
    if (head.length >= signature.bytes.length && signature.bytes.every((b, i) => head[i] === b)) return signature.mime;
  }
  return null;
}

export type AttachmentCheck = { ok: true; mime: AttachmentMime } | { ok: false; error: 'empty' | 'too_big' | 'wrong_type' };

/**
 * Checks a whole file (size and type) given its size and its first bytes. The same rule
 * runs on the device before storing and on the server before keeping.
 */
export function checkAttachment(size: number, head: Uint8Array): AttachmentCheck {
  if (size <= 0) return { ok: false, error: 'empty' };
  if (size > ATTACHMENT_MAX_BYTES) return { ok: false, error: 'too_big' };
  const mime = detectAttachmentType(head);
  if (!mime) return { ok: false, error: 'wrong_type' };
  return { ok: true, mime };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A SHA-256 as ICARO names attachments: 64 lowercase hex digits. */
export function isAttachmentSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Lowercase hex of a digest (crypto.subtle on the device, node:crypto on the server). */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const b of view) out += b.toString(16).padStart(2, '0');
  return out;
}

/** The extension a stored file is offered with when downloaded. */
export function attachmentExtension(mime: AttachmentMime): string {
  return mime === 'application/pdf' ? 'pdf' : mime === 'image/png' ? 'png' : 'jpg';
}

/**
 * A file name safe to keep and to show: no path, no control characters, at most
 * ATTACHMENT_NAME_MAX characters, never empty.
 */
export function cleanAttachmentName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (!cleaned) return 'documento';
  if (cleaned.length <= ATTACHMENT_NAME_MAX) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, ATTACHMENT_NAME_MAX - ext.length) + ext;
}

/**
 * Whether an image still carries EXIF metadata: a JPEG APP1 "Exif" segment before the
 * image data, or a PNG eXIf chunk. Photos are re-encoded on the device, which drops it;
 * the server refuses any that still has it, so no stored document says where and when
 * it was taken (QUALITY.md, uploads).
 */
export function containsExif(bytes: Uint8Array): boolean {
  const mime = detectAttachmentType(bytes.subarray(0, MAGIC_BYTES_NEEDED));
  if (mime === 'image/jpeg') {
    let i = 2;
    while (i + 4 <= bytes.length && bytes[i] === 0xff) {
      const marker = bytes[i + 1]!;
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      if (marker === 0xff) {
        i += 1; // fill byte
        continue;
      }
      if (marker === 0xda) return false; // start of scan: no more metadata segments
      const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
      if (marker === 0xe1 && length >= 8 && ascii(bytes, i + 4, 6) === 'Exif\0\0') return true;
      i += 2 + length;
    }
    return false;
  }
  if (mime === 'image/png') {
    let i = 8;
    while (i + 8 <= bytes.length) {
      const length = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
      const type = ascii(bytes, i + 4, 4);
      if (type === 'eXIf') return true;
      if (type === 'IEND') return false;
      i += 12 + length;
    }
    return false;
  }
  return false;
}

function ascii(bytes: Uint8Array, from: number, length: number): string {
  let out = '';
  for (let i = from; i < from + length && i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}
