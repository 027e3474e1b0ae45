/**
 * A prerendered page is on screen before the app has started (hooks.server.ts). What the
 * user does in that moment is not lost: app.html's inline script keeps each button press
 * and form submission (links work by themselves) and cancels it, and the root layout
 * replays them here once the app has started. Typed text needs nothing: Svelte keeps an
 * input's value when it hydrates.
 */
interface EarlyInput {
  started: boolean;
  kept: [type: 'click' | 'submit', target: HTMLElement][];
}

declare global {
  interface Window {
    __icaroEarly?: EarlyInput;
  }
}

export function replayEarlyInput(): void {
  const early = window.__icaroEarly;
  if (!early || early.started) return;
  early.started = true;
  const replayed = new Set<HTMLElement>();
  for (const [type, target] of early.kept.splice(0)) {
    // An impatient second press of the same button is the same request: replayed once.
    if (replayed.has(target) || !target.isConnected) continue;
    replayed.add(target);
    if (type === 'submit' && target instanceof HTMLFormElement) target.requestSubmit();
    else target.click();
  }
}
