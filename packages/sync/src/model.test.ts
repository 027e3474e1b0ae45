/**
 * Model-based test of the sync invariants (QUALITY.md §3) under injected faults: random
 * sequences of user actions, other writers, network faults and reloads, then a quiet
 * sync on a healed network.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowedTransitions, DOSSIER_STATES, type DossierState } from '@icaro/domain';
import { SyncEngine } from './engine.ts';
import { MemoryStorage } from './memory-storage.ts';
import { projectDossiers, type LocalDossier } from './view.ts';
import type { OutboxEntry } from './types.ts';
import { ModelServer, type ModelUser } from './test/model-server.ts';
import { FAULTS, FaultyTransport } from './test/faulty-transport.ts';
import { ManualScheduler, flush, frontDesk, head, operator, submitArgs } from './test/fixtures.ts';

type Action =
  | { t: 'submit'; n: number }
  | { t: 'transition'; pick: number; to: DossierState | null; reason: boolean }
  | { t: 'dismiss'; pick: number }
  | { t: 'sync'; faults: (typeof FAULTS)[number][]; concurrent: boolean }
  | { t: 'reload' }
  | { t: 'staff'; pick: number; choice: number }
  | { t: 'other-device'; n: number }
  | { t: 'delete'; pick: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('submit' as const), n: fc.nat(10_000) }) },
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('transition' as const), pick: fc.nat(), to: fc.option(fc.constantFrom(...DOSSIER_STATES), { freq: 4 }), reason: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('dismiss' as const), pick: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({ t: fc.constant('sync' as const), faults: fc.array(fc.constantFrom(...FAULTS), { maxLength: 4 }), concurrent: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'reload' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('staff' as const), pick: fc.nat(), choice: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('other-device' as const), n: fc.nat(10_000) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('delete' as const), pick: fc.nat() }) },
);

const pick = <T>(xs: readonly T[], i: number): T | undefined => xs[i % Math.max(1, xs.length)];
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
const strip = ({ pending: _p, pendingSince: _s, refused: _r, ...d }: LocalDossier) => d;

async function scenario(user: ModelUser, actions: Action[], pushBatchSize: number, pullLimit: number) {
  const server = new ModelServer();
  const storage = new MemoryStorage();
  const ctx = { user, now: '2026-03-01T10:00:00.000Z' };
  let transport = new FaultyTransport(server, user);
  const newEngine = () => new SyncEngine({ storage, transport, pushBatchSize, pullLimit, scheduler: new ManualScheduler() });
  let engine = newEngine();
  const other = new SyncEngine({ storage: new MemoryStorage(), transport: new FaultyTransport(server, operator.id === user.id ? { ...operator, id: 'u-other' } : operator), scheduler: new ManualScheduler() });
  const enqueued: OutboxEntry[] = [];
  const dismissed = new Set<string>();
  const deleted = new Set<string>();
  const view = async () => projectDossiers(storage.dossiers(), await storage.listOutbox(), ctx);

  for (const a of actions) {
    switch (a.t) {
      case 'submit':
        enqueued.push(await engine.enqueue('dossier.submit@1', submitArgs(a.n)));
        break;
      case 'transition': {
        const d = pick(await view(), a.pick);
        if (!d) break;
        const to = a.to ?? pick(allowedTransitions(d.status, user.role), a.pick)?.to ?? 'RITIRATA';
        const args = { dossierId: d.id, from: d.status, to, ...(a.reason ? { reason: 'Motivo scritto' } : {}) };
        enqueued.push(await engine.enqueue('dossier.transition@1', args));
        break;
      }
      case 'dismiss': {
        const refused = (await storage.listOutbox()).filter((e) => e.status === 'refused');
        const e = pick(refused, a.pick);
        if (e && (await engine.dismissRefused(e.id))) dismissed.add(e.id);
        break;
      }
      case 'sync':
        transport.faults.push(...a.faults);
        await Promise.all(a.concurrent ? [engine.sync(), engine.sync()] : [engine.sync()]);
        transport.faults.length = 0;
        break;
      case 'reload':
        // The page goes away while a request is out: the server commits, no one hears back.
        transport.faults.push('hang_after_commit');
        void engine.sync();
        await flush();
        transport = new FaultyTransport(server, user);
        engine = newEngine();
        break;
      case 'staff': {
        const d = pick(server.scope(head), a.pick);
        const t = d && pick(allowedTransitions(d.status, head.role), a.choice);
        if (d && t) server.act(head, d.id, { from: d.status, to: t.to, reason: 'Motivo' });
        break;
      }
      case 'other-device':
        await other.enqueue('dossier.submit@1', submitArgs(a.n));
        await other.sync();
        break;
      case 'delete': {
        const d = pick(server.scope(head), a.pick);
        if (d) {
          server.delete(d.id);
          server.compactTombstones();
          deleted.add(d.id);
        }
        break;
      }
    }

    // Nothing the user did vanishes: an entry leaves the outbox only once the server has it,
    const outbox = await storage.listOutbox();
    const processed = new Set(server.log.map((l) => l.id));
    for (const e of enqueued) if (!outbox.some((o) => o.id === e.id)) expect(processed.has(e.id)).toBe(true);
    // and every submission stays on screen until the server deletes its dossier.
    const shown = new Set((await view()).map((d) => d.id));
    for (const e of enqueued) {
      const id = (e.args as { dossierId: string }).dossierId;
      if (e.name === 'dossier.submit@1' && !dismissed.has(e.id) && !deleted.has(id)) expect(shown.has(id)).toBe(true);
    }
  }

  // The faults heal: one quiet sync.
  transport.faults.length = 0;
  const status = await engine.sync();
  expect(status).toMatchObject({ state: 'idle', pending: 0, lastError: null });
  const { clientId } = await storage.loadMeta();
  const mine = server.log.filter((l) => l.clientId === clientId);

  // I1: every mutation the device made reached the server.
  const processed = new Set(mine.map((l) => l.id));
  for (const e of enqueued) expect(processed.has(e.id)).toBe(true);
  // I2: one effect per mutation id, each processed once, no event twice on a dossier.
  for (const [id, n] of server.effects) expect([id, n]).toEqual([id, 1]);
  expect(new Set(mine.map((l) => l.id)).size).toBe(mine.length);
  for (const d of server.scope(head)) expect(new Set(d.events.map((e) => e.id)).size).toBe(d.events.length);
  // I6: the server processed this device's mutations in the device's order.
  expect(mine.map((l) => l.seq)).toEqual([...mine.map((l) => l.seq)].sort((x, y) => x - y));
  expect(mine.map((l) => l.id)).toEqual(enqueued.map((e) => e.id));
  // Refusals are kept with their reason until dismissed, and only refusals are kept.
  const outbox = await storage.listOutbox();
  const refusedOnServer = mine.filter((l) => l.status === 'refused' && !dismissed.has(l.id));
  expect(outbox.map((e) => [e.id, e.status, e.refusal?.code])).toEqual(refusedOnServer.map((l) => [l.id, 'refused', l.code]));
  expect(mine.some((l) => l.code === 'out_of_order' || l.code === 'id_conflict')).toBe(false);

  // I4: after dismissing the refusals, the device's view is the server's state in its scope.
  for (const e of outbox) await engine.dismissRefused(e.id);
  const converged = await view();
  expect(converged.every((d) => !d.pending && !d.refused)).toBe(true);
  expect(converged.map(strip).sort(byId)).toEqual(server.scope(user).sort(byId));
}

/** SYNC_MODEL_RUNS=5000 for a longer hunt; 300 by default keeps the suite quick. */
const RUNS = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.SYNC_MODEL_RUNS ?? 300);

describe('sync invariants under faults (model-based)', () => {
  it('holds I1, I2, I4 and I6 for random histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(operator, frontDesk),
        fc.array(action, { minLength: 5, maxLength: 60, size: 'max' }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        async (user, actions, pushBatchSize, pullLimit) => scenario(user, actions, pushBatchSize, pullLimit),
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
