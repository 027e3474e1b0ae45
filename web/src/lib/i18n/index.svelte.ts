/**
 * The message catalogue in use. It comes in two parts so that a stranger's first screens
 * (sign-in, the catalogue of services) stay within the first-load budget:
 * - the core (it.ts), bundled with the shell: the layout, sign-in and the catalogue;
 * - the rest (it-extra.ts), loaded before the first route that needs it
 *   (`needsExtra`, awaited by the root layout on start and on every navigation).
 * English is loaded on demand, in the same two parts. Reading `m` inside a component or
 * $derived tracks the locale, so switching language re-renders what shows text.
 */
import { it } from './it.ts';
import type { CoreMessages, ExtraMessages, Messages } from './types.ts';
import { mergeMessages } from './merge.ts';

export type Locale = 'it' | 'en';
export type { Messages };

/** Paths whose screens use only the core messages, for someone who is not signed in. */
export function needsExtra(pathname: string, signedIn: boolean): boolean {
  if (signedIn) return true;
  const light =
    pathname === '/' ||
    pathname === '/accedi' ||
    pathname.startsWith('/accedi/') ||
    pathname === '/servizi' ||
    pathname.startsWith('/servizi/');
  return !light;
}

async function loadExtra(locale: Locale): Promise<ExtraMessages> {
  return locale === 'en' ? (await import('./en-extra.ts')).enExtra : (await import('./it-extra.ts')).itExtra;
}

class I18n {
  locale = $state<Locale>('it');
  // Until the rest is loaded, only the core's keys exist: the root layout loads it
  // before any screen that reads them (see needsExtra).
  #messages = $state.raw<Messages>(it as Messages);
  #core: CoreMessages = it;
  #extra: ExtraMessages | null = null;

  get m(): Messages {
    return this.#messages;
  }

  /** Loads the rest of the catalogue, once per language. */
  async ensureExtra(): Promise<void> {
    if (this.#extra) return;
    this.#extra = await loadExtra(this.locale);
    this.#messages = mergeMessages(this.#core, this.#extra);
  }

  async setLocale(locale: Locale): Promise<void> {
    const [core, extra] = await Promise.all([
      locale === 'en' ? import('./en.ts').then((x) => x.en) : Promise.resolve(it),
      this.#extra ? loadExtra(locale) : Promise.resolve(null),
    ]);
    this.#core = core;
    this.#extra = extra;
    this.#messages = extra ? mergeMessages(core, extra) : (core as Messages);
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
