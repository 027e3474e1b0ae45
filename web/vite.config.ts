import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      // 'prompt': a new worker waits until the app applies it at a step boundary.
      registerType: 'prompt',
      injectRegister: false,
      // Kit builds with a relative Vite base ('./'): the worker would then be registered
      // relative to whatever page loads first (/richieste/x/sw.js, 404). Pin it to the root.
      base: '/',
      scope: '/',
      // Offline, every page opens from the SPA shell (200.html), as on any visit once the
      // worker is installed. The prerendered pages are for the first visit only and are not
      // precached: served by the worker to a signed-in user, their anonymous header and
      // sign-in screen would show until the app started.
      kit: { adapterFallback: '200.html', spa: true },
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
        // /demo/ exists only when the server is in demo mode: ask the server, never the cache.
        // /opendata/ files come from the server (CSV, JSON-LD), never the app shell.
        navigateFallbackDenylist: [/^\/trpc\//, /^\/api\//, /^\/events/, /^\/healthz/, /^\/demo\//, /^\/opendata\//],
        cleanupOutdatedCaches: true,
        // The first install takes over the open page at once, so the journey works offline
        // after one online visit. Updates still wait (no skipWaiting): see update.svelte.ts.
        clientsClaim: true,
        // The prerendered pages stay out of the precache (see `kit` above). An explicit
        // modifyURLPrefix (empty: no change) makes @vite-pwa/sveltekit take these patterns as
        // they are, instead of adding prerendered/**/*.html to them.
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2}'],
        modifyURLPrefix: {},
      },
    }),
  ],
});
