/**
 * The client sync engine: the outbox, the push/pull loop and its scheduling.
 * It reaches storage and the network only through the ports in types.ts.
 *
 * Rules kept here (QUALITY.md §3):
 * - an outbox entry keeps its id forever; a network error means "outcome unknown" and
 *   the same entry is pushed again later (I7), the server answering a replay with the
 *   stored result (I2);
 * - entries go out in seq order (I6) and are removed only once the server answered for
 *   them (I1);
 * - a refused entry is kept, shown with its reason, and never blocks the ones after it.
 */
import { uuidv7 } from 'uuidv7';
import { MUTATION_SCHEMAS, type MutationArgs, type MutationName } from './mutations.ts';
import {
  DEFAULT_PULL_LIMIT,
  MAX_MUTATIONS_PER_PUSH,
  MAX_PULL_LIMIT,
  type MutationEnvelope,
  type PushResponse,
  type RefusalCode,
} from './protocol.ts';
import { type OutboxEntry, type SyncStatus, type SyncStorage, type SyncTransport, TransportError } from './types.ts';
import { retryDelay, type BackoffOptions } from './backoff.ts';
import { defaultScheduler, type Scheduler } from './scheduler.ts';

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

/** The server answered in a way the protocol does not allow (no progress, a cursor going back). */
export class SyncProtocolError extends Error {
  override name = 'SyncProtocolError';
}

const DEFAULT_PUSH_BATCH_SIZE = 100;

function envelope(e: OutboxEntry): MutationEnvelope {
  return { id: e.id, seq: e.seq, name: e.name, args: e.args, at: e.at };
}

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
      const meta = await this.#storage.loadMeta();
      await this.#pushAll(meta.clientId);
      await this.#pullAll(meta.cursor);
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

  async #pushAll(clientId: string): Promise<void> {
    let batchSize = this.#pushBatchSize;
    // An entry the server cannot read (HTTP 400 on it alone), set aside until another
    // entry goes through: that proves the fault is in the entry, not in every request.
    let suspect: string | null = null;
    for (;;) {
      const pending = (await this.#storage.listOutbox()).filter((e) => e.status === 'pending' && e.id !== suspect);
      const batch = pending.slice(0, batchSize);
      if (batch.length === 0) {
        if (suspect !== null) throw new SyncProtocolError('The server rejected a push request as malformed');
        return;
      }
      const ids = batch.map((e) => e.id);
      await this.#storage.incrementAttempts(ids);
      let response: PushResponse;
      try {
        response = await this.#transport.push({ clientId, mutations: batch.map(envelope) });
      } catch (error) {
        // A rejected request applied nothing: shrink to one entry at a time to find the bad one.
        if (!(error instanceof TransportError && error.kind === 'bad_request')) throw error;
        if (suspect !== null) throw error;
        if (batch.length > 1) batchSize = 1;
        else suspect = ids[0] ?? null;
        continue;
      }
      const settled = settlement(response, new Set(ids));
      if (suspect !== null) {
        settled.refused.push({ id: suspect, code: 'invalid', detail: 'The server could not read this mutation (bad_request)' });
        suspect = null;
      }
      await this.#storage.settleOutbox(settled.applied, settled.refused);
      await this.#recount();
      // Without an outcome an entry stays pending; if nothing at all was settled, the
      // next request would be the same one: stop and retry later instead of spinning.
      if (settled.applied.length + settled.refused.length === 0) {
        throw new SyncProtocolError('The server answered a push without settling any mutation');
      }
    }
  }

  async #pullAll(cursor: number | null): Promise<void> {
    let resets = 0;
    for (;;) {
      const page = await this.#transport.pull({ cursor, limit: this.#pullLimit });
      const stuck = page.more && page.changes.length === 0 && page.cursor === cursor;
      if (!page.reset && cursor !== null && page.cursor < cursor) throw new SyncProtocolError('The pull cursor went back');
      // A second reset in one loop means the server's pages never get past its horizon.
      if (page.reset && ++resets > 1) throw new SyncProtocolError('The server asked for a reset twice in one pull');
      await this.#storage.applyPull(page.changes, page.cursor, page.reset);
      cursor = page.cursor;
      if (!page.more) return;
      if (stuck) throw new SyncProtocolError('The server announced more changes but sent none');
    }
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
    if (changed) this.#onStatus?.({ ...next });
  }
}

function settlement(response: PushResponse, batch: ReadonlySet<string>) {
  const applied: string[] = [];
  const refused: { id: string; code: RefusalCode; detail?: string }[] = [];
  for (const o of response.outcomes) {
    if (!batch.has(o.id)) continue;
    if (o.status === 'applied') applied.push(o.id);
    else refused.push(o.detail === undefined ? { id: o.id, code: o.code } : { id: o.id, code: o.code, detail: o.detail });
  }
  return { applied, refused };
}

function clamp(n: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(n)));
}
