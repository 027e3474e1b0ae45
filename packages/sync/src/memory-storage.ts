/**
 * An in-memory SyncStorage with the same semantics as the Dexie one in web/: atomic
 * seq allocation, settling in one step, pulled pages applied with their cursor. Used by
 * tests and by Node tools. Everything is copied in and out, so a caller holding a
 * returned object cannot change what is stored.
 */
import { uuidv7 } from 'uuidv7';
import type { DossierView, Change, RefusalCode } from './protocol.ts';
import type { OutboxEntry, SyncMeta, SyncStorage } from './types.ts';

export interface MemoryStorageOptions {
  clientId?: string;
  now?: () => Date;
}

export class MemoryStorage implements SyncStorage {
  readonly #clientId: string;
  readonly #now: () => Date;
  #meta: SyncMeta | null = null;
  #lastSeq = 0;
  readonly #outbox = new Map<string, OutboxEntry>();
  readonly #records = new Map<string, DossierView>();

  constructor(options: MemoryStorageOptions = {}) {
    this.#clientId = options.clientId ?? uuidv7();
    this.#now = options.now ?? (() => new Date());
  }

  async loadMeta(): Promise<SyncMeta> {
    this.#meta ??= { clientId: this.#clientId, cursor: null, lastSyncAt: null };
    return { ...this.#meta };
  }

  async saveMeta(patch: Partial<Omit<SyncMeta, 'clientId'>>): Promise<void> {
    const meta = await this.loadMeta();
    // Only the two writable fields, whatever extra keys a caller passes.
    this.#meta = {
      clientId: meta.clientId,
      cursor: patch.cursor !== undefined ? patch.cursor : meta.cursor,
      lastSyncAt: patch.lastSyncAt !== undefined ? patch.lastSyncAt : meta.lastSyncAt,
    };
  }

  async appendToOutbox(make: (seq: number) => OutboxEntry): Promise<OutboxEntry> {
    // No await between reading and bumping the counter: allocation is atomic.
    const seq = this.#lastSeq + 1;
    const entry = structuredClone(make(seq));
    if (entry.seq !== seq) throw new Error(`Outbox entry built with seq ${entry.seq}, expected ${seq}`);
    if (this.#outbox.has(entry.id)) throw new Error(`Outbox already holds an entry with id ${entry.id}`);
    this.#lastSeq = seq;
    this.#outbox.set(entry.id, entry);
    return structuredClone(entry);
  }

  async listOutbox(): Promise<OutboxEntry[]> {
    return [...this.#outbox.values()].sort((a, b) => a.seq - b.seq).map((e) => structuredClone(e));
  }

  async settleOutbox(applied: string[], refused: { id: string; code: RefusalCode; detail?: string }[]): Promise<void> {
    const at = this.#now().toISOString();
    for (const id of applied) this.#outbox.delete(id);
    for (const r of refused) {
      const entry = this.#outbox.get(r.id);
      if (!entry) continue;
      entry.status = 'refused';
      entry.refusal = r.detail === undefined ? { code: r.code, at } : { code: r.code, detail: r.detail, at };
    }
  }

  async removeFromOutbox(id: string): Promise<void> {
    this.#outbox.delete(id);
  }

  async incrementAttempts(ids: string[]): Promise<void> {
    for (const id of ids) {
      const entry = this.#outbox.get(id);
      if (entry) entry.attempts += 1;
    }
  }

  async applyPull(changes: Change[], cursor: number, reset: boolean): Promise<void> {
    const meta = await this.loadMeta();
    // Build the new state aside and swap it in: all of the page or none of it.
    const next = reset ? new Map<string, DossierView>() : new Map(this.#records);
    for (const change of changes) {
      // Only dossiers make up this reference view; other entities are the device's business.
      if (change.entity !== 'dossier') continue;
      if (change.op === 'put') next.set(change.id, structuredClone(change.data));
      else next.delete(change.id);
    }
    this.#records.clear();
    for (const [id, record] of next) this.#records.set(id, record);
    this.#meta = { ...meta, cursor };
  }

  /** The pulled dossiers, as the server last sent them. */
  dossiers(): DossierView[] {
    return [...this.#records.values()].map((d) => structuredClone(d));
  }
}
