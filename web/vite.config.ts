import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig, type Plugin } from 'vite';

/**
 * @icaro/domain and @icaro/sync are pure modules (constants and functions, nothing run
 * on import), but their package.json files do not say so, and module-level data built
 * with calls (the catalogue, the offices, zod schemas) looks like side effects to
 * Rollup. Declaring them side-effect free lets unused modules drop out of a chunk: the
 * first screen must not carry the catalogue or the mutation schemas.
 */
function pureWorkspacePackages(): Plugin {
  const pure = /\/packages\/(domain|sync)\/src\/.*\.ts$/;
  return {
    name: 'icaro-pure-workspace-packages',
    apply: 'build',
    transform(code, id) {
      return pure.test(id) ? { code, map: null, moduleSideEffects: false } : null;
    },
  };
}

export default defineConfig({
  plugins: [
    pureWorkspacePackages(),
    sveltekit(),
    SvelteKitPWA({
      // 'prompt': a new worker waits until the app applies it at a step boundary.
      registerType: 'prompt',
      injectRegister: false,
      // Kit builds with a relative Vite base ('./'): the worker would then be registered
      // relative to whatever page loads first (/richieste/x/sw.js, 404). Pin it to the root.
      base: '/',
      scope: '/',
      kit: { adapterFallback: 'index.html', spa: true },
      manifest: {
        name: 'ICARO – Servizi sociali Palermo',
        short_name: 'ICARO',
        description: 'Richieste di servizi socio-assistenziali del Comune di Palermo',
        lang: 'it',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b3d91',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The API, the event stream and the health check must never get the app shell.
        navigateFallbackDenylist: [/^\/trpc\//, /^\/events/, /^\/healthz/],
        cleanupOutdatedCaches: true,
        // The first install takes over the open page at once, so the journey works offline
        // after one online visit. Updates still wait (no skipWaiting): see update.svelte.ts.
        clientsClaim: true,
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2}', 'prerendered/**/*.{html,json}'],
      },
    }),
  ],
});
