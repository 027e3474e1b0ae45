/**
 * Time-based one-time passwords (RFC 6238, with HOTP of RFC 4226): HMAC-SHA-1, 6 digits,
 * 30-second steps, the parameters every authenticator app uses by default. Staff sign in
 * with one after their password (QUALITY.md §2; docs/security.md, "Second factor").
 */
import crypto from 'node:crypto';
import { ONE_TIME_CODE_DIGITS, oneTimeCodeDigits } from '@icaro/domain';

export const TOTP_DIGITS = ONE_TIME_CODE_DIGITS;
export const TOTP_STEP_SECONDS = 30;
/** Steps accepted either side of now: a phone's clock a little off still works. */
const DRIFT_STEPS = 1;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new secret: 160 random bits, as RFC 4226 recommends, in base32. */
export function newTotpSecret(): string {
  return base32Encode(crypto.randomBytes(20));
}

export function hotp(secret: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** TOTP_DIGITS;
  return String(code).padStart(TOTP_DIGITS, '0');
}

export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_STEP_SECONDS);
}

/** The code an authenticator shows at a given time. */
export function totpCode(secretBase32: string, atMs: number): string {
  return hotp(base32Decode(secretBase32), totpStep(atMs));
}

/**
 * The step a code belongs to (now, or one step either side), or null. The caller refuses
 * a step not later than the last one used, so a code cannot be replayed.
 */
export function matchTotp(secretBase32: string, code: string, atMs: number): number | null {
  if (oneTimeCodeDigits(code) !== code) return null;
  const secret = base32Decode(secretBase32);
  const now = totpStep(atMs);
  const expected = Buffer.from(code);
  for (let step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
    if (crypto.timingSafeEqual(Buffer.from(hotp(secret, step)), expected)) return step;
  }
  return null;
}

/** The otpauth:// address an authenticator app reads (as a QR code or a link on the phone). */
export function otpauthUri(secretBase32: string, account: string, issuer = 'ICARO Palermo'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({ secret: secretBase32, issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}
