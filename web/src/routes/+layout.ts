// A client-only app: pages read IndexedDB, which exists only in the browser.
import { prefs } from '$lib/prefs.svelte.ts';
import { session } from '$lib/session/session.svelte.ts';

export const ssr = false;
export const prerender = false;

/** Display preferences and the cached session are read before the first paint. */
export async function load(): Promise<void> {
  await Promise.all([prefs.load(), session.init()]);
}
