import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: the server sends every extension-less path to index.html.
    adapter: adapter({ fallback: 'index.html', strict: false }),
    // The PWA registers its own Workbox worker from the root layout (TOOLCHAIN.md).
    serviceWorker: { register: false },
    // Offline-first: never reload on a version bump; the update prompt decides when.
    version: { pollInterval: 0 },
  },
};

export default config;
