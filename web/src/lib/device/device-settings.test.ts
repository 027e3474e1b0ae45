import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { deleteSetting, getSetting, loadPrefs, setSetting } from './device-settings.ts';

describe('device settings (plain IndexedDB)', () => {
  it('keeps what a device stored with the Dexie version of this store, and writes where it will read', async () => {
    // A device that ran the earlier app: Dexie made 'icaro-device' with the same store.
    const old = new Dexie('icaro-device');
    old.version(1).stores({ settings: 'key' });
    await old.table('settings').put({ key: 'prefs', value: { largeText: true, highContrast: false, locale: 'en' } });
    await old.table('settings').put({ key: 'pendingLogout', value: true });
    old.close();

    expect(await loadPrefs()).toEqual({ largeText: true, highContrast: false, locale: 'en' });
    expect(await getSetting('pendingLogout')).toBe(true);

    await setSetting('persist', 'granted');
    await deleteSetting('pendingLogout');
    expect(await getSetting('persist')).toBe('granted');
    expect(await getSetting('pendingLogout')).toBeUndefined();
    expect(await getSetting('session')).toBeUndefined();
  });

  it('stores a plain copy (no proxies, no functions) and gives back the defaults for what is unset', async () => {
    const value = { id: 'u1', role: 'citizen', toJSON: undefined as unknown };
    await setSetting('session', value);
    expect(await getSetting('session')).toEqual({ id: 'u1', role: 'citizen' });
    await deleteSetting('prefs');
    expect(await loadPrefs()).toEqual({ largeText: false, highContrast: false, locale: 'it' });
  });

  it('lets another tab (an older app version) upgrade the database instead of blocking it', async () => {
    await setSetting('persist', 'denied');
    const newer = new Dexie('icaro-device');
    newer.version(2).stores({ settings: 'key', other: 'id' });
    await newer.open();
    expect(newer.verno).toBe(2);
    newer.close();
    // This module reopens the database at its new version.
    expect(await getSetting('persist')).toBe('denied');
  });
});
