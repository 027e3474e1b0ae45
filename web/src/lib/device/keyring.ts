/**
 * The data key of one user's device database (docs/security.md, "Device data").
 *
 * - Password users: a random AES-GCM-256 data key, made at the first sign-in on this
 *   device, kept wrapped under a key derived from the password (PBKDF2-SHA-256, a random
 *   per-user salt, 600,000 iterations). Unwrapping it is how the password is checked on
 *   the unlock screen, offline too. Wrong tries are counted in the database and slow
 *   down further tries, across reloads.
 * - Code users (citizens, professionals signing in with a one-time code): a non-extractable key kept as such in the
 *   database. It keeps the data out of plain sight in the stored files, not from someone
 *   who copies the whole browser profile.
 *
 * The unwrapped key is a non-extractable CryptoKey held in memory only.
 */
import { PBKDF2_ITERATIONS, deriveWrappingKey, newDeviceDataKey, newSalt, newWrappedDataKey, unwrapDataKey } from './crypto.ts';
import { openUserDatabase, type KeyringRow, type MetaRow, type UserDatabase } from './user-db.ts';

/** Free tries before the device makes the user wait. */
export const FREE_TRIES = 5;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;

export type UnlockResult =
  | { ok: true; key: CryptoKey }
  /** No data key on this device yet: the first unlock must be a sign-in checked by the server. */
  | { ok: false; reason: 'no_keyring' }
  | { ok: false; reason: 'wrong_password'; triesLeft: number; retryAt: number | null }
  | { ok: false; reason: 'throttled'; retryAt: number };

type FailureRow = Extract<MetaRow, { key: 'unlockFailures' }>;

function context(userId: string): string {
  return `keyring:${userId}`;
}

async function withDb<T>(userId: string, run: (db: UserDatabase) => Promise<T>): Promise<T> {
  const db = openUserDatabase(userId);
  try {
    return await run(db);
  } finally {
    db.close();
  }
}

async function readKeyring(db: UserDatabase): Promise<KeyringRow | undefined> {
  const row = await db.meta.get('keyring');
  return row?.key === 'keyring' ? row : undefined;
}

/** Whether this device holds a data key for the user (else the unlock screen cannot work offline). */
export function hasKeyring(userId: string): Promise<boolean> {
  return withDb(userId, async (db) => (await readKeyring(db)) !== undefined);
}

/**
 * At a sign-in the server has just accepted: unwraps the user's data key, or makes one
 * if this is their first sign-in on this device.
 */
export function openOrCreatePasswordKey(userId: string, password: string, now = Date.now()): Promise<UnlockResult> {
  return withDb(userId, async (db) => {
    if (!(await readKeyring(db))) {
      const salt = newSalt();
      const wrappingKey = await deriveWrappingKey(password, salt, PBKDF2_ITERATIONS);
      const { wrapped, key } = await newWrappedDataKey(wrappingKey, context(userId));
      const fresh: KeyringRow = { key: 'keyring', kind: 'password', salt, iterations: PBKDF2_ITERATIONS, wrapped, createdAt: new Date(now).toISOString() };
      // Two tabs signing in together: the first keyring written wins, the other unwraps it.
      const won = await db.transaction('rw', db.meta, async () => {
        if (await readKeyring(db)) return false;
        await db.meta.put(fresh);
        return true;
      });
      if (won) return { ok: true, key };
    }
    return unlockIn(db, userId, password, now);
  });
}

/** The unlock screen: checks the password against the wrapped data key, offline. */
export function unlockWithPassword(userId: string, password: string, now = Date.now()): Promise<UnlockResult> {
  return withDb(userId, (db) => unlockIn(db, userId, password, now));
}

async function unlockIn(db: UserDatabase, userId: string, password: string, now: number): Promise<UnlockResult> {
  const keyring = await readKeyring(db);
  if (!keyring) return { ok: false, reason: 'no_keyring' };
  // A device key (the user was a citizen here before): no password protects it anyway.
  if (keyring.kind === 'device') return { ok: true, key: keyring.dataKey };
  const failures = await readFailures(db);
  if (failures && failures.blockedUntil > now) return { ok: false, reason: 'throttled', retryAt: failures.blockedUntil };
  try {
    const wrappingKey = await deriveWrappingKey(password, keyring.salt, keyring.iterations);
    const key = await unwrapDataKey(wrappingKey, keyring.wrapped, context(userId));
    if (failures) await db.meta.delete('unlockFailures');
    return { ok: true, key };
  } catch {
    // AES-GCM refuses to unwrap under a key from another password.
    const count = (failures?.count ?? 0) + 1;
    const over = count - FREE_TRIES;
    const blockedUntil = over >= 0 ? now + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** over) : 0;
    await db.meta.put({ key: 'unlockFailures', count, blockedUntil });
    return { ok: false, reason: 'wrong_password', triesLeft: Math.max(0, FREE_TRIES - count), retryAt: blockedUntil || null };
  }
}

async function readFailures(db: UserDatabase): Promise<FailureRow | undefined> {
  const row = await db.meta.get('unlockFailures');
  return row?.key === 'unlockFailures' ? row : undefined;
}

/** The device-bound key, if this user's data is sealed with one (they sign in with a code): no password to ask. */
export function deviceKeyIfAny(userId: string): Promise<CryptoKey | null> {
  return withDb(userId, async (db) => {
    const keyring = await readKeyring(db);
    return keyring?.kind === 'device' ? keyring.dataKey : null;
  });
}

/** Users who sign in with a one-time code (citizens, professionals): the device-bound key, made on first use. */
export function openOrCreateDeviceKey(userId: string, now = Date.now()): Promise<CryptoKey> {
  return withDb(userId, async (db) => {
    const existing = await readKeyring(db);
    if (existing?.kind === 'device') return existing.dataKey;
    if (existing) throw new Error('this user has a password keyring');
    const dataKey = await newDeviceDataKey();
    return db.transaction('rw', db.meta, async () => {
      const again = await readKeyring(db);
      if (again?.kind === 'device') return again.dataKey;
      await db.meta.put({ key: 'keyring', kind: 'device', dataKey, createdAt: new Date(now).toISOString() });
      return dataKey;
    });
  });
}
