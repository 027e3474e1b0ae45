import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStorage, type Change, type PullResponse, type SyncTransport } from '@icaro/sync';
import { SYNC_MEASURES, markFirstList, runTimer, timedStorage, timedTransport } from './timing.ts';

const measures = (name: string) => performance.getEntriesByName(name, 'measure') as PerformanceMeasure[];

afterEach(() => {
  for (const name of Object.values(SYNC_MEASURES)) performance.clearMeasures(name);
  performance.clearMarks('icaro:first-list');
});

describe('sync timing', () => {
  it('times each applied page with its row count, and still applies it', async () => {
    const inner = new MemoryStorage();
    const storage = timedStorage(inner);
    await storage.loadMeta();
    await storage.applyPull(
      [{ entity: 'dossier', op: 'del', id: 'a' } as Change, { entity: 'dossier', op: 'del', id: 'b' } as Change],
      7,
      false,
    );
    expect((await inner.loadMeta()).cursor).toBe(7);
    const [entry] = measures(SYNC_MEASURES.apply);
    expect(entry?.detail).toEqual({ rows: 2, reset: false });
    expect(entry!.duration).toBeGreaterThanOrEqual(0);
  });

  it('records no apply entry when the write fails, and lets the error through', async () => {
    const inner = new MemoryStorage();
    inner.applyPull = async () => {
      throw new Error('disk full');
    };
    await expect(timedStorage(inner).applyPull([], 1, false)).rejects.toThrow('disk full');
    expect(measures(SYNC_MEASURES.apply)).toHaveLength(0);
  });

  it('times each pull with the number of changes, passing pushes through untouched', async () => {
    const page: PullResponse = { cursor: 3, more: true, reset: false, changes: [{ entity: 'dossier', op: 'del', id: 'x' } as Change] };
    const pushed: unknown[] = [];
    const inner: SyncTransport = {
      push: async (r) => {
        pushed.push(r);
        return { lastSeq: 0, outcomes: [] };
      },
      pull: async () => page,
    };
    const transport = timedTransport(inner);
    expect(await transport.pull({ cursor: null })).toBe(page);
    await transport.push({ clientId: 'c', mutations: [] });
    expect(pushed).toHaveLength(1);
    expect(measures(SYNC_MEASURES.pull).map((m) => m.detail)).toEqual([{ rows: 1, more: true }]);
  });

  it('records one run entry from syncing to the state that ends it', () => {
    const timer = runTimer();
    timer('idle'); // no run started: nothing
    timer('syncing');
    timer('syncing');
    timer('offline');
    timer('syncing');
    timer('idle');
    expect(measures(SYNC_MEASURES.run).map((m) => m.detail)).toEqual([{ outcome: 'offline' }, { outcome: 'idle' }]);
  });

  it('marks the first list once per page load', () => {
    markFirstList('server');
    markFirstList('local');
    const marks = performance.getEntriesByName('icaro:first-list', 'mark') as PerformanceMark[];
    expect(marks.map((m) => m.detail)).toEqual([{ source: 'server' }]);
  });
});
