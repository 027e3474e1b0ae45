/**
 * The 6-digit codes people type to sign in: the code sent to a citizen or professional,
 * and the code of a staff member's authenticator app (TOTP). One rule for the device's
 * check and the server's: spaces (a pasted "123 456") are not part of the code.
 */
export const ONE_TIME_CODE_DIGITS = 6;

/** The six digits of a typed or pasted code, or null when it is not six digits. */
export function oneTimeCodeDigits(raw: string): string | null {
  const digits = raw.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
