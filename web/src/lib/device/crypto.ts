/**
 * Encryption at rest for the user's device database (docs/security.md, "Device data").
 * WebCrypto only: AES-GCM-256 for records, PBKDF2-SHA-256 to turn a password into the
 * key that wraps the data key. No key ever leaves memory in clear: the data key is
 * unwrapped as a non-extractable CryptoKey.
 *
 * Every record is sealed as { iv, ct } with a fresh random 96-bit IV, and bound to the
 * table and primary key it belongs to (AES-GCM additional data), so a ciphertext copied
 * into another row or table does not open there.
 */

/** OWASP Password Storage Cheat Sheet (2023) for PBKDF2-HMAC-SHA-256. */
export const PBKDF2_ITERATIONS = 600_000;

export interface Sealed {
  iv: Uint8Array;
  ct: ArrayBuffer;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

function aad(context: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(context);
}

export function newSalt(): Uint8Array<ArrayBuffer> {
  return randomBytes(16);
}

/** The key-encryption key: derived from the password, used only to (un)wrap the data key. */
export async function deriveWrappingKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, [
    'wrapKey',
    'unwrapKey',
  ]);
}

/**
 * Makes a fresh data key and returns it wrapped under `wrappingKey`, with the
 * non-extractable copy to use now (the extractable one is dropped right away).
 */
export async function newWrappedDataKey(wrappingKey: CryptoKey, context: string): Promise<{ wrapped: Sealed; key: CryptoKey }> {
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const iv = randomBytes(12);
  const ct = await crypto.subtle.wrapKey('raw', fresh, wrappingKey, { name: 'AES-GCM', iv, additionalData: aad(context) });
  const wrapped = { iv, ct };
  return { wrapped, key: await unwrapDataKey(wrappingKey, wrapped, context) };
}

/** Throws (OperationError) when the wrapping key is wrong: that is how a wrong password shows. */
export function unwrapDataKey(wrappingKey: CryptoKey, wrapped: Sealed, context: string): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    wrapped.ct,
    wrappingKey,
    { name: 'AES-GCM', iv: toBuffer(wrapped.iv), additionalData: aad(context) },
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** A data key that never leaves this browser profile (citizens: see docs/security.md). */
export function newDeviceDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function sealBytes(key: CryptoKey, bytes: ArrayBuffer | Uint8Array<ArrayBuffer>, context: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(context) }, key, bytes);
  return { iv, ct };
}

export function openBytes(key: CryptoKey, sealed: Sealed, context: string): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: toBuffer(sealed.iv), additionalData: aad(context) }, key, sealed.ct);
}

export function seal(key: CryptoKey, value: unknown, context: string): Promise<Sealed> {
  return sealBytes(key, encoder.encode(JSON.stringify(value)), context);
}

export async function open<T>(key: CryptoKey, sealed: Sealed, context: string): Promise<T> {
  return JSON.parse(decoder.decode(await openBytes(key, sealed, context))) as T;
}

/** IndexedDB hands back a Uint8Array over its own buffer; WebCrypto wants an ArrayBuffer-backed view. */
function toBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
