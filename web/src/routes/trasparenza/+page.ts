import { browser } from '$app/environment';
import { i18n } from '$lib/i18n/index.svelte.ts';

// Prerendered as a shell: the title and the explanation come with the HTML; the figures
// are asked of the server (or read from the device's last copy) once the app has started.
export const prerender = true;
export const ssr = true;

/** The page reads the rest of the message catalogue: while prerendering, build with it (the browser's root layout loads it first). */
export async function load(): Promise<void> {
  if (!browser) await i18n.ensureExtra();
}
