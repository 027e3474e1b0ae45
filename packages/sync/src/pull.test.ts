import { describe, expect, it } from 'vitest';
import { SyncEngine } from './engine.ts';
import { MemoryStorage } from './memory-storage.ts';
import type { PullRequest } from './protocol.ts';
import type { SyncStorage, SyncTransport } from './types.ts';
import { ModelServer } from './test/model-server.ts';
import { FaultyTransport } from './test/faulty-transport.ts';
import { ManualScheduler, frontDesk, head, submitArgs } from './test/fixtures.ts';

/** A server holding n dossiers filed at the front desk. */
async function serverWith(n: number) {
  const server = new ModelServer();
  const filer = new SyncEngine({
    storage: new MemoryStorage(),
    transport: new FaultyTransport(server, frontDesk),
    scheduler: new ManualScheduler(),
  });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const args = submitArgs(i);
    ids.push(args.dossierId);
    await filer.enqueue('dossier.submit@1', args);
  }
  await filer.sync();
  return { server, ids };
}

function device(server: ModelServer, pullLimit: number) {
  const storage = new MemoryStorage();
  const transport = new FaultyTransport(server, head);
  const engine = new SyncEngine({ storage, transport, pullLimit, scheduler: new ManualScheduler() });
  const pulls = () => server.received.filter((r) => r.kind === 'pull' && r.userId === head.id).map((r) => r.request as PullRequest);
  return { storage, transport, engine, pulls };
}

describe('pull', () => {
  it('brings N > limit rows over several pages and ends at the last version', async () => {
    const { server, ids } = await serverWith(25);
    const { storage, engine, pulls } = device(server, 10);
    expect(await engine.sync()).toMatchObject({ state: 'idle' });
    expect(pulls().map((p) => [p.cursor, p.limit])).toEqual([
      [null, 10],
      [10, 10],
      [20, 10],
    ]);
    expect(
      storage
        .dossiers()
        .map((d) => d.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect((await storage.loadMeta()).cursor).toBe(server.version);
  });

  it('resumes from the last page applied after a failure mid-way', async () => {
    const { server, ids } = await serverWith(25);
    const { storage, engine, transport, pulls } = device(server, 10);
    transport.faults.push('ok', 'drop_request');
    expect(await engine.sync()).toMatchObject({ state: 'offline' });
    expect(storage.dossiers()).toHaveLength(10);
    expect(await engine.sync()).toMatchObject({ state: 'idle' });
    expect(transport.calls.map((c) => c.fault)).toEqual(['ok', 'drop_request', 'ok', 'ok']);
    expect(pulls().map((p) => p.cursor)).toEqual([null, 10, 20]);
    expect(storage.dossiers()).toHaveLength(ids.length);
  });

  it('then only pulls what changed', async () => {
    const { server, ids } = await serverWith(3);
    const { storage, engine } = device(server, 10);
    await engine.sync();
    server.act(head, ids[1]!, { from: 'INVIATA', to: 'PROTOCOLLATA' });
    server.delete(ids[2]!);
    await engine.sync();
    expect(storage.dossiers().map((d) => [d.id, d.status])).toEqual([
      [ids[0], 'INVIATA'],
      [ids[1], 'PROTOCOLLATA'],
    ]);
  });

  it('on reset drops local records the tombstones no longer cover, and keeps the outbox', async () => {
    const { server, ids } = await serverWith(4);
    const { storage, engine, transport } = device(server, 2);
    await engine.sync();
    server.delete(ids[0]!);
    server.compactTombstones();
    // Made while offline: must survive the reset and still be delivered.
    transport.faults.push('drop_request');
    const pending = await engine.enqueue('dossier.transition@1', { dossierId: ids[1]!, from: 'INVIATA', to: 'PROTOCOLLATA' });
    await engine.sync();
    expect((await storage.listOutbox()).map((e) => e.id)).toEqual([pending.id]);
    await storage.applyPull([], 0, true);
    expect(storage.dossiers()).toEqual([]);
    expect((await storage.listOutbox()).map((e) => e.id)).toEqual([pending.id]);
    await storage.saveMeta({ cursor: 1 }); // older than the tombstone horizon
    expect(await engine.sync()).toMatchObject({ state: 'idle', pending: 0 });
    expect(
      storage
        .dossiers()
        .map((d) => d.id)
        .sort(),
    ).toEqual(ids.slice(1).sort());
    expect(server.dossier(ids[1]!)?.status).toBe('PROTOCOLLATA');
  });

  it('passes the reset flag to storage and converges after it', async () => {
    const { server, ids } = await serverWith(5);
    const { storage, engine } = device(server, 2);
    await engine.sync();
    server.delete(ids[4]!);
    server.compactTombstones();
    // A stale device that still holds the deleted dossier, with an old cursor.
    await storage.saveMeta({ cursor: 2 });
    expect(storage.dossiers().map((d) => d.id)).toContain(ids[4]);
    await engine.sync();
    expect(
      storage
        .dossiers()
        .map((d) => d.id)
        .sort(),
    ).toEqual(ids.slice(0, 4).sort());
    expect(
      storage
        .dossiers()
        .map((d) => d.id)
        .sort(),
    ).toEqual(
      server
        .scope(head)
        .map((d) => d.id)
        .sort(),
    );
  });

  it('keeps the old records when a reset is interrupted, and replaces them once it completes', async () => {
    const { server, ids } = await serverWith(5);
    const { storage, engine, transport } = device(server, 2);
    await engine.sync();
    server.delete(ids[0]!);
    server.compactTombstones();
    // Staff work on the rest, so the re-pull takes several pages.
    for (const id of ids.slice(1)) server.act(head, id, { from: 'INVIATA', to: 'PROTOCOLLATA' });
    transport.faults.push('ok', 'drop_request'); // the reset's first page arrives, the second does not
    expect(await engine.sync()).toMatchObject({ state: 'offline' });
    expect(
      storage
        .dossiers()
        .map((d) => d.id)
        .sort(),
    ).toEqual([...ids].sort());
    const before = (await storage.loadMeta()).cursor;
    expect(before).toBe(5);
    expect(await engine.sync()).toMatchObject({ state: 'idle' });
    expect(
      storage
        .dossiers()
        .map((d) => d.id)
        .sort(),
    ).toEqual(ids.slice(1).sort());
    expect(storage.dossiers().every((d) => d.status === 'PROTOCOLLATA')).toBe(true);
    expect((await storage.loadMeta()).cursor).toBe(server.version);
  });

  it('asks for the next page while the current one is written, and drops it if writing fails', async () => {
    const { server, ids } = await serverWith(25);
    const { storage, transport, pulls } = device(server, 10);
    const log: string[] = [];
    let failAt: number | null = 2;
    let applied = 0;
    const failingStorage: SyncStorage = {
      loadMeta: () => storage.loadMeta(),
      saveMeta: (patch) => storage.saveMeta(patch),
      appendToOutbox: (make) => storage.appendToOutbox(make),
      listOutbox: () => storage.listOutbox(),
      settleOutbox: (a, r) => storage.settleOutbox(a, r),
      removeFromOutbox: (id) => storage.removeFromOutbox(id),
      incrementAttempts: (ids) => storage.incrementAttempts(ids),
      applyPull: async (changes, cursor, reset) => {
        log.push(`apply ${changes.length}`);
        if (++applied === failAt) throw new Error('disk full');
        return storage.applyPull(changes, cursor, reset);
      },
    };
    const loggingTransport: SyncTransport = {
      push: (r) => transport.push(r),
      pull: (r) => {
        log.push(`pull ${r.cursor}`);
        return transport.pull(r);
      },
    };
    const engine = new SyncEngine({
      storage: failingStorage,
      transport: loggingTransport,
      pullLimit: 10,
      scheduler: new ManualScheduler(),
    });
    expect(await engine.sync()).toMatchObject({ state: 'error', lastError: expect.stringMatching(/disk full/) });
    // Page 2 was asked for before page 1 was written; page 3 before page 2, which failed.
    expect(log).toEqual(['pull null', 'pull 10', 'apply 10', 'pull 20', 'apply 10']);
    expect(storage.dossiers()).toHaveLength(10);
    expect((await storage.loadMeta()).cursor).toBe(10);
    failAt = null;
    log.length = 0;
    expect(await engine.sync()).toMatchObject({ state: 'idle' });
    expect(log).toEqual(['pull 10', 'pull 20', 'apply 10', 'apply 5']);
    expect(
      storage
        .dossiers()
        .map((d) => d.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(pulls().map((p) => p.cursor)).toEqual([null, 10, 20, 10, 20]);
  });

  it('stops with an error when the server says "more" but sends nothing', async () => {
    const transport: SyncTransport = {
      push: async () => ({ lastSeq: 0, outcomes: [] }),
      pull: async (req) => ({ cursor: req.cursor ?? 0, more: true, reset: false, changes: [] }),
    };
    const engine = new SyncEngine({ storage: new MemoryStorage(), transport, scheduler: new ManualScheduler() });
    expect(await engine.sync()).toMatchObject({ state: 'error', lastError: expect.stringMatching(/more/) });
  });

  it('stops with an error instead of looping when every page asks for a reset', async () => {
    const transport: SyncTransport = {
      push: async () => ({ lastSeq: 0, outcomes: [] }),
      pull: async () => ({ cursor: 1, more: true, reset: true, changes: [] }),
    };
    const engine = new SyncEngine({ storage: new MemoryStorage(), transport, scheduler: new ManualScheduler() });
    expect(await engine.sync()).toMatchObject({ state: 'error', lastError: expect.stringMatching(/reset twice/) });
  });
});
