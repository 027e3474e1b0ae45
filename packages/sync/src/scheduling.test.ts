import { describe, expect, it, vi } from 'vitest';
import { SyncEngine } from './engine.ts';
import { MemoryStorage } from './memory-storage.ts';
import type { SyncStatus } from './types.ts';
import { ModelServer } from './test/model-server.ts';
import { FaultyTransport, type Fault } from './test/faulty-transport.ts';
import { ManualScheduler, flush, operator, submitArgs } from './test/fixtures.ts';

function setup() {
  const server = new ModelServer();
  const transport = new FaultyTransport(server, operator);
  const scheduler = new ManualScheduler();
  const statuses: SyncStatus[] = [];
  const engine = new SyncEngine({
    storage: new MemoryStorage(),
    transport,
    scheduler,
    onStatus: (s) => statuses.push(s),
    backoff: { baseMs: 1000, capMs: 60_000, random: () => 0 },
  });
  /** With an empty outbox, each attempt is one pull call. */
  const runs = () => transport.calls.length;
  return { server, transport, scheduler, engine, statuses, runs };
}

function deferred() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('single flight', () => {
  it('coalesces calls made during a run into exactly one more run', async () => {
    const { engine, transport, runs } = setup();
    const gate = deferred();
    transport.gate = gate.promise;
    const first = engine.sync();
    await flush();
    const second = engine.sync();
    const third = engine.sync();
    expect(runs()).toBe(1);
    transport.gate = null;
    gate.open();
    const [a, b, c] = await Promise.all([first, second, third]);
    expect(runs()).toBe(2);
    expect([a.state, b.state, c.state]).toEqual(['idle', 'idle', 'idle']);
    await engine.sync();
    expect(runs()).toBe(3);
  });

  it('pushes, in the follow-up run, what was enqueued during a run', async () => {
    const { engine, transport, server } = setup();
    const gate = deferred();
    transport.gate = gate.promise;
    const first = engine.sync();
    await flush();
    const entry = await engine.enqueue('dossier.submit@1', submitArgs(1));
    const second = engine.sync();
    transport.gate = null;
    gate.open();
    await first;
    expect(await second).toMatchObject({ state: 'idle', pending: 0 });
    expect(server.effects.get(entry.id)).toBe(1);
  });

  it('tells the listener what happens', async () => {
    const { engine, statuses } = setup();
    await engine.enqueue('dossier.submit@1', submitArgs(1));
    await engine.sync();
    expect(statuses.map((s) => [s.state, s.pending])).toEqual([
      ['idle', 1],
      ['syncing', 1],
      ['syncing', 0],
      ['idle', 0],
    ]);
    expect(statuses.at(-1)?.lastSyncAt).toEqual(expect.any(String));
  });

  it('keeps syncing when the status listener throws', async () => {
    const server = new ModelServer();
    const engine = new SyncEngine({
      storage: new MemoryStorage(),
      transport: new FaultyTransport(server, operator),
      scheduler: new ManualScheduler(),
      onStatus: () => {
        throw new Error('UI bug');
      },
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const entry = await engine.enqueue('dossier.submit@1', submitArgs(1));
    expect(await engine.sync()).toMatchObject({ state: 'idle', pending: 0 });
    expect(server.effects.get(entry.id)).toBe(1);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});

describe('scheduling', () => {
  it('syncs at once on start, then every interval, until stopped', async () => {
    const { engine, scheduler, runs } = setup();
    engine.start({ intervalMs: 30_000 });
    await scheduler.advance(0);
    expect(runs()).toBe(1);
    await scheduler.advance(90_000);
    expect(runs()).toBe(4);
    engine.stop();
    await scheduler.advance(90_000);
    expect(runs()).toBe(4);
    expect(scheduler.pending()).toEqual([]);
  });

  it('backs off exponentially while failing, and back to normal after a success', async () => {
    const { engine, scheduler, transport, runs } = setup();
    transport.faults.push(...Array<Fault>(4).fill('server_error'));
    engine.start({ intervalMs: 600_000 });
    await scheduler.advance(0);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const next = scheduler.pending()[0]!;
      delays.push(next);
      await scheduler.advance(next);
    }
    // Jitter fixed at 0: half of 1 s, 2 s, 4 s, 8 s.
    expect(delays).toEqual([500, 1000, 2000, 4000]);
    expect(engine.status.state).toBe('idle');
    expect(runs()).toBe(5);
    expect(scheduler.pending()).toEqual([600_000]); // the next tick, an interval after the last run
  });

  it('caps the delay', async () => {
    const { engine, scheduler, transport } = setup();
    transport.faults.push(...Array<Fault>(12).fill('drop_request'));
    engine.start({ intervalMs: 3_600_000 });
    await scheduler.advance(0);
    for (let i = 0; i < 11; i++) await scheduler.advance(scheduler.pending()[0]!);
    expect(engine.status.state).toBe('offline');
    expect(scheduler.pending()[0]).toBe(30_000);
  });

  it('honours Retry-After, even against requestSync', async () => {
    const { engine, scheduler, transport, runs } = setup();
    transport.faults.push('rate_limited');
    engine.start({ intervalMs: 1_000 });
    await scheduler.advance(0);
    expect(engine.status.state).toBe('error');
    engine.requestSync();
    await scheduler.advance(4_999);
    expect(runs()).toBe(1);
    await scheduler.advance(1);
    expect(runs()).toBe(2);
    expect(engine.status.state).toBe('idle');
  });

  it('lets requestSync cut a network backoff short (the device came back online)', async () => {
    const { engine, scheduler, transport, runs } = setup();
    transport.faults.push('drop_request', 'drop_request');
    engine.start({ intervalMs: 600_000 });
    await scheduler.advance(0);
    await scheduler.advance(scheduler.pending()[0]!);
    expect(scheduler.pending()[0]).toBe(1000);
    engine.requestSync();
    await scheduler.advance(0);
    expect(runs()).toBe(3);
    expect(engine.status.state).toBe('idle');
  });

  it('stops retrying after a 401 until asked again', async () => {
    const { engine, scheduler, transport, runs } = setup();
    transport.faults.push('unauthorized');
    engine.start({ intervalMs: 10_000 });
    await scheduler.advance(0);
    expect(engine.status.state).toBe('unauthorized');
    await scheduler.advance(60_000);
    expect(transport.calls).toHaveLength(1);
    engine.requestSync(); // web/ does this after the user logs in again
    await scheduler.advance(0);
    expect(runs()).toBe(2);
    expect(engine.status.state).toBe('idle');
  });
});
