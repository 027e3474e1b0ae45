/**
 * The client sync engine: the outbox, single-flight runs (run.ts), status and
 * scheduling. It reaches storage and the network only through the ports in types.ts.
 *
 * Rules kept here (QUALITY.md §3):
 * - an outbox entry keeps its id forever; a network error means "outcome unknown" and
 *   the same entry is pushed again later (I7), the server answering a replay with the
 *   stored result (I2);
 * - entries go out in seq order (I6) and leave the outbox only once the server answered
 *   for them and, if applied, the pull that follows has brought their effect (I1);
 * - a refused entry is kept, shown with its reason, and never blocks the ones after it.
 */
import { uuidv7 } from 'uuidv7';
import { MUTATION_SCHEMAS, type MutationArgs, type MutationName } from './mutations.ts';
import { DEFAULT_PULL_LIMIT, MAX_MUTATIONS_PER_PUSH, MAX_PULL_LIMIT } from './protocol.ts';
import { TransportError, type OutboxEntry, type SyncStatus, type SyncStorage, type SyncTransport } from './types.ts';
import { retryDelay, type BackoffOptions } from './backoff.ts';
import { defaultScheduler, type Scheduler } from './scheduler.ts';
import { runSync } from './run.ts';

export interface SyncEngineOptions {
  storage: SyncStorage;
  transport: SyncTransport;
  now?: () => Date;
  /** Ids of new mutations; UUIDv7 by default. */
  newId?: () => string;
  onStatus?: (status: SyncStatus) => void;
  /** Mutations per push request (at most MAX_MUTATIONS_PER_PUSH). */
  pushBatchSize?: number;
  /** Changes per pull page (at most MAX_PULL_LIMIT). */
  pullLimit?: number;
  /** Retry delays after failures; `random` is injectable for tests. */
  backoff?: BackoffOptions;
  /** Timers; the global ones by default. */
  scheduler?: Scheduler;
}

/** Thrown by enqueue when the args do not fit the mutation's schema: a bug in the caller. */
export class InvalidMutationError extends Error {
  constructor(
    readonly mutation: string,
    readonly issues: readonly { path: readonly PropertyKey[]; message: string }[],
  ) {
    super(`Invalid args for ${mutation}: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidMutationError';
  }
}

const DEFAULT_PUSH_BATCH_SIZE = 100;

export class SyncEngine {
  readonly #storage: SyncStorage;
  readonly #transport: SyncTransport;
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #onStatus: ((s: SyncStatus) => void) | undefined;
  readonly #pushBatchSize: number;
  readonly #pullLimit: number;
  readonly #backoff: BackoffOptions;
  readonly #timers: Scheduler;

  #status: SyncStatus = { state: 'idle', pending: 0, refused: 0, lastSyncAt: null, lastError: null };
  #running = false;
  #waiters: ((s: SyncStatus) => void)[] = [];
  #failures = 0;
  #started = false;
  #intervalMs = 0;
  #intervalTimer: unknown = null;
  #retryTimer: unknown = null;
  /** The retry timer waits for a Retry-After: requestSync must not cut it short. */
  #holding = false;
  #soonTimer: unknown = null;

  constructor(options: SyncEngineOptions) {
    this.#storage = options.storage;
    this.#transport = options.transport;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? uuidv7;
    this.#onStatus = options.onStatus;
    this.#pushBatchSize = clamp(options.pushBatchSize ?? DEFAULT_PUSH_BATCH_SIZE, MAX_MUTATIONS_PER_PUSH);
    this.#pullLimit = clamp(options.pullLimit ?? DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT);
    this.#backoff = options.backoff ?? {};
    this.#timers = options.scheduler ?? defaultScheduler;
  }

  get status(): SyncStatus {
    return { ...this.#status };
  }

  /** Reads the counts and lastSyncAt from storage, e.g. when the app opens. */
  async refreshStatus(): Promise<SyncStatus> {
    const meta = await this.#storage.loadMeta();
    await this.#recount({ lastSyncAt: meta.lastSyncAt });
    return this.status;
  }

  /** Validates, stores durably with its final id and the next seq, then asks for a sync. */
  async enqueue<N extends MutationName>(name: N, args: MutationArgs[N]): Promise<OutboxEntry> {
    const schema = MUTATION_SCHEMAS[name];
    if (!schema) throw new InvalidMutationError(String(name), [{ path: [], message: 'unknown mutation' }]);
    const parsed = schema.safeParse(args);
    if (!parsed.success) {
      throw new InvalidMutationError(name, parsed.error.issues.map((i) => ({ path: i.path, message: i.message })));
    }
    const id = this.#newId();
    const at = this.#now().toISOString();
    const entry = await this.#storage.appendToOutbox((seq) => ({ id, seq, name, args: parsed.data, at, status: 'pending', attempts: 0 }));
    await this.#recount();
    this.requestSync();
    return entry;
  }

  /** Drops a refused entry the user has seen. Pending entries are never dropped: false. */
  async dismissRefused(id: string): Promise<boolean> {
    const entry = (await this.#storage.listOutbox()).find((e) => e.id === id);
    if (entry?.status !== 'refused') return false;
    await this.#storage.removeFromOutbox(id);
    await this.#recount();
    return true;
  }

  /**
   * Runs one sync. Single flight: while a run is going, calls are coalesced into exactly
   * one more run after it, and they all resolve with that run's status, so whoever asks
   * sees a run that started after their request. Never rejects.
   */
  sync(): Promise<SyncStatus> {
    const result = new Promise<SyncStatus>((resolve) => this.#waiters.push(resolve));
    if (!this.#running) void this.#drive();
    return result;
  }

  /** Asks for a sync soon, without waiting. A pending Retry-After is still honoured. */
  requestSync(): void {
    if (this.#holding || this.#soonTimer !== null) return;
    this.#clearRetry();
    this.#soonTimer = this.#timers.setTimeout(() => {
      this.#soonTimer = null;
      void this.sync();
    }, 0);
  }

  /** Syncs now and then every intervalMs; failures are retried with backoff. */
  start({ intervalMs }: { intervalMs: number }): void {
    this.stop();
    this.#started = true;
    this.#intervalMs = intervalMs;
    this.requestSync();
    this.#armInterval();
  }

  /** Stops all timers. A run in flight finishes; nothing new is scheduled. */
  stop(): void {
    this.#started = false;
    for (const t of [this.#intervalTimer, this.#retryTimer, this.#soonTimer]) if (t !== null) this.#timers.clearTimeout(t);
    this.#intervalTimer = this.#retryTimer = this.#soonTimer = null;
    this.#holding = false;
  }

  /** The periodic tick counts from the end of the last run, so it never doubles a run. */
  #armInterval(): void {
    if (this.#intervalTimer !== null) this.#timers.clearTimeout(this.#intervalTimer);
    this.#intervalTimer = null;
    if (!this.#started || !(this.#intervalMs > 0)) return;
    this.#intervalTimer = this.#timers.setTimeout(() => {
      this.#intervalTimer = null;
      // A run in flight already covers this tick. While backing off, the retry timer
      // decides; after a 401, only a new login does.
      if (!this.#running && this.#retryTimer === null && this.#status.state !== 'unauthorized') void this.sync();
      this.#armInterval();
    }, this.#intervalMs);
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#holding = false;
  }

  async #drive(): Promise<void> {
    this.#running = true;
    try {
      while (this.#waiters.length > 0) {
        const waiters = this.#waiters;
        this.#waiters = [];
        const status = await this.#runOnce();
        this.#armInterval();
        for (const resolve of waiters) resolve(status);
      }
    } finally {
      this.#running = false;
    }
  }

  async #runOnce(): Promise<SyncStatus> {
    this.#update({ state: 'syncing' });
    try {
      await runSync({
        storage: this.#storage,
        transport: this.#transport,
        pushBatchSize: this.#pushBatchSize,
        pullLimit: this.#pullLimit,
        onOutboxChange: () => this.#recount(),
      });
      const lastSyncAt = this.#now().toISOString();
      await this.#storage.saveMeta({ lastSyncAt });
      this.#failures = 0;
      this.#clearRetry();
      await this.#recount({ state: 'idle', lastSyncAt, lastError: null });
    } catch (error) {
      await this.#fail(error);
    }
    return this.status;
  }

  async #fail(error: unknown): Promise<void> {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof TransportError && error.kind === 'unauthorized') {
      // Retrying cannot help until the user logs in again; web/ then calls requestSync().
      this.#clearRetry();
      await this.#recount({ state: 'unauthorized', lastError: message }).catch(() => this.#update({ state: 'unauthorized', lastError: message }));
      return;
    }
    this.#failures += 1;
    const offline = error instanceof TransportError && error.kind === 'network';
    const patch = { state: offline ? 'offline' : 'error', lastError: message } as const;
    await this.#recount(patch).catch(() => this.#update(patch));
    if (!this.#started) return;
    const retryAfter = error instanceof TransportError && error.kind === 'rate_limited' ? error.retryAfterMs : undefined;
    this.#clearRetry();
    this.#holding = retryAfter !== undefined;
    this.#retryTimer = this.#timers.setTimeout(
      () => {
        this.#retryTimer = null;
        this.#holding = false;
        void this.sync();
      },
      retryDelay(this.#failures, retryAfter, this.#backoff),
    );
  }

  /** Updates the counts from the outbox, merges `patch`, and tells the listener. */
  async #recount(patch: Partial<SyncStatus> = {}): Promise<void> {
    const outbox = await this.#storage.listOutbox();
    const pending = outbox.filter((e) => e.status === 'pending').length;
    this.#update({ ...patch, pending, refused: outbox.length - pending });
  }

  #update(patch: Partial<SyncStatus>): void {
    const next = { ...this.#status, ...patch };
    const prev = this.#status;
    this.#status = next;
    const changed = (Object.keys(next) as (keyof SyncStatus)[]).some((k) => next[k] !== prev[k]);
    if (!changed || !this.#onStatus) return;
    try {
      this.#onStatus({ ...next });
    } catch (error) {
      // A broken listener must not stop the outbox from syncing.
      console.error('SyncEngine onStatus listener failed', error);
    }
  }
}

function clamp(n: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(n)));
}
