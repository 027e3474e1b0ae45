/**
 * "Testo grande", "Alto contrasto" and the language, remembered on the device (not per
 * user: the login page must already honour them). Applied as classes on <html>, so the
 * CSS in app.css does the rest.
 */
import { DEFAULT_PREFS, loadPrefs, setSetting, type DisplayPrefs } from '$lib/device/device-settings.ts';
import { i18n } from '$lib/i18n/index.svelte.ts';

class Prefs {
  current = $state<DisplayPrefs>({ ...DEFAULT_PREFS });

  async load(): Promise<void> {
    this.current = await loadPrefs();
    await this.#apply();
  }

  async update(patch: Partial<DisplayPrefs>): Promise<void> {
    this.current = { ...this.current, ...patch };
    await this.#apply();
    await setSetting('prefs', $state.snapshot(this.current));
  }

  async #apply(): Promise<void> {
    const root = document.documentElement;
    root.classList.toggle('large-text', this.current.largeText);
    root.classList.toggle('high-contrast', this.current.highContrast);
    if (i18n.locale !== this.current.locale) await i18n.setLocale(this.current.locale);
  }
}

export const prefs = new Prefs();
