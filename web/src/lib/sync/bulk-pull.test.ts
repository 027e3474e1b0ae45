import { describe, expect, it } from 'vitest';
import { MemoryStorage, SyncEngine, TransportError, type Change, type PullRequest, type SyncTransport } from '@icaro/sync';
import { watchBulkPulls } from './bulk-pull.ts';

/** A server with `total` deletions to pull, in pages of `limit`; `failAt` makes that pull fail. */
function server(total: number, failAt: number | null = null): SyncTransport & { pulls: number } {
  const t = {
    pulls: 0,
    push: async () => ({ lastSeq: 0, outcomes: [] }),
    async pull(req: PullRequest) {
      t.pulls += 1;
      if (t.pulls === failAt) throw new TransportError('network', 'no answer');
      const from = req.cursor ?? 0;
      const to = Math.min(total, from + (req.limit ?? 1000));
      const changes: Change[] = [];
      for (let i = from; i < to; i++) changes.push({ entity: 'dossier', op: 'del', id: `d${i}` } as Change);
      return { cursor: to, more: to < total, reset: false, changes };
    },
  };
  return t;
}

function engineWith(transport: SyncTransport) {
  const log: string[] = [];
  const storage = new MemoryStorage();
  const ports = watchBulkPulls(
    {
      ...bind(storage),
      applyPull: async (changes, cursor, reset) => {
        log.push(`apply ${changes.length}`);
        await storage.applyPull(changes, cursor, reset);
      },
    },
    transport,
    { start: () => log.push('start'), end: () => log.push('end') },
  );
  const engine = new SyncEngine({
    storage: ports.storage,
    transport: ports.transport,
    pullLimit: 10,
    onStatus: (s) => {
      if (s.state !== 'syncing') ports.runEnded();
    },
  });
  return { engine, log };
}

function bind(storage: MemoryStorage) {
  return {
    loadMeta: () => storage.loadMeta(),
    saveMeta: (patch: Parameters<MemoryStorage['saveMeta']>[0]) => storage.saveMeta(patch),
    appendToOutbox: (make: Parameters<MemoryStorage['appendToOutbox']>[0]) => storage.appendToOutbox(make),
    listOutbox: () => storage.listOutbox(),
    settleOutbox: (a: string[], r: Parameters<MemoryStorage['settleOutbox']>[1]) => storage.settleOutbox(a, r),
    removeFromOutbox: (id: string) => storage.removeFromOutbox(id),
    incrementAttempts: (ids: string[]) => storage.incrementAttempts(ids),
  };
}

describe('bulk pulls', () => {
  it('a pull of several pages starts once and ends after the last page is written', async () => {
    const { engine, log } = engineWith(server(25));
    expect(await engine.sync()).toMatchObject({ state: 'idle' });
    expect(log).toEqual(['start', 'apply 10', 'apply 10', 'apply 5', 'end']);
  });

  it('a pull of one page is not bulk', async () => {
    const { engine, log } = engineWith(server(7));
    await engine.sync();
    await engine.sync();
    expect(log).toEqual(['apply 7', 'apply 0']);
  });

  it('a bulk pull cut short by the network still ends', async () => {
    const { engine, log } = engineWith(server(25, 3));
    expect(await engine.sync()).toMatchObject({ state: 'offline' });
    expect(log).toEqual(['start', 'apply 10', 'apply 10', 'end']);
  });
});
