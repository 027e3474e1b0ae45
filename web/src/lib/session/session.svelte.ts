/**
 * Who is signed in on this device, and the per-user device data and sync that go with
 * them. The last session is cached on the device so the app opens offline; the server
 * confirms it in the background when it can.
 *
 * The device data is sealed with the user's data key (docs/security.md, "Device data"),
 * held in memory only. After a reload, in a new tab with no unlocked tab to hand it over,
 * or after "Blocca", the session is `locked`: the user is known, the key is not, and the
 * unlock screen asks for the password (checked on the device, so offline too). Nothing
 * syncs while locked: the outbox cannot be read without the key; it is sent at unlock.
 */
import { OFFICE_ROLES, hasPermission, type Role } from '@icaro/domain';
import { deleteSetting, ensurePersistentStorage, getSetting, setSetting, type PersistOutcome } from '$lib/device/device-settings.ts';
import type { UserStore } from '$lib/device';
import type { SessionUser } from '$lib/api/client.ts';
import type { SyncManager } from '$lib/sync/sync-manager.svelte.ts';
import { i18n } from '$lib/i18n/index.svelte.ts';

/**
 * The signed-in user's device data (Dexie, the keyring), loaded when there is a user: a
 * public page opened by nobody signed in never downloads it (QUALITY.md §4, 100 KB).
 */
const userData = () => import('$lib/device');

export type LoginFailure = 'invalid' | 'rate_limited' | 'offline' | 'server';
/** Staff, after a correct password: a code from their authenticator app comes next (docs/security.md, "Second factor"). */
export interface SecondFactorChallenge {
  ticket: string;
  /** The first time: the secret to add to the app (also as an otpauth:// address for a QR code). */
  enrol: { secret: string; uri: string } | null;
}
export type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; failure: LoginFailure }
  | { ok: false; failure: 'second_factor'; challenge: SecondFactorChallenge };
export type SecondFactorFailure = 'invalid_code' | 'ticket_expired' | 'rate_limited' | 'offline' | 'server';
export type CodeRequestFailure = 'invalid_cf' | 'rate_limited' | 'offline' | 'server';
export type CodeLoginFailure = 'invalid_code' | 'code_expired' | 'rate_limited' | 'offline' | 'server';
export type LogoutResult = { ok: true; offline: boolean } | { ok: false; reason: 'pending' | 'refused'; count: number };
export type UnlockFailure =
  | { failure: 'wrong_password'; triesLeft: number; retryAt: number | null }
  | { failure: 'throttled'; retryAt: number }
  /** First unlock on this device of a database made before encryption: the server must check the password. */
  | { failure: LoginFailure | 'signin_again' };

type SessionMessage =
  | { type: 'changed' }
  /** A tab locked: every tab drops the key. */
  | { type: 'locked'; userId: string }
  /** A tab opened without the key asks an unlocked tab of the same user for it. */
  | { type: 'key-request'; userId: string }
  | { type: 'key'; userId: string; key: CryptoKey };

/** How the user just signed in: the key of their device data depends on it. */
type SignIn = { password: string } | { code: true };
type DataKey = { key: CryptoKey; fromPassword: boolean };

/** How long a new tab waits for an unlocked tab to hand over the key. */
const KEY_HANDOVER_MS = 300;

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
  /** Signed in, but the device data's key is not in memory: the unlock screen shows. */
  locked = $state(false);
  /** The password of the sign-in did not open this device's data (changed since, on another device). */
  keyMismatch = $state(false);

  #store: UserStore | null = null;
  #key: CryptoKey | null = null;
  /** Device data open with a key from a password: "Blocca" can be undone with it, so it is offered. */
  canLock = $state(false);
  #keyWaiters: { userId: string; resolve: (key: CryptoKey) => void }[] = [];
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
      this.#channel.onmessage = (e: MessageEvent<SessionMessage>) => this.#onMessage(e.data);
    }
    await this.#reloadFromDevice();
    this.phase = 'ready';
    void this.#confirmWithServer();
  }

  async login(username: string, password: string): Promise<LoginResult> {
    const { api, classifyApiError } = await apiModule();
    try {
      const { user, secondFactor } = await api.auth.login.mutate({ username, password });
      if (secondFactor) {
        // The second step's screen reads the rest of the message catalogue.
        await i18n.ensureExtra();
        return { ok: false, failure: 'second_factor', challenge: secondFactor };
      }
      if (!user) return { ok: false, failure: 'server' };
      await this.#signedIn(user, { password });
      return { ok: true, user };
    } catch (error) {
      const failure = classifyApiError(error);
      if (failure.kind === 'unauthorized' || failure.kind === 'bad_request') return { ok: false, failure: 'invalid' };
      if (failure.kind === 'rate_limited') return { ok: false, failure: 'rate_limited' };
      if (failure.kind === 'network') return { ok: false, failure: 'offline' };
      return { ok: false, failure: 'server' };
    }
  }

  /**
   * Staff: the code from the authenticator app (the first time, it also confirms the new
   * secret). The password stays with the sign-in screen until here: it opens the device data.
   */
  async verifySecondFactor(ticket: string, code: string, password: string): Promise<{ ok: true } | { ok: false; failure: SecondFactorFailure }> {
    const { api, classifyApiError } = await apiModule();
    try {
      const { user } = await api.auth.secondFactor.mutate({ ticket, code });
      await this.#signedIn(user, { password });
      return { ok: true };
    } catch (error) {
      const failure = classifyApiError(error);
      if (failure.kind === 'unauthorized') return { ok: false, failure: failure.code === 'ticket_expired' ? 'ticket_expired' : 'invalid_code' };
      if (failure.kind === 'bad_request') return { ok: false, failure: 'invalid_code' };
      if (failure.kind === 'rate_limited') return { ok: false, failure: 'rate_limited' };
      return { ok: false, failure: failure.kind === 'network' ? 'offline' : 'server' };
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
      await this.#signedIn(user, { code: true });
      return { ok: true };
    } catch (error) {
      const failure = classifyApiError(error);
      if (failure.kind === 'unauthorized') return { ok: false, failure: failure.code === 'code_expired' ? 'code_expired' : 'invalid_code' };
      if (failure.kind === 'bad_request') return { ok: false, failure: 'invalid_code' };
      if (failure.kind === 'rate_limited') return { ok: false, failure: 'rate_limited' };
      return { ok: false, failure: failure.kind === 'network' ? 'offline' : 'server' };
    }
  }

  async #signedIn(user: SessionUser, how: SignIn): Promise<void> {
    await deleteSetting('pendingLogout');
    await setSetting('session', user);
    this.expired = false;
    await this.#activate(user, how);
    this.#channel?.postMessage({ type: 'changed' } satisfies SessionMessage);
  }

  /**
   * The unlock screen: opens the device data with the password, on the device (offline
   * too). The screen stays until `reveal()`, so the page's load can read the device first.
   */
  async unlock(password: string): Promise<{ ok: true } | ({ ok: false } & UnlockFailure)> {
    const user = this.user;
    if (!user) return { ok: false, failure: 'invalid' };
    // No key on this device yet (data written before encryption): a real sign-in makes it.
    const { hasKeyring, unlockWithPassword } = await userData();
    if (!(await hasKeyring(user.id))) {
      const result = await this.login(user.username, password);
      // Staff would need their code too: that is a full sign-in ("Esci", then "Accedi").
      if (!result.ok) return { ok: false, failure: result.failure === 'second_factor' ? 'signin_again' : result.failure };
      return this.locked ? { ok: false, failure: 'invalid' } : { ok: true };
    }
    const result = await unlockWithPassword(user.id, password);
    if (!result.ok) {
      if (result.reason === 'throttled') return { ok: false, failure: 'throttled', retryAt: result.retryAt };
      if (result.reason === 'wrong_password') return { ok: false, failure: 'wrong_password', triesLeft: result.triesLeft, retryAt: result.retryAt };
      return { ok: false, failure: 'invalid' };
    }
    if (this.user?.id !== user.id || !this.locked) return { ok: false, failure: 'invalid' };
    // Locked: no store or sync to stop; the user stays set, so no screen sends to /accedi.
    this.#generation += 1;
    await this.#open(user, { key: result.key, fromPassword: true }, this.#generation, { stayLocked: true });
    return { ok: true };
  }

  /** After an unlock, once the page has read the device again: the unlock screen goes. */
  reveal(): void {
    if (this.#store) this.locked = false;
  }


  /**
   * "Blocca": drops the key from memory in every tab and the read caches from the device.
   * The outbox and drafts stay, sealed, and are sent after the next unlock.
   */
  async lock(): Promise<void> {
    const user = this.user;
    const store = this.#store;
    if (!user || !store) return;
    await store.clearReadCaches();
    this.#lockLocally(user);
    this.#channel?.postMessage({ type: 'locked', userId: user.id } satisfies SessionMessage);
  }

  #lockLocally(user: SessionUser): void {
    this.#deactivate();
    this.user = user;
    this.locked = true;
  }

  #onMessage(message: SessionMessage): void {
    if (message.type === 'changed') void this.#reloadFromDevice();
    else if (message.type === 'locked') {
      if (this.user?.id === message.userId && this.#key) this.#lockLocally(this.user);
    } else if (message.type === 'key-request') {
      if (this.user?.id === message.userId && this.#key)
        this.#channel?.postMessage({ type: 'key', userId: message.userId, key: this.#key } satisfies SessionMessage);
    } else if (message.type === 'key') {
      for (const waiter of this.#keyWaiters.filter((w) => w.userId === message.userId)) waiter.resolve(message.key);
    }
  }

  /** Asks the other tabs for the key of this user; null when no unlocked tab answers in time. */
  #keyFromOtherTab(userId: string): Promise<CryptoKey | null> {
    const channel = this.#channel;
    if (!channel) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = { userId, resolve: (key: CryptoKey | null) => done(key) };
      const done = (key: CryptoKey | null) => {
        clearTimeout(timer);
        this.#keyWaiters = this.#keyWaiters.filter((w) => w !== waiter);
        resolve(key);
      };
      const timer = setTimeout(() => done(null), KEY_HANDOVER_MS);
      this.#keyWaiters.push(waiter);
      channel.postMessage({ type: 'key-request', userId } satisfies SessionMessage);
    });
  }

  /**
   * Refuses while anything of this user waits in the outbox: on a shared device nobody
   * else could send it. Otherwise ends the server session (or remembers to, if offline)
   * and drops the read caches.
   */
  async logout(): Promise<LogoutResult> {
    // Locked: the outbox's status is stored in clear, so it is counted without the key.
    const locked = !this.#store && this.user ? (await userData()).lockedUserData(this.user.id) : null;
    try {
      return await this.#logout(this.#store ?? locked);
    } finally {
      locked?.close();
    }
  }

  async #logout(store: Pick<UserStore, 'countOutbox' | 'clearReadCaches'> | null): Promise<LogoutResult> {
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
  async #activate(user: SessionUser, how?: SignIn): Promise<void> {
    this.#deactivate();
    const generation = this.#generation;
    // A signed-in user's screens (and the header's staff links) read the whole message
    // catalogue: it is in place before the user is.
    // The sync code and the device data's code are fetched meanwhile too (#open imports them again, from the cache).
    await Promise.all([import('$lib/sync/sync-manager.svelte.ts'), userData(), i18n.ensureExtra()]);
    if (generation !== this.#generation) return;
    // Administrators and analysts have nothing to sync: an engine would only meet 403s
    // and tell them their session had expired.
    if (!hasPermission(user.role, 'sync.pull')) {
      this.user = user;
      return;
    }
    const key = await this.#dataKey(user, how);
    if (generation !== this.#generation) return;
    if (!key) {
      this.user = user;
      this.locked = true;
      return;
    }
    await this.#open(user, key, generation);
  }

  /**
   * The data key: at a sign-in with a one-time code, the device-bound key; with a
   * password, unwrapped with it (made at the first one). Otherwise (a reload, a new tab):
   * the device-bound key if the data has one, the key handed over by an unlocked tab, or
   * none (locked).
   */
  async #dataKey(user: SessionUser, how: SignIn | undefined): Promise<DataKey | null> {
    const { deviceKeyIfAny, hasKeyring, openOrCreateDeviceKey, openOrCreatePasswordKey } = await userData();
    if (how && 'code' in how) return { key: await openOrCreateDeviceKey(user.id), fromPassword: false };
    if (!how) {
      const deviceKey = await deviceKeyIfAny(user.id);
      if (deviceKey) return { key: deviceKey, fromPassword: false };
      // A citizen's database from before encryption, with no key yet: citizens usually have
      // no password to unlock with, so theirs is a device key, made now (rows sealed at once).
      if (user.role === 'citizen' && !(await hasKeyring(user.id))) return { key: await openOrCreateDeviceKey(user.id), fromPassword: false };
      const handed = await this.#keyFromOtherTab(user.id);
      return handed ? { key: handed, fromPassword: true } : null;
    }
    const result = await openOrCreatePasswordKey(user.id, how.password);
    this.keyMismatch = !result.ok;
    return result.ok ? { key: result.key, fromPassword: true } : null;
  }

  async #open(user: SessionUser, { key, fromPassword }: DataKey, generation: number, options = { stayLocked: false }): Promise<void> {
    const [{ SyncManager }, { UserStore }] = await Promise.all([import('$lib/sync/sync-manager.svelte.ts'), userData()]);
    if (generation !== this.#generation) return;
    const store = new UserStore(user.id, key);
    // Rows an older version stored in clear are sealed before anything reads or sends them.
    await store.sealLegacyRows().catch((e: unknown) => console.error(e));
    if (generation !== this.#generation) {
      store.close();
      return;
    }
    const sync = new SyncManager(store, user);
    this.#key = key;
    this.canLock = fromPassword;
    this.#store = store;
    this.sync = sync;
    this.user = user;
    this.locked = options.stayLocked;
    this.keyMismatch = false;
    sync.start();
    void ensurePersistentStorage().then((p) => (this.persist = p));
  }

  #deactivate(): void {
    this.#generation += 1;
    this.sync?.stop();
    this.#store?.close();
    this.sync = null;
    this.#store = null;
    this.#key = null;
    this.canLock = false;
    this.user = null;
    this.locked = false;
  }

  get store(): UserStore | null {
    return this.#store;
  }
}

export const session = new Session();
