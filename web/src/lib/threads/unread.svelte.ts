/**
 * The signed-in user's unread internal communications (issue 4 §5), shared by the
 * navigation badge and the thread screens. Threads live only on the server: this module
 * asks it, and refreshes when the server pokes (directly for users without a sync engine,
 * such as the Ragioneria; through a completed sync for office staff), when the window
 * regains focus, and every minute as a fallback.
 */
import { hasPermission } from '@icaro/domain';
import { session } from '$lib/session/session.svelte.ts';

const POLL_MS = 60_000;

class ThreadNews {
  /** null until known (offline, or not yet asked). */
  count = $state<number | null>(null);
  /** Bumped on every poke or refresh: open threads reload on it. */
  version = $state(0);
  #request = 0;

  get enabled(): boolean {
    const user = session.user;
    return !!user && hasPermission(user.role, 'thread.use');
  }

  async refresh(): Promise<void> {
    if (!this.enabled) {
      this.count = null;
      return;
    }
    const id = ++this.#request;
    try {
      const { api } = await import('$lib/api/client.ts');
      const { unread } = await api.threads.unread.query();
      if (id === this.#request) this.count = unread;
    } catch {
      /* offline or signed out: keep the last figure */
    }
  }

  /**
   * Something may have changed on the server: reload the count and any open thread.
   * It reads `version`: call it from an effect only inside untrack().
   */
  poke(): void {
    this.version++;
    void this.refresh();
  }

  /** Starts listening; returns the function that stops. */
  start(): () => void {
    // A new session in this tab never shows the previous user's figure.
    this.count = null;
    const stops: (() => void)[] = [];
    const onFocus = () => this.poke();
    window.addEventListener('focus', onFocus);
    stops.push(() => window.removeEventListener('focus', onFocus));
    const timer = setInterval(() => void this.refresh(), POLL_MS);
    stops.push(() => clearInterval(timer));
    // Users without a sync engine hear the server's pokes here.
    if (!session.sync) {
      let stopped = false;
      void import('$lib/sync/events.ts').then(({ listenForPokes }) => {
        if (!stopped) stops.push(listenForPokes('/events', () => this.poke()));
      });
      stops.push(() => (stopped = true));
    }
    void this.refresh();
    return () => stops.forEach((stop) => stop());
  }
}

export const threadNews = new ThreadNews();
