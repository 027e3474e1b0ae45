/**
 * Who is signed in on this device, and the per-user device data and sync that go with
 * them. The last session is cached on the device so the app opens offline; the server
 * confirms it in the background when it can.
 */
import { OFFICE_ROLES, hasPermission, type Role } from '@icaro/domain';
import { UserStore, deleteSetting, ensurePersistentStorage, getSetting, setSetting, type PersistOutcome } from '$lib/device';
import type { SessionUser } from '$lib/api/client.ts';
import type { SyncManager } from '$lib/sync/sync-manager.svelte.ts';
import { i18n } from '$lib/i18n/index.svelte.ts';

export type LoginFailure = 'invalid' | 'rate_limited' | 'offline' | 'server';
export type CodeRequestFailure = 'invalid_cf' | 'rate_limited' | 'offline' | 'server';
export type CodeLoginFailure = 'invalid_code' | 'code_expired' | 'rate_limited' | 'offline' | 'server';
export type LogoutResult = { ok: true; offline: boolean } | { ok: false; reason: 'pending' | 'refused'; count: number };

type SessionMessage = { type: 'changed' };

/** The tRPC client is loaded when first used, so it is not on the first screen's path. */
const apiModule = () => import('$lib/api/client.ts');

export function isStaff(role: Role): boolean {
  return (OFFICE_ROLES as readonly Role[]).includes(role);
}

class Session {
  user = $state.raw<SessionUser | null>(null);
  /** 'loading' until the cached session (if any) is read: routes wait for it. */
  phase = $state<'loading' | 'ready'>('loading');
  /** True after the server said the session is gone (timed out, ended elsewhere). */
  expired = $state(false);
  persist = $state<PersistOutcome | null>(null);
  sync = $state.raw<SyncManager | null>(null);

  #store: UserStore | null = null;
  #channel: BroadcastChannel | null = null;
  /** Bumped on every (de)activation, so a slower earlier activation cannot win. */
  #generation = 0;
  #initialised = false;

  async init(): Promise<void> {
    if (this.#initialised) return;
    this.#initialised = true;
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel('icaro-session');
      // Another tab logged in or out: follow it, so no tab shows a stale identity.
      this.#channel.onmessage = (e: MessageEvent<SessionMessage>) => {
        if (e.data.type === 'changed') void this.#reloadFromDevice();
      };
    }
    await this.#reloadFromDevice();
    this.phase = 'ready';
    void this.#confirmWithServer();
  }

  async login(username: string, password: string): Promise<{ ok: true; user: SessionUser } | { ok: false; failure: LoginFailure }> {
    const { api, classifyApiError } = await apiModule();
    try {
      const { user } = await api.auth.login.mutate({ username, password });
      await this.#signedIn(user);
      return { ok: true, user };
    } catch (error) {
      const failure = classifyApiError(error);
      if (failure.kind === 'unauthorized' || failure.kind === 'bad_request') return { ok: false, failure: 'invalid' };
      if (failure.kind === 'rate_limited') return { ok: false, failure: 'rate_limited' };
      if (failure.kind === 'network') return { ok: false, failure: 'offline' };
      return { ok: false, failure: 'server' };
    }
  }

  /** Citizens: asks for a one-time code. The answer does not say whether the code fiscale is known. */
  async requestLoginCode(codiceFiscale: string): Promise<{ ok: true; challengeId: string } | { ok: false; failure: CodeRequestFailure }> {
    const { api, classifyApiError } = await apiModule();
    try {
      const { challengeId } = await api.loginCode.request.mutate({ codiceFiscale });
      return { ok: true, challengeId };
    } catch (error) {
      const failure = classifyApiError(error);
      if (failure.kind === 'bad_request') return { ok: false, failure: 'invalid_cf' };
      if (failure.kind === 'rate_limited') return { ok: false, failure: 'rate_limited' };
      return { ok: false, failure: failure.kind === 'network' ? 'offline' : 'server' };
    }
  }

  /** Citizens: signs in with the code; the session then works as any other. */
  async loginWithCode(challengeId: string, code: string): Promise<{ ok: true } | { ok: false; failure: CodeLoginFailure }> {
    const { api, classifyApiError } = await apiModule();
    try {
      const { user } = await api.loginCode.verify.mutate({ challengeId, code });
      await this.#signedIn(user);
      return { ok: true };
    } catch (error) {
      const failure = classifyApiError(error);
      if (failure.kind === 'unauthorized') return { ok: false, failure: failure.code === 'code_expired' ? 'code_expired' : 'invalid_code' };
      if (failure.kind === 'bad_request') return { ok: false, failure: 'invalid_code' };
      if (failure.kind === 'rate_limited') return { ok: false, failure: 'rate_limited' };
      return { ok: false, failure: failure.kind === 'network' ? 'offline' : 'server' };
    }
  }

  async #signedIn(user: SessionUser): Promise<void> {
    await deleteSetting('pendingLogout');
    await setSetting('session', user);
    this.expired = false;
    await this.#activate(user);
    this.#channel?.postMessage({ type: 'changed' } satisfies SessionMessage);
  }

  /**
   * Refuses while anything of this user waits in the outbox: on a shared device nobody
   * else could send it. Otherwise ends the server session (or remembers to, if offline)
   * and drops the read caches.
   */
  async logout(): Promise<LogoutResult> {
    const store = this.#store;
    if (store) {
      const { pending, refused } = await store.countOutbox();
      if (pending > 0) return { ok: false, reason: 'pending', count: pending };
      if (refused > 0) return { ok: false, reason: 'refused', count: refused };
    }
    let offline = false;
    const { api, classifyApiError } = await apiModule();
    try {
      await api.auth.logout.mutate();
    } catch (error) {
      const failure = classifyApiError(error);
      // An already-expired session is logged out anyway; without network, finish later.
      if (failure.kind !== 'unauthorized') {
        offline = true;
        await setSetting('pendingLogout', true);
      }
    }
    await store?.clearReadCaches();
    await deleteSetting('session');
    this.#deactivate();
    this.#channel?.postMessage({ type: 'changed' } satisfies SessionMessage);
    return { ok: true, offline };
  }

  async #reloadFromDevice(): Promise<void> {
    const cached = (await getSetting('session')) as SessionUser | undefined;
    if (!cached) this.#deactivate();
    else if (cached.id !== this.user?.id) await this.#activate(cached);
  }

  async #confirmWithServer(): Promise<void> {
    // Nobody signed in on this device and nothing to finish: nothing to confirm. Public
    // first screens (login, the catalogue) then never load the API client.
    if (!this.user && !(await getSetting('pendingLogout'))) return;
    const { api, classifyApiError } = await apiModule();
    try {
      if (await getSetting('pendingLogout')) {
        await api.auth.logout.mutate().catch((error: unknown) => {
          if (classifyApiError(error).kind === 'network') throw error;
        });
        await deleteSetting('pendingLogout');
      }
      const me = await api.auth.me.query();
      if (!me) {
        if (this.user) this.expired = true;
        await deleteSetting('session');
        this.#deactivate();
        return;
      }
      await setSetting('session', me);
      if (me.id !== this.user?.id) await this.#activate(me);
      else this.user = me;
    } catch {
      // Offline or server down: keep working from the cached session.
    }
  }

  /**
   * Opens the user's device data and starts their sync. The sync code and the rest of
   * the message catalogue are loaded here, not up front, so the login page does not carry them.
   */
  async #activate(user: SessionUser): Promise<void> {
    this.#deactivate();
    const generation = this.#generation;
    // A signed-in user's screens (and the header's staff links) read the whole message
    // catalogue: it is in place before the user is.
    const [{ SyncManager }] = await Promise.all([import('$lib/sync/sync-manager.svelte.ts'), i18n.ensureExtra()]);
    if (generation !== this.#generation) return;
    // Administrators and analysts have nothing to sync: an engine would only meet 403s
    // and tell them their session had expired.
    if (!hasPermission(user.role, 'sync.pull')) {
      this.user = user;
      return;
    }
    const store = new UserStore(user.id);
    const sync = new SyncManager(store, user);
    this.#store = store;
    this.sync = sync;
    this.user = user;
    sync.start();
    void ensurePersistentStorage().then((p) => (this.persist = p));
  }

  #deactivate(): void {
    this.#generation += 1;
    this.sync?.stop();
    this.#store?.close();
    this.sync = null;
    this.#store = null;
    this.user = null;
  }

  get store(): UserStore | null {
    return this.#store;
  }
}

export const session = new Session();
