/**
 * The short reference a citizen quotes on the phone ("PA-1G60-EECF"), derived from the
 * dossier's UUIDv7 so the device can show it offline, before the server has seen it.
 *
 * It takes the last 40 bits of the UUID, which are random in UUIDv7 (and v4) whatever
 * method the generator uses for its monotonic counter, and writes them in Crockford
 * base32: no I, L, O or U, so nothing reads as another character aloud.
 *
 * 40 bits is a lookup aid, not an identity: with 100,000 dossiers the chance that two
 * share a reference is about 0.5%. The server must look references up knowing they may
 * repeat, and keep the UUID as the key.
 */

export const REFERENCE_PREFIX = 'PA';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BODY_LENGTH = 8;

function format(body: string): string {
  return `${REFERENCE_PREFIX}-${body.slice(0, 4)}-${body.slice(4)}`;
}

/** The reference of a dossier UUID. Throws a RangeError when the input is not a UUID. */
export function makeReference(uuid: string): string {
  if (!UUID.test(uuid)) throw new RangeError(`not a UUID: ${uuid}`);
  // 10 hex digits = 40 bits: exact in a double, and exactly 8 base32 characters.
  let bits = Number.parseInt(uuid.slice(-10), 16);
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) {
    body = CROCKFORD.charAt(bits % 32) + body;
    bits = Math.floor(bits / 32);
  }
  return format(body);
}

/**
 * A reference as typed or dictated by a person, in its canonical form, or null when it
 * cannot be one. Case, spaces, dashes and the PA prefix are optional; I and L are read
 * as 1 and O as 0, as Crockford base32 prescribes.
 */
export function normalizeReference(input: string): string | null {
  let s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length === BODY_LENGTH + REFERENCE_PREFIX.length && s.startsWith(REFERENCE_PREFIX)) {
    s = s.slice(REFERENCE_PREFIX.length);
  }
  if (s.length !== BODY_LENGTH) return null;
  s = s.replace(/[IL]/g, '1').replace(/O/g, '0');
  return [...s].every((c) => CROCKFORD.includes(c)) ? format(s) : null;
}
