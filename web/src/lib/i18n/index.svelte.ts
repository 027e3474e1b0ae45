/**
 * The message catalogue in use. Italian is bundled; English is loaded on demand so the
 * first screen does not carry it. Reading `m` inside a component or $derived tracks the
 * locale, so switching language re-renders what shows text.
 */
import { it } from './it.ts';
import type { Messages } from './types.ts';

export type Locale = 'it' | 'en';
export type { Messages };

class I18n {
  locale = $state<Locale>('it');
  #messages = $state.raw<Messages>(it);

  get m(): Messages {
    return this.#messages;
  }

  async setLocale(locale: Locale): Promise<void> {
    const messages = locale === 'en' ? (await import('./en.ts')).en : it;
    this.#messages = messages;
    this.locale = locale;
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }

  /** Dates and times as people read them, in Palermo's time zone. */
  formatDate(iso: string): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(new Date(iso));
  }

  formatDateTime(iso: string): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(new Date(iso));
  }

  formatTime(iso: string): string {
    return new Intl.DateTimeFormat(this.locale, { timeStyle: 'short', timeZone: 'Europe/Rome' }).format(new Date(iso));
  }

  formatEuro(cents: number): string {
    return new Intl.NumberFormat(this.locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
  }
}

export const i18n = new I18n();
