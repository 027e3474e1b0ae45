/**
 * The "new version ready" flow. The worker is built with registerType 'prompt', so a
 * new version waits until this app tells it to take over. That happens only:
 * - at a step boundary: the next in-app navigation, which every form makes after its
 *   step is saved; the navigation is then completed as a full page load of its target
 *   under the new version; or
 * - when the user presses "Aggiorna ora".
 * Never while a form is on screen half typed.
 */
import { registerSW } from 'virtual:pwa-register';

const CHECK_EVERY_MS = 30 * 60_000;
/** If the new worker never signals control, load the page anyway. */
const APPLY_TIMEOUT_MS = 4_000;

class UpdateManager {
  /** A new version is installed and waiting. */
  ready = $state(false);
  /** Another tab already switched to the new version: this page is on old code. */
  #switched = false;
  #target: string | null = null;
  #updateSW: ((reload?: boolean) => Promise<void>) | null = null;

  register(): void {
    if (this.#updateSW || !('serviceWorker' in navigator)) return;
    // registerSW loads workbox-window; nothing of it is needed to draw the first screen.
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => this.#register(), { timeout: 2000 });
    else setTimeout(() => this.#register(), 500);
  }

  #register(): void {
    if (this.#updateSW) return;
    this.#updateSW = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.ready = true),
      // The new worker took control (here or from another tab). Never reload on the
      // spot: finish at the next step boundary, or now if we were the ones asking.
      onNeedReload: () => {
        this.#switched = true;
        this.ready = true;
        if (this.#target) location.assign(this.#target);
      },
      onRegisteredSW: (_url, registration) => {
        if (!registration) return;
        setInterval(() => {
          if (navigator.onLine) void registration.update();
        }, CHECK_EVERY_MS);
      },
    });
  }

  /** True when the next navigation should become a full load under the new version. */
  get pending(): boolean {
    return this.ready || this.#switched;
  }

  /** Applies the waiting version and opens `url` with it. */
  applyAndGo(url: string): void {
    this.#target = url;
    if (this.#switched || !this.#updateSW) {
      location.assign(url);
      return;
    }
    void this.#updateSW(true);
    setTimeout(() => location.assign(url), APPLY_TIMEOUT_MS);
  }
}

export const update = new UpdateManager();
