/**
 * Assisted mode (QUALITY.md §1.12): the record of a citizen's consent to be represented
 * by the operator who files for them. Each method carries its own evidence:
 * - `signature`: the citizen's signature drawn on the screen, kept as a PNG data URL;
 * - `scanned_delega`: a photo or PDF of the signed delega, kept as an attachment and
 *   referenced by its SHA-256 (it travels separately from the record);
 * - `verbal_witness`: consent given aloud, with the name of a witness present.
 * The device checks the evidence before sending and the server checks it again.
 */
import type { ConsentMethod } from './catalogue-types.ts';

/** The version of the consent text the operator reads to the citizen. */
export const CONSENT_TEXT_VERSION = 'CONSENSO-2026-1';

/** A drawn signature is a small PNG: a cap far above any real one (about 75 KB of image). */
export const SIGNATURE_MAX_CHARS = 100_000;
export const SIGNATURE_PREFIX = 'data:image/png;base64,';
export const WITNESS_NAME_MAX = 200;
/** The document kind of a scanned delega among a dossier's attachments (shown to the office). */
export const DELEGA_DOCUMENT_KIND = 'Delega firmata dalla persona';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface ConsentEvidence {
  method: ConsentMethod;
  witnessName?: string | undefined;
  signature?: string | undefined;
  delegaSha256?: string | undefined;
}

/** What is missing or wrong in a consent record; null when it is complete. */
export type ConsentProblem = 'witness' | 'signature' | 'delega' | 'extra';

/** Whether a string is a PNG data URL: the right prefix, valid base64 and the PNG magic bytes. */
export function isPngDataUrl(value: string): boolean {
  if (!value.startsWith(SIGNATURE_PREFIX) || value.length > SIGNATURE_MAX_CHARS) return false;
  const body = value.slice(SIGNATURE_PREFIX.length);
  if (body.length < 12 || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return false;
  const head = decodeBase64Head(body.slice(0, 12));
  return PNG_MAGIC.every((byte, i) => head[i] === byte);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes of a short base64 prefix (whole 4-character groups), with no platform API. */
function decodeBase64Head(chars: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i + 4 <= chars.length; i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, k) => (acc << 6) | Math.max(0, BASE64.indexOf(chars[i + k]!)), 0);
    bytes.push((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  }
  return bytes;
}

/**
 * Checks that a consent carries the evidence its method needs, and only that evidence
 * (a signature sent with a verbal consent would be stored as if it meant something).
 */
export function consentProblem(consent: ConsentEvidence): ConsentProblem | null {
  const witness = consent.witnessName?.trim() ?? '';
  const { signature, delegaSha256 } = consent;
  switch (consent.method) {
    case 'verbal_witness':
      if (witness === '' || witness.length > WITNESS_NAME_MAX) return 'witness';
      return signature || delegaSha256 ? 'extra' : null;
    case 'signature':
      if (!signature || !isPngDataUrl(signature)) return 'signature';
      return witness || delegaSha256 ? 'extra' : null;
    case 'scanned_delega':
      if (!delegaSha256 || !SHA256_HEX.test(delegaSha256)) return 'delega';
      return witness || signature ? 'extra' : null;
  }
}
