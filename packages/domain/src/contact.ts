/**
 * A person's contact data (phone, e-mail) and the rule for two writers meeting on one of
 * those fields (issue 4 §9). The device sends the value it saw (`base`) with the new one;
 * the server applies the write only if nobody changed the field in between, and otherwise
 * keeps both values in a conflict record for staff to resolve. Both sides use this module,
 * so the device shows the same normalised value the server stores.
 */
export const CONTACT_FIELDS = ['phone', 'email'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export const CONTACT_MAX_LENGTH: Record<ContactField, number> = { phone: 30, email: 254 };

export type ContactError = 'phone_format' | 'email_format' | 'too_long';
export type ContactResult = { ok: true; value: string | null } | { ok: false; error: ContactError };

const PHONE = /^\+?[0-9]{6,15}$/;
// Deliberately plain: one @, something on each side, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks and normalises a typed value. Empty text means "no value" (null): a person may
 * ask to have their phone or e-mail removed. Phones lose spaces, dots, dashes and
 * brackets; "0039" becomes "+39". E-mail addresses are trimmed and lower-cased.
 */
export function normalizeContact(field: ContactField, raw: string | null): ContactResult {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, value: null };
  if (text.length > CONTACT_MAX_LENGTH[field]) return { ok: false, error: 'too_long' };
  if (field === 'phone') {
    let phone = text.replace(/[\s.\-()/]/g, '');
    if (phone.startsWith('00')) phone = `+${phone.slice(2)}`;
    return PHONE.test(phone) ? { ok: true, value: phone } : { ok: false, error: 'phone_format' };
  }
  const email = text.toLowerCase();
  return EMAIL.test(email) ? { ok: true, value: email } : { ok: false, error: 'email_format' };
}

/**
 * What the server does with a write of `value` by a device that saw `base`, when the
 * server holds `current`:
 * - `noop`: the field already holds the value (a retry, or two writers agreeing);
 * - `apply`: nobody changed the field since the device read it;
 * - `conflict`: someone else changed it meanwhile; keep both, overwrite nothing.
 */
export type FieldWriteDecision = 'noop' | 'apply' | 'conflict';

export function decideFieldWrite(base: string | null, current: string | null, value: string | null): FieldWriteDecision {
  if (value === current) return 'noop';
  if (base === current) return 'apply';
  return 'conflict';
}

/** How staff resolve a conflict: keep the server's value, take the device's, or type the right one. */
export const CONFLICT_CHOICES = ['server', 'device', 'other'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];
