/**
 * The parts of sync that are not needed to draw a screen: the engine, the mutation
 * schemas (zod) and the tRPC transport. The manager loads this module on demand, so the
 * first screen carries only Dexie and the view projection.
 */
import { uuidv7 } from 'uuidv7';
import {
  MAX_PULL_LIMIT,
  MUTATION_SCHEMAS,
  SyncEngine,
  type MutationArgs,
  type MutationName,
  type OutboxEntry,
  type SyncStatus,
} from '@icaro/sync';
import type { UserStore } from '$lib/device';
import { TrpcSyncTransport } from '$lib/api/transport.ts';
import { listenForPokes } from './events.ts';
import { runTimer, timedStorage, timedTransport } from './timing.ts';
import { watchBulkPulls, type BulkPullHooks } from './bulk-pull.ts';
import { nowIso } from '$lib/time.ts';

const INTERVAL_MS = 60_000;

export interface RunningEngine {
  engine: SyncEngine;
  stop(): void;
}

/** Runs the engine for the leader tab: at once, on a timer, and on every poke. */
export function runEngine(store: UserStore, onStatus: (status: SyncStatus) => void, bulkPull?: BulkPullHooks): RunningEngine {
  const timeRun = runTimer();
  const ports = bulkPull
    ? watchBulkPulls(store.syncStorage, new TrpcSyncTransport(), bulkPull)
    : { storage: store.syncStorage, transport: new TrpcSyncTransport(), runEnded: () => {} };
  const engine = new SyncEngine({
    storage: timedStorage(ports.storage),
    transport: timedTransport(ports.transport),
    // The largest pages the server gives: every page applied makes the screens re-read
    // the device's dossiers, so a first sync of 10,000 in pages of 1,000 spent most of
    // its time re-reading (16 s against 6-8 s in pages of 5,000: docs/benchmarks.md).
    pullLimit: MAX_PULL_LIMIT,
    onStatus: (status) => {
      timeRun(status.state);
      if (status.state !== 'syncing') ports.runEnded();
      onStatus(status);
    },
  });
  void engine.refreshStatus().then(() => engine.start({ intervalMs: INTERVAL_MS }));
  const stopPokes = listenForPokes('/events', () => engine.requestSync());
  return {
    engine,
    stop() {
      stopPokes();
      engine.stop();
    },
  };
}

/** Validates a mutation and builds its outbox entry, with its final id, for `seq`. */
export function makeEntry<N extends MutationName>(name: N, args: MutationArgs[N]): (seq: number) => OutboxEntry {
  const parsed = MUTATION_SCHEMAS[name].safeParse(args);
  if (!parsed.success) throw new Error(`invalid ${name}: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const id = uuidv7();
  const at = nowIso();
  return (seq) => ({ id, seq, name, args: parsed.data, at, status: 'pending', attempts: 0 });
}
