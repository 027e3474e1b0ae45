// A client-only app: pages read IndexedDB, which exists only in the browser.
import { prefs } from '$lib/prefs.svelte.ts';
import { session } from '$lib/session/session.svelte.ts';
import { i18n, needsExtra } from '$lib/i18n/index.svelte.ts';

export const ssr = false;
export const prerender = false;

/**
 * Display preferences and the cached session are read before the first paint, and the
 * rest of the message catalogue is loaded when the first screen needs it (later
 * navigations load it in the root layout's onNavigate). `location` is read directly so
 * that this load does not run again on every navigation.
 */
export async function load(): Promise<void> {
  await Promise.all([prefs.load(), session.init()]);
  if (needsExtra(location.pathname, Boolean(session.user))) await i18n.ensureExtra();
}
