import { describe, expect, it } from 'vitest';
import { SyncEngine, InvalidMutationError } from './engine.ts';
import { MemoryStorage } from './memory-storage.ts';
import { projectDossiers } from './view.ts';
import type { PushRequest } from './protocol.ts';
import { TransportError, type SyncStatus, type SyncTransport } from './types.ts';
import { ModelServer, type ModelUser } from './test/model-server.ts';
import { FaultyTransport, type Fault } from './test/faulty-transport.ts';
import { ManualScheduler, frontDesk, head, operator, submitArgs } from './test/fixtures.ts';

function setup(user: ModelUser = operator, options: { pushBatchSize?: number; pullLimit?: number; server?: ModelServer } = {}) {
  const server = options.server ?? new ModelServer();
  const transport = new FaultyTransport(server, user);
  const storage = new MemoryStorage();
  const scheduler = new ManualScheduler();
  const statuses: SyncStatus[] = [];
  const engine = new SyncEngine({ storage, transport, scheduler, onStatus: (s) => statuses.push(s), backoff: { random: () => 0 }, ...options });
  return { server, transport, storage, scheduler, engine, statuses, user };
}

const pushedIds = (server: ModelServer) =>
  server.received.filter((r) => r.kind === 'push').flatMap((r) => (r.request as PushRequest).mutations.map((m) => m.id));

describe('enqueue', () => {
  it('stores the mutation with a UUIDv7 id and increasing seqs, pending, before any network', async () => {
    const { engine, storage, server } = setup();
    const a = await engine.enqueue('dossier.submit@1', submitArgs(1));
    const b = await engine.enqueue('dossier.submit@1', submitArgs(2));
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect((await storage.listOutbox()).map((e) => [e.id, e.status])).toEqual([[a.id, 'pending'], [b.id, 'pending']]);
    expect(engine.status.pending).toBe(2);
    expect(server.received).toEqual([]);
  });

  it('refuses args that do not fit the schema, storing nothing', async () => {
    const { engine, storage } = setup();
    const bad = { ...submitArgs(1), serviceCode: 'nope' };
    await expect(engine.enqueue('dossier.submit@1', bad)).rejects.toBeInstanceOf(InvalidMutationError);
    await expect(engine.enqueue('dossier.submit@1', bad)).rejects.toThrow(/serviceCode/);
    expect(await storage.listOutbox()).toEqual([]);
  });

  it('asks for a sync soon, without waiting for it', async () => {
    const { engine, server, scheduler } = setup();
    await engine.enqueue('dossier.submit@1', submitArgs(1));
    expect(server.log).toHaveLength(0);
    await scheduler.advance(0);
    expect(server.log.map((l) => l.status)).toEqual(['applied']);
    expect(engine.status).toMatchObject({ state: 'idle', pending: 0 });
  });
});

describe('idempotency (I2, I7)', () => {
  it.each<Fault[]>([['drop_response'], ['drop_request'], ['crash_mid_batch'], ['duplicate'], ['delayed_copy']])(
    'applies each mutation exactly once across %s and a retry with the same ids',
    async (...faults) => {
      const { engine, transport, server, storage } = setup();
      const args = [submitArgs(1), submitArgs(2)];
      const entries = [await engine.enqueue('dossier.submit@1', args[0]!), await engine.enqueue('dossier.submit@1', args[1]!)];
      transport.faults.push(...faults);
      await engine.sync();
      await engine.sync();
      expect(await storage.listOutbox()).toEqual([]);
      expect(engine.status).toMatchObject({ state: 'idle', pending: 0, refused: 0 });
      for (const e of entries) expect(server.effects.get(e.id)).toBe(1);
      // Every push carried only the device's original ids.
      expect(new Set(pushedIds(server))).toEqual(new Set(entries.map((e) => e.id)));
      expect(storage.dossiers().map((d) => d.id).sort()).toEqual(args.map((a) => a.dossierId).sort());
    },
  );

  it('reports "offline" while the outcome is unknown and keeps the entry', async () => {
    const { engine, transport, storage, server } = setup();
    const entry = await engine.enqueue('dossier.submit@1', submitArgs(1));
    transport.faults.push('drop_response');
    const status = await engine.sync();
    expect(status).toMatchObject({ state: 'offline', pending: 1 });
    expect(status.lastError).toMatch(/Response lost/);
    expect(server.effects.get(entry.id)).toBe(1);
    expect((await storage.listOutbox())[0]).toMatchObject({ id: entry.id, attempts: 1 });
  });

  it('keeps a submitted dossier on screen when the pull after its push fails', async () => {
    const { engine, transport, server, storage, user } = setup();
    const args = submitArgs(1);
    const entry = await engine.enqueue('dossier.submit@1', args);
    const shown = async () => projectDossiers(storage.dossiers(), await storage.listOutbox(), { user, now: '2026-03-01T10:00:00.000Z' });
    transport.faults.push('ok', 'drop_request'); // the push goes through, the pull does not
    expect(await engine.sync()).toMatchObject({ state: 'offline', pending: 1 });
    expect(server.effects.get(entry.id)).toBe(1);
    expect(await shown()).toMatchObject([{ id: args.dossierId, pending: true }]);
    expect(await engine.sync()).toMatchObject({ state: 'idle', pending: 0 });
    expect(await shown()).toMatchObject([{ id: args.dossierId, pending: false, receivedAt: expect.stringMatching(/^2026-/) }]);
    expect(server.effects.get(entry.id)).toBe(1);
  });

  it('refuses a different payload under an id already used (id_conflict)', async () => {
    const server = new ModelServer();
    const id = '0190a8c0-0000-7000-8000-000000000001';
    const a = new SyncEngine({ storage: new MemoryStorage(), transport: new FaultyTransport(server, operator), newId: () => id, scheduler: new ManualScheduler() });
    const b = new SyncEngine({ storage: new MemoryStorage(), transport: new FaultyTransport(server, operator), newId: () => id, scheduler: new ManualScheduler() });
    await a.enqueue('dossier.submit@1', submitArgs(1));
    await b.enqueue('dossier.submit@1', submitArgs(2));
    expect(await a.sync()).toMatchObject({ pending: 0, refused: 0 });
    expect(await b.sync()).toMatchObject({ pending: 0, refused: 1 });
    expect(server.effects.get(id)).toBe(1);
  });
});

describe('order and refusals', () => {
  it('applies the mutations on one dossier in the order the device made them (I6)', async () => {
    const { engine, server, transport } = setup(head, { pushBatchSize: 2 });
    const filer = new SyncEngine({ storage: new MemoryStorage(), transport: new FaultyTransport(server, frontDesk), scheduler: new ManualScheduler() });
    const args = submitArgs(1);
    await filer.enqueue('dossier.submit@1', args);
    await filer.sync();
    const path = ['INVIATA', 'PROTOCOLLATA', 'ASSEGNATA', 'ISTRUTTORIA', 'VALUTAZIONE'] as const;
    const steps = [];
    for (let i = 1; i < path.length; i++) {
      steps.push(await engine.enqueue('dossier.transition@1', { dossierId: args.dossierId, from: path[i - 1]!, to: path[i]! }));
    }
    transport.faults.push('delayed_copy', 'crash_mid_batch', 'duplicate', 'drop_response');
    for (let i = 0; i < 5; i++) await engine.sync();
    expect(server.log.filter((l) => l.dossierId === args.dossierId).map((l) => [l.seq, l.status])).toEqual([
      [1, 'applied'], // the filer's submit
      [1, 'applied'],
      [2, 'applied'],
      [3, 'applied'],
      [4, 'applied'],
    ]);
    expect(server.dossier(args.dossierId)?.events.slice(1).map((e) => e.id)).toEqual(steps.map((s) => s.id));
    expect(server.dossier(args.dossierId)?.status).toBe('VALUTAZIONE');
  });

  it('keeps a refused mutation with its reason, and still pushes the ones after it', async () => {
    const { engine, server, storage } = setup(operator);
    const a = submitArgs(1);
    const b = submitArgs(2);
    await engine.enqueue('dossier.submit@1', a);
    // Operators may not protocol a dossier: refused as forbidden.
    const bad = await engine.enqueue('dossier.transition@1', { dossierId: a.dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' });
    const later = await engine.enqueue('dossier.submit@1', b);
    const status = await engine.sync();
    expect(status).toMatchObject({ state: 'idle', pending: 0, refused: 1 });
    expect(server.effects.get(later.id)).toBe(1);
    const outbox = await storage.listOutbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ id: bad.id, status: 'refused', refusal: { code: 'forbidden' } });
    // It is not pushed again.
    await engine.sync();
    expect(pushedIds(server).filter((id) => id === bad.id)).toHaveLength(1);
    expect(await engine.dismissRefused(bad.id)).toBe(true);
    expect(engine.status.refused).toBe(0);
  });

  it('never dismisses a pending mutation', async () => {
    const { engine, storage } = setup();
    const e = await engine.enqueue('dossier.submit@1', submitArgs(1));
    expect(await engine.dismissRefused(e.id)).toBe(false);
    expect(await storage.listOutbox()).toHaveLength(1);
  });

  it('sets aside a mutation the server cannot read (400) without blocking the rest', async () => {
    const server = new ModelServer();
    const storage = new MemoryStorage();
    const inner = new FaultyTransport(server, operator);
    const picky: SyncTransport = {
      push: async (req) => {
        if (req.mutations.some((m) => m.id === poison.id)) throw new TransportError('bad_request', 'HTTP 400');
        return inner.push(req);
      },
      pull: (req) => inner.pull(req),
    };
    const engine = new SyncEngine({ storage, transport: picky, scheduler: new ManualScheduler() });
    const poison = await engine.enqueue('dossier.submit@1', submitArgs(1));
    const fine = await engine.enqueue('dossier.submit@1', submitArgs(2));
    expect(await engine.sync()).toMatchObject({ state: 'idle', pending: 0, refused: 1 });
    expect(server.effects.get(fine.id)).toBe(1);
    expect((await storage.listOutbox())[0]).toMatchObject({ id: poison.id, status: 'refused', refusal: { code: 'invalid' } });
  });

  it('does not blame the entries when every request is rejected', async () => {
    const storage = new MemoryStorage();
    const broken: SyncTransport = {
      push: async () => {
        throw new TransportError('bad_request', 'HTTP 400');
      },
      pull: async () => ({ cursor: 0, more: false, reset: false, changes: [] }),
    };
    const engine = new SyncEngine({ storage, transport: broken, scheduler: new ManualScheduler() });
    await engine.enqueue('dossier.submit@1', submitArgs(1));
    await engine.enqueue('dossier.submit@1', submitArgs(2));
    expect(await engine.sync()).toMatchObject({ state: 'error', pending: 2, refused: 0 });
  });
});

describe('401', () => {
  it('stops on unauthorized mid-run, keeps the outbox, and resumes after a new login', async () => {
    const { engine, transport, server, storage } = setup(frontDesk, { pushBatchSize: 1 });
    const d = submitArgs(1);
    const submit = await engine.enqueue('dossier.submit@1', d);
    await engine.enqueue('dossier.transition@1', { dossierId: d.dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' });
    transport.faults.push('ok', 'unauthorized');
    // The submission went through, but no pull followed: it stays pending, so the
    // device keeps showing it, and is replayed (harmlessly) next time.
    expect(await engine.sync()).toMatchObject({ state: 'unauthorized', pending: 2 });
    expect(server.dossier(d.dossierId)?.status).toBe('INVIATA');
    expect(await engine.sync()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(server.dossier(d.dossierId)?.status).toBe('PROTOCOLLATA');
    expect(server.effects.get(submit.id)).toBe(1);
    expect(await storage.listOutbox()).toEqual([]);
  });
});
