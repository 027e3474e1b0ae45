/**
 * Runs only at build time (adapter-static), on every page written to web/build.
 *
 * - The SPA shell (200.html), which renders nothing before the app starts, gets the app's
 *   name as its <title> until the first screen sets its own; the prerendered pages carry
 *   their own.
 * - A prerendered page paints first and starts the app after: its HTML already holds the
 *   content (and, inlined, the CSS), so the ~35 modules of the app are requested only once
 *   the page is on screen, instead of competing with it on a slow line and a slow phone.
 *   SvelteKit writes them as <link rel="modulepreload"> in the head and starts the app from
 *   an inline script; both are rewritten here so that, after the first frame, the script
 *   adds the same preload links (no import waterfall) and then starts the app.
 *   Until then, app.html keeps what the user does (a button pressed, a form sent) and the
 *   root layout replays it once the app has started.
 */
import type { Handle } from '@sveltejs/kit';

const PRELOAD = /<link href="([^"]+)" rel="modulepreload">\s*/g;
const START = 'Promise.all([';
const STARTED = ']).then(([kit, app]) => {';
const CURRENT_SCRIPT = 'const element = document.currentScript.parentElement;';

export function paintBeforeStart(html: string): string {
  const modules = [...html.matchAll(PRELOAD)].map((m) => m[1] ?? '');
  if (modules.length === 0) return html;
  // The rewrite depends on the shape of SvelteKit's start script: fail the build, not the page.
  if (html.split(START).length !== 2 || html.split(STARTED).length !== 2 || html.split(CURRENT_SCRIPT).length !== 2) {
    throw new Error('hooks.server.ts: SvelteKit start script changed shape; update paintBeforeStart');
  }
  const preload = `for (const href of ${JSON.stringify(modules)}) document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href }));`;
  // After the next frame has been painted; a hidden tab gets no frames, so a timer as well.
  const afterPaint = 'new Promise((painted) => { requestAnimationFrame(() => setTimeout(painted)); setTimeout(painted, 1000); })';
  return html
    .replace(PRELOAD, '')
    .replace(START, `${afterPaint}.then(() => { ${preload} return ${START}`)
    .replace(STARTED, ']); }).then(([kit, app]) => {');
}

export const handle: Handle = ({ event, resolve }) =>
  resolve(event, {
    transformPageChunk: ({ html }) => {
      if (event.route.id === null) return /<title>/.test(html) ? html : html.replace('</head>', '<title>ICARO</title>\n  </head>');
      return paintBeforeStart(html);
    },
  });
