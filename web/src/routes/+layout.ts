// A client-rendered app: pages read IndexedDB, which exists only in the browser. The
// public pages that are the same for everyone (sign-in, the catalogue) turn on `ssr` and
// `prerender` in their own +page.ts, so their HTML is built with the content; this
// layout and the components they use must then render without browser APIs.
import { browser } from '$app/environment';
import { prefs } from '$lib/prefs.svelte.ts';
import { session } from '$lib/session/session.svelte.ts';
import { i18n, needsExtra } from '$lib/i18n/index.svelte.ts';

export const ssr = false;
export const prerender = false;

/**
 * Display preferences and the cached session are read before the first paint, and the
 * rest of the message catalogue is loaded when the first screen needs it (later
 * navigations load it in the root layout's onNavigate). `location` is read directly so
 * that this load does not run again on every navigation. While prerendering there is no
 * device: the page is built with the defaults (Italian, nobody signed in), and the
 * browser applies the device's settings before it hydrates.
 */
export async function load(): Promise<void> {
  if (!browser) return;
  await Promise.all([prefs.load(), session.init()]);
  if (needsExtra(location.pathname, Boolean(session.user))) await i18n.ensureExtra();
}
