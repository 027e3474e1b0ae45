/**
 * The engine's ports. The engine never touches IndexedDB or HTTP directly: `web/`
 * provides a Dexie-backed SyncStorage and a tRPC-backed SyncTransport; tests use the
 * in-memory storage and fault-injecting transports.
 */
import type { MutationName } from './mutations.ts';
import type { Change, PullRequest, PullResponse, PushRequest, PushResponse, RefusalCode } from './protocol.ts';

export interface OutboxEntry {
  id: string;
  seq: number;
  name: MutationName;
  args: unknown;
  /** When the user did it, ISO 8601. */
  at: string;
  status: 'pending' | 'refused';
  refusal?: { code: RefusalCode; detail?: string; at: string };
  /** Push attempts so far: for diagnostics only, the id never changes (I7). */
  attempts: number;
}

export interface SyncMeta {
  clientId: string;
  /** Highest pulled version, or null before the first pull. */
  cursor: number | null;
  lastSyncAt: string | null;
}

export interface SyncStorage {
  /** Creates the meta row (with a fresh clientId) on first use. */
  loadMeta(): Promise<SyncMeta>;
  saveMeta(patch: Partial<Omit<SyncMeta, 'clientId'>>): Promise<void>;
  /**
   * Atomically allocates the next seq and appends the entry built from it, durably
   * (IndexedDB durability 'strict'). Two tabs must never get the same seq.
   */
  appendToOutbox(make: (seq: number) => OutboxEntry): Promise<OutboxEntry>;
  /** All entries, pending and refused, in seq order. */
  listOutbox(): Promise<OutboxEntry[]>;
  /** Drops acknowledged entries and marks refused ones, in one transaction. */
  settleOutbox(applied: string[], refused: { id: string; code: RefusalCode; detail?: string }[]): Promise<void>;
  /** Removes one entry (a refused mutation the user dismissed). */
  removeFromOutbox(id: string): Promise<void>;
  incrementAttempts(ids: string[]): Promise<void>;
  /**
   * Applies one pulled page and moves the cursor, in one transaction. With reset, all
   * pulled records are dropped first (the outbox is kept).
   */
  applyPull(changes: Change[], cursor: number, reset: boolean): Promise<void>;
}

/**
 * The same storage with its page writes wrapped (timing, bulk-pull bookkeeping). Every other
 * call goes to the real storage as a call on it, since its methods may use private fields.
 */
export function withApplyPull(storage: SyncStorage, applyPull: SyncStorage['applyPull']): SyncStorage {
  return {
    loadMeta: () => storage.loadMeta(),
    saveMeta: (patch) => storage.saveMeta(patch),
    appendToOutbox: (make) => storage.appendToOutbox(make),
    listOutbox: () => storage.listOutbox(),
    settleOutbox: (applied, refused) => storage.settleOutbox(applied, refused),
    removeFromOutbox: (id) => storage.removeFromOutbox(id),
    incrementAttempts: (ids) => storage.incrementAttempts(ids),
    applyPull,
  };
}

export type TransportErrorKind = 'network' | 'unauthorized' | 'rate_limited' | 'server' | 'bad_request';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface SyncTransport {
  /** Throws TransportError. A 'network' error means the outcome is unknown. */
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
}

export type SyncState = 'idle' | 'syncing' | 'offline' | 'unauthorized' | 'error';

export interface SyncStatus {
  state: SyncState;
  pending: number;
  refused: number;
  lastSyncAt: string | null;
  lastError: string | null;
}
