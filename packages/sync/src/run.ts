/**
 * One sync run: push the outbox in seq order, then pull until the server has no more.
 * SyncEngine adds single flight, status and scheduling around it.
 */
import type { Change, MutationEnvelope, PullResponse, PushResponse, RefusalCode } from './protocol.ts';
import { TransportError, type OutboxEntry, type SyncStorage, type SyncTransport } from './types.ts';

/** The server answered in a way the protocol does not allow (no progress, a cursor going back). */
export class SyncProtocolError extends Error {
  override name = 'SyncProtocolError';
}

export interface RunOptions {
  storage: SyncStorage;
  transport: SyncTransport;
  pushBatchSize: number;
  pullLimit: number;
  /** Called after each change to the outbox, to update the counts shown. */
  onOutboxChange: () => Promise<void>;
}

type Refused = { id: string; code: RefusalCode; detail?: string };

export async function runSync(options: RunOptions): Promise<void> {
  const meta = await options.storage.loadMeta();
  const applied = await pushAll(options, meta.clientId);
  await pullAll(options, meta.cursor);
  // Applied entries leave the outbox only now that the pull has brought their effect:
  // until then the view replays them, so a dossier never vanishes between the two. If
  // the run fails before this point they are pushed again, and the server answers the
  // same ids with the stored result.
  if (applied.length > 0) {
    await options.storage.settleOutbox(applied, []);
    await options.onOutboxChange();
  }
}

/** Pushes every pending entry; returns the ids the server applied (or had applied). */
async function pushAll(options: RunOptions, clientId: string): Promise<string[]> {
  const { storage, transport } = options;
  const applied = new Set<string>();
  let batchSize = options.pushBatchSize;
  // An entry the server cannot read (HTTP 400 on it alone), set aside until another
  // entry goes through: that proves the fault is in the entry, not in every request.
  let suspect: string | null = null;
  for (;;) {
    const pending = (await storage.listOutbox()).filter((e) => e.status === 'pending' && !applied.has(e.id) && e.id !== suspect);
    const batch = pending.slice(0, batchSize);
    if (batch.length === 0) {
      if (suspect !== null) throw new SyncProtocolError('The server rejected a push request as malformed');
      return [...applied];
    }
    const ids = batch.map((e) => e.id);
    await storage.incrementAttempts(ids);
    let response: PushResponse;
    try {
      response = await transport.push({ clientId, mutations: batch.map(envelope) });
    } catch (error) {
      // A rejected request applied nothing: shrink to one entry at a time to find the bad one.
      if (!(error instanceof TransportError && error.kind === 'bad_request') || suspect !== null) throw error;
      if (batch.length > 1) batchSize = 1;
      else suspect = ids[0] ?? null;
      continue;
    }
    const outcome = outcomes(response, new Set(ids));
    if (suspect !== null) {
      outcome.refused.push({ id: suspect, code: 'invalid', detail: 'The server could not read this mutation (bad_request)' });
      suspect = null;
    }
    for (const id of outcome.applied) applied.add(id);
    if (outcome.refused.length > 0) {
      await storage.settleOutbox([], outcome.refused);
      await options.onOutboxChange();
    }
    // Without an outcome an entry stays pending; if nothing at all was settled, the
    // next request would be the same one: stop and retry later instead of spinning.
    if (outcome.applied.length + outcome.refused.length === 0) {
      throw new SyncProtocolError('The server answered a push without settling any mutation');
    }
  }
}

async function pullAll(options: RunOptions, cursor: number | null): Promise<void> {
  // A reset replaces every local record. Its pages are gathered and applied together, so
  // an interruption half-way leaves the old records (and the old cursor) in place, not a
  // partial list: the device keeps what it could read offline, and the next run resets again.
  let reset: Change[] | null = null;
  // The next page is asked for while this one is written: the server's work and the
  // network overlap with the device's. If writing fails, the page asked for is dropped.
  let next: Promise<PullResponse> | null = null;
  for (;;) {
    const page = await (next ?? options.transport.pull({ cursor, limit: options.pullLimit }));
    next = null;
    if (!page.reset && cursor !== null && page.cursor < cursor) throw new SyncProtocolError('The pull cursor went back');
    if (page.reset) {
      // A second reset in one loop means the server's pages never get past its horizon.
      if (reset !== null) throw new SyncProtocolError('The server asked for a reset twice in one pull');
      reset = [];
    }
    const stuck = page.changes.length === 0 && page.cursor === cursor;
    if (page.more && !stuck) {
      next = options.transport.pull({ cursor: page.cursor, limit: options.pullLimit });
      // Awaited in the next turn; until then (or if writing this page fails) not unhandled.
      next.catch(() => undefined);
    }
    if (reset === null) await options.storage.applyPull(page.changes, page.cursor, false);
    else {
      reset = reset.concat(page.changes);
      if (!page.more) await options.storage.applyPull(reset, page.cursor, true);
    }
    cursor = page.cursor;
    if (!page.more) return;
    if (stuck) throw new SyncProtocolError('The server announced more changes but sent none');
  }
}

function envelope(e: OutboxEntry): MutationEnvelope {
  return { id: e.id, seq: e.seq, name: e.name, args: e.args, at: e.at };
}

function outcomes(response: PushResponse, batch: ReadonlySet<string>): { applied: string[]; refused: Refused[] } {
  const applied: string[] = [];
  const refused: Refused[] = [];
  for (const o of response.outcomes) {
    if (!batch.has(o.id)) continue;
    if (o.status === 'applied') applied.push(o.id);
    else refused.push(o.detail === undefined ? { id: o.id, code: o.code } : { id: o.id, code: o.code, detail: o.detail });
  }
  return { applied, refused };
}
