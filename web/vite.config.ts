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
        // /demo/ exists only when the server is in demo mode: ask the server, never the cache.
        // /opendata/ files come from the server (CSV, JSON-LD), never the app shell.
        navigateFallbackDenylist: [/^\/trpc\//, /^\/api\//, /^\/events/, /^\/healthz/, /^\/demo\//, /^\/opendata\//],
        cleanupOutdatedCaches: true,
        // The first install takes over the open page at once, so the journey works offline
        // after one online visit. Updates still wait (no skipWaiting): see update.svelte.ts.
        clientsClaim: true,
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2}', 'prerendered/**/*.{html,json}'],
      },
    }),
  ],
});
