/**
 * Settings that belong to the device rather than to a user: display preferences (so the
 * login page already honours them), the cached session for offline starts, and the
 * outcome of the persistent-storage request.
 */
import { Dexie, type EntityTable } from 'dexie';

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

type DeviceDatabase = Dexie & { settings: EntityTable<SettingRow, 'key'> };

let db: DeviceDatabase | null = null;

function deviceDb(): DeviceDatabase {
  if (!db) {
    db = new Dexie('icaro-device') as DeviceDatabase;
    db.version(1).stores({ settings: 'key' });
  }
  return db;
}

export async function getSetting<K extends SettingKey>(key: K): Promise<SettingsMap[K] | undefined> {
  const row = await deviceDb().settings.get(key);
  return row?.value as SettingsMap[K] | undefined;
}

export async function setSetting<K extends SettingKey>(key: K, value: SettingsMap[K]): Promise<void> {
  await deviceDb().settings.put({ key, value: JSON.parse(JSON.stringify(value)) as unknown });
}

export async function deleteSetting(key: SettingKey): Promise<void> {
  await deviceDb().settings.delete(key);
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
