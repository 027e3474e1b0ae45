/**
 * Settings that belong to the device rather than to a user: display preferences (so the
 * login page already honours them), the cached session for offline starts, and the
 * outcome of the persistent-storage request.
 *
 * Plain IndexedDB, not Dexie: every page reads these before its first paint, the public
 * ones included, and one key-value store does not need a library. Keeping Dexie (about
 * 30 KB gzip) off those pages is what holds a citizen's first screen under QUALITY.md §4's
 * 100 KB; Dexie arrives with the signed-in user's data (session.svelte.ts imports it then).
 * The database is the one Dexie made before ('icaro-device', store 'settings', key 'key'),
 * opened at whatever version it has, so the settings on existing devices are kept.
 */

export interface DisplayPrefs {
  largeText: boolean;
  highContrast: boolean;
  locale: 'it' | 'en';
}

export const DEFAULT_PREFS: DisplayPrefs = { largeText: false, highContrast: false, locale: 'it' };

export type PersistOutcome = 'granted' | 'denied' | 'unsupported';

interface SettingsMap {
  prefs: DisplayPrefs;
  /** The last signed-in user, so the app opens offline without asking the server. */
  session: unknown;
  persist: PersistOutcome;
  /** A logout made offline: the server session is ended at the next chance. */
  pendingLogout: boolean;
  /** The public directory of associations as last fetched, so it opens offline. */
  directory: unknown;
  /** The public needs figures as last fetched (already protected: counts only). */
  needsAggregate: unknown;
  /** The public Trasparenza figures as last fetched (already protected), so the page opens offline. */
  transparency: unknown;
  /** The listed professionals of the public directory as last fetched (consented fields only). */
  directoryProfessionals: unknown;
}

type SettingKey = keyof SettingsMap;
interface SettingRow {
  key: SettingKey;
  value: unknown;
}

const DB_NAME = 'icaro-device';
const STORE = 'settings';

let opening: Promise<IDBDatabase> | null = null;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Opens the database at its current version; creates the store (one version up) if it lacks it. */
async function open(version?: number): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, version);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'key' });
  };
  const db = await request(req);
  if (!db.objectStoreNames.contains(STORE)) {
    db.close();
    return open(db.version + 1);
  }
  // Another tab upgrading the database (an older version of the app) is never blocked by this one.
  db.onversionchange = () => {
    db.close();
    opening = null;
  };
  db.onclose = () => {
    opening = null;
  };
  return db;
}

function deviceDb(): Promise<IDBDatabase> {
  opening ??= open().catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

async function inStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const tx = (await deviceDb()).transaction(STORE, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
  // A write counts once its transaction is committed, not when its request succeeds.
  const [result] = await Promise.all([request(run(tx.objectStore(STORE))), done]);
  return result;
}

export async function getSetting<K extends SettingKey>(key: K): Promise<SettingsMap[K] | undefined> {
  const row = (await inStore('readonly', (s) => s.get(key))) as SettingRow | undefined;
  return row?.value as SettingsMap[K] | undefined;
}

export async function setSetting<K extends SettingKey>(key: K, value: SettingsMap[K]): Promise<void> {
  const row: SettingRow = { key, value: JSON.parse(JSON.stringify(value)) as unknown };
  await inStore('readwrite', (s) => s.put(row));
}

export async function deleteSetting(key: SettingKey): Promise<void> {
  await inStore('readwrite', (s) => s.delete(key));
}

export async function loadPrefs(): Promise<DisplayPrefs> {
  return { ...DEFAULT_PREFS, ...(await getSetting('prefs')) };
}

/**
 * Asks once for persistent storage, so the browser does not evict unsent requests under
 * storage pressure. The answer is remembered; the UI warns when it was refused.
 */
export async function ensurePersistentStorage(): Promise<PersistOutcome> {
  const known = await getSetting('persist');
  if (known === 'granted' || known === 'unsupported') return known;
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) {
    await setSetting('persist', 'unsupported');
    return 'unsupported';
  }
  // Already persisted (an installed app often is): no prompt needed.
  if (await navigator.storage.persisted()) {
    await setSetting('persist', 'granted');
    return 'granted';
  }
  if (known === 'denied') return 'denied';
  const granted = await navigator.storage.persist();
  const outcome: PersistOutcome = granted ? 'granted' : 'denied';
  await setSetting('persist', outcome);
  return outcome;
}
