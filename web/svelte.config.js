import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Client-rendered, with the public pages that are the same for everyone (sign-in, the
    // catalogue) prerendered to HTML. The server sends every other extension-less path to
    // the SPA shell, 200.html (index.html is the prerendered start page).
    adapter: adapter({ fallback: '200.html', strict: false }),
    // The app's CSS (~11 KB) goes inside each page's HTML: a prerendered page paints with
    // its first response, without waiting for a stylesheet.
    inlineStyleThreshold: 16_384,
    // The PWA registers its own Workbox worker from the root layout (TOOLCHAIN.md).
    serviceWorker: { register: false },
    // Offline-first: never reload on a version bump; the update prompt decides when.
    version: { pollInterval: 0 },
  },
};

export default config;
