import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** argon2id at OWASP's minimum: m = 19 MiB, t = 2, p = 1. */
const ARGON2ID = 2 as Algorithm;
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Passwords of 8 to 128 characters, no composition rules, common ones refused
 * (ASVS 6.2). The list is the head of the usual breach corpora plus local favourites.
 */
const COMMON = new Set(
  [
    '12345678',
    '123456789',
    '1234567890',
    'password',
    'password1',
    'password123',
    'qwertyuiop',
    'qwerty123',
    '11111111',
    '00000000',
    '87654321',
    'iloveyou',
    'abcd1234',
    'abc12345',
    'admin123',
    'administrator',
    'welcome1',
    'passw0rd',
    'sunshine',
    'princess',
    'football',
    'baseball',
    'trustno1',
    'superman',
    'dragon123',
    'letmein1',
    'changeme',
    'palermo1',
    'palermo123',
    'juventus',
    'napoli123',
    'forzainter',
    'forzamilan',
    'forzapalermo',
    'rosanero',
    'santarosalia',
    'ciaociao',
    'amoremio',
    'tiamomolto',
    'password!',
    'qwertyui',
    'asdfghjk',
    'zxcvbnm1',
    '1q2w3e4r',
    '1qaz2wsx',
    'q1w2e3r4',
    'aaaaaaaa',
    'comune123',
    'icaro123',
    'icaro2026',
  ].map((p) => p.toLowerCase()),
);

export type PasswordProblem = 'too_short' | 'too_long' | 'common';

export function checkPasswordPolicy(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < 8) return 'too_short';
  if (length > 128) return 'too_long';
  if (COMMON.has(password.toLowerCase())) return 'common';
  return null;
}
