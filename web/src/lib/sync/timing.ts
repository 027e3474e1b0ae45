/**
 * User Timing entries for sync, read by the device benchmarks (e2e/bench/device-sync.ts)
 * and visible in the browser's performance panel:
 * - `icaro:sync`: one engine run, from the state going to 'syncing' to its end;
 * - `icaro:sync:pull`: one pull request, network and JSON parsing included;
 * - `icaro:sync:apply`: one pulled page written to the device store.
 * The pull and apply entries carry `detail.rows`, the number of changes in the page.
 * Only the latest entries are kept, so a device left open for days does not pile them up.
 */
import { withApplyPull, type PullRequest, type PullResponse, type SyncState, type SyncStorage, type SyncTransport } from '@icaro/sync';

export const SYNC_MEASURES = { run: 'icaro:sync', pull: 'icaro:sync:pull', apply: 'icaro:sync:apply' } as const;
const KEEP = 500;
let written = 0;

function measure(name: string, start: number, detail: Record<string, unknown>): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return;
  try {
    performance.measure(name, { start, end: performance.now(), detail });
  } catch {
    // Timing must never break sync.
    return;
  }
  if (++written < KEEP) return;
  written = 0;
  for (const n of Object.values(SYNC_MEASURES)) performance.clearMeasures(n);
}

/** The storage port with each applied page timed. */
export function timedStorage(storage: SyncStorage): SyncStorage {
  return withApplyPull(storage, async (changes, cursor, reset) => {
    const start = performance.now();
    await storage.applyPull(changes, cursor, reset);
    measure(SYNC_MEASURES.apply, start, { rows: changes.length, reset });
  });
}

/** The transport with each pull timed (request, answer and parsing). */
export function timedTransport(transport: SyncTransport): SyncTransport {
  return {
    push: (request) => transport.push(request),
    async pull(request: PullRequest): Promise<PullResponse> {
      const start = performance.now();
      const page = await transport.pull(request);
      measure(SYNC_MEASURES.pull, start, { rows: page.changes.length, more: page.more });
      return page;
    },
  };
}

/** Tracks the engine's state and records one `icaro:sync` entry per run. */
export function runTimer(): (state: SyncState) => void {
  let started: number | null = null;
  return (state) => {
    if (state === 'syncing') {
      started ??= performance.now();
      return;
    }
    if (started === null) return;
    measure(SYNC_MEASURES.run, started, { outcome: state });
    started = null;
  };
}

/**
 * Marks `icaro:first-list` once per page load, when a screen first draws its list, with
 * where the rows came from ('device': IndexedDB; 'server'; 'local': the device's copy
 * because the server could not be reached). The warm-start benchmark reads it.
 */
export function markFirstList(source: 'device' | 'server' | 'local'): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName('icaro:first-list').length > 0) return;
  performance.mark('icaro:first-list', { detail: { source } });
}
