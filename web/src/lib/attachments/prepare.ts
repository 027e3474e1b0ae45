/**
 * Turns a file the user picked (or a photo just taken) into a checked attachment, before
 * anything is stored: the type from its first bytes, photos scaled and re-encoded as
 * JPEG on the device, the size cap, and the SHA-256 the upload is keyed by.
 */
import {
  ATTACHMENT_MAX_BYTES,
  MAGIC_BYTES_NEEDED,
  PHOTO_JPEG_QUALITY,
  PHOTO_MAX_SIDE_PX,
  checkAttachment,
  cleanAttachmentName,
  detectAttachmentType,
  toHex,
} from '@icaro/domain';
import type { PreparedAttachment } from '$lib/device';

/** Why a file cannot be attached, in the words the screens use (i18n attachments.errors). */
export type PrepareError = 'empty' | 'too_big' | 'wrong_type' | 'unreadable';

export type PrepareResult = { ok: true; value: PreparedAttachment } | { ok: false; error: PrepareError };

export interface PrepareOptions {
  /**
   * Re-encode images as JPEG, longest side PHOTO_MAX_SIDE_PX, without EXIF (default
   * true). Only for images the app drew itself (an on-screen signature) is false right.
   */
  compress?: boolean;
}

/** Photos straight from a camera can be far over the cap before compression. */
const RAW_PHOTO_MAX_BYTES = 40 * 1024 * 1024;

export async function prepareAttachment(file: Blob, name: string, options: PrepareOptions = {}): Promise<PrepareResult> {
  if (file.size === 0) return { ok: false, error: 'empty' };
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, MAGIC_BYTES_NEEDED).arrayBuffer());
  } catch {
    return { ok: false, error: 'unreadable' };
  }
  // The type from the first bytes; the size is checked after compression.
  const firstMime = detectAttachmentType(head);
  if (!firstMime) return { ok: false, error: 'wrong_type' };
  let blob = file;
  let fileName = cleanAttachmentName(name);
  if (firstMime !== 'application/pdf' && options.compress !== false) {
    if (file.size > RAW_PHOTO_MAX_BYTES) return { ok: false, error: 'too_big' };
    // Always re-encoded: that also drops EXIF (the place and time a photo was taken,
    // the phone's make), which must not travel with a citizen's document (QUALITY §2).
    const compressed = await compressPhoto(file).catch(() => null);
    if (!compressed) return { ok: false, error: 'unreadable' };
    blob = compressed;
    fileName = fileName.replace(/\.(png|jpe?g|heic)$/i, '') + '.jpg';
  }
  if (blob.size > ATTACHMENT_MAX_BYTES) return { ok: false, error: 'too_big' };
  let bytes: ArrayBuffer;
  try {
    bytes = await blob.arrayBuffer();
  } catch {
    return { ok: false, error: 'unreadable' };
  }
  const check = checkAttachment(bytes.byteLength, new Uint8Array(bytes, 0, Math.min(MAGIC_BYTES_NEEDED, bytes.byteLength)));
  if (!check.ok) return { ok: false, error: check.error };
  const sha256 = toHex(await crypto.subtle.digest('SHA-256', bytes));
  // A Blob of the exact bytes hashed, typed by what they are (not by what the picker said).
  return {
    ok: true,
    value: { sha256, name: fileName, mime: check.mime, size: bytes.byteLength, blob: new Blob([bytes], { type: check.mime }) },
  };
}

/** Scales a photo to PHOTO_MAX_SIDE_PX on its longest side and encodes it as JPEG. */
export async function compressPhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, PHOTO_MAX_SIDE_PX / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      // JPEG has no transparency: a white page, not a black one, under a PNG's clear pixels.
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(bitmap, 0, 0, width, height);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_JPEG_QUALITY });
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', PHOTO_JPEG_QUALITY),
    );
  } finally {
    bitmap.close();
  }
}
