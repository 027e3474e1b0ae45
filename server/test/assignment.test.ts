import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eq } from 'drizzle-orm';
import type { OfficerLoad, PushResponse, QueuePage } from '@icaro/sync';
import { dossiers } from '../src/db/schema.ts';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
const userId = (username: string) => server.app.repos.users.findByUsername(username)!.id;

beforeAll(async () => {
  // The demo city has two case officers in each office, so a reassignment has somewhere to go.
  server = await startTestServer({ SEED_DOSSIERS: '300', SEED_CITIZENS: '100' });
});
afterAll(() => server.stop());

async function as(username: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username)).status).toBe(200);
  return client;
}

/** Pushes one mutation from a fresh device and returns its outcome. */
async function push(client: TestClient, name: 'dossier.assign@1' | 'dossier.transition@1', args: unknown) {
  const res = await client.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations: [envelope(1, name, args)] });
  expect(res.status).toBe(200);
  return res.data!.outcomes[0]!;
}

const random = new Random(3);
let applicants = 0;
/** A new dossier of office 1, filed and protocolled at the front desk. */
async function protocolled(): Promise<typeof dossiers.$inferSelect> {
  const front = await as('sportello.c1');
  const args = submitArgs(random, syntheticApplicant(5000 + applicants++, 1));
  const mutations = [
    envelope(1, 'dossier.submit@1', args),
    envelope(2, 'dossier.transition@1', { dossierId: args.dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' }),
  ];
  const res = await front.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations });
  expect(res.data?.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
  return row(args.dossierId);
}
const row = (id: string) => server.app.db.select().from(dossiers).where(eq(dossiers.id, id)).get()!;

describe('assignment', () => {
  it('lets the head of procedure assign and reassign to case officers of the office', async () => {
    const head = await as('responsabile.c1');
    const d = await protocolled();
    const due = d.dueDate;
    expect(due).not.toBeNull();
    const first = await push(head, 'dossier.assign@1', { dossierId: d.id, from: 'PROTOCOLLATA', officerId: userId('istruttore.c1') });
    expect(first).toMatchObject({ status: 'applied', result: { status: 'ASSEGNATA', assignedTo: userId('istruttore.c1') } });
    expect(row(d.id)).toMatchObject({ status: 'ASSEGNATA', assignedTo: userId('istruttore.c1'), dueDate: due });
    const again = await push(head, 'dossier.assign@1', { dossierId: d.id, from: 'ASSEGNATA', officerId: userId('istruttore2.c1') });
    expect(again.status).toBe('applied');
    expect(row(d.id).assignedTo).toBe(userId('istruttore2.c1'));

    // The new officer sees it in their queue and in the workload view.
    const officer = await as('istruttore2.c1');
    const before = (await officer.query<{ officers: OfficerLoad[] }>('queue.workload')).data!.officers;
    const page = (await officer.query<QueuePage>('queue.list', { assignee: userId('istruttore2.c1'), search: d.reference })).data!;
    expect(page.rows.map((r) => r.id)).toEqual([d.id]);
    expect(page.rows[0]!.assignedToName).toBe('Assistente sociale 1.2 (demo)');
    expect(before.map((o) => o.name).sort()).toEqual(['Assistente sociale 1 (demo)', 'Assistente sociale 1.2 (demo)']);
    // Moving it back takes one off the second officer's workload.
    await push(head, 'dossier.assign@1', { dossierId: d.id, from: 'ASSEGNATA', officerId: userId('istruttore.c1') });
    const after = (await officer.query<{ officers: OfficerLoad[] }>('queue.workload')).data!.officers;
    const openOf = (list: OfficerLoad[], name: string) => list.find((o) => o.name === name)!.open;
    expect(openOf(after, 'Assistente sociale 1.2 (demo)')).toBe(openOf(before, 'Assistente sociale 1.2 (demo)') - 1);
    expect(openOf(after, 'Assistente sociale 1 (demo)')).toBe(openOf(before, 'Assistente sociale 1 (demo)') + 1);
  });

  it('refuses anyone but the head of procedure', async () => {
    const d = await protocolled();
    for (const username of ['istruttore.c1', 'sportello.c1']) {
      const outcome = await push(await as(username), 'dossier.assign@1', { dossierId: d.id, from: 'PROTOCOLLATA', officerId: userId('istruttore.c1') });
      expect(outcome, username).toMatchObject({ status: 'refused', code: 'forbidden' });
    }
    expect(row(d.id).status).toBe('PROTOCOLLATA');
  });

  it('refuses officers of another office, other roles, and another office’s head', async () => {
    const head = await as('responsabile.c1');
    const d = await protocolled();
    for (const username of ['istruttore.c2', 'sportello.c1', 'responsabile.c1']) {
      const outcome = await push(head, 'dossier.assign@1', { dossierId: d.id, from: 'PROTOCOLLATA', officerId: userId(username) });
      expect(outcome, username).toMatchObject({ status: 'refused', code: 'invalid', detail: 'officer' });
    }
    const stranger = await push(await as('responsabile.c2'), 'dossier.assign@1', {
      dossierId: d.id,
      from: 'PROTOCOLLATA',
      officerId: userId('istruttore.c2'),
    });
    expect(stranger).toMatchObject({ status: 'refused', code: 'not_found' });
    expect(row(d.id)).toMatchObject({ status: 'PROTOCOLLATA', assignedTo: null });
  });

  it('refuses a stale state and an assignment without an officer', async () => {
    const head = await as('responsabile.c1');
    const d = await protocolled();
    const stale = await push(head, 'dossier.assign@1', { dossierId: d.id, from: 'ASSEGNATA', officerId: userId('istruttore.c1') });
    expect(stale).toMatchObject({ status: 'refused', code: 'stale_state' });
    const bare = await push(head, 'dossier.transition@1', { dossierId: d.id, from: 'PROTOCOLLATA', to: 'ASSEGNATA' });
    expect(bare).toMatchObject({ status: 'refused', code: 'invalid' });
  });

  it('keeps the due date through the lifecycle: suspended, then decided', async () => {
    const head = await as('responsabile.c1');
    const d = await protocolled();
    await push(head, 'dossier.assign@1', { dossierId: d.id, from: 'PROTOCOLLATA', officerId: userId('istruttore.c1') });
    const due = row(d.id).dueDate!;
    const step = (from: string, to: string, reason?: string) =>
      push(head, 'dossier.transition@1', { dossierId: d.id, from, to, ...(reason ? { reason } : {}) });
    expect((await step('ASSEGNATA', 'ISTRUTTORIA')).status).toBe('applied');
    expect((await step('ISTRUTTORIA', 'INTEGRAZIONE_RICHIESTA', 'Manca l’ISEE')).status).toBe('applied');
    // The open request for documents may suspend the clock for up to 30 days.
    expect(row(d.id).dueDate! > due).toBe(true);
    expect((await step('INTEGRAZIONE_RICHIESTA', 'ISTRUTTORIA')).status).toBe('applied');
    expect(row(d.id).dueDate).toBe(due);
    expect((await step('ISTRUTTORIA', 'VALUTAZIONE')).status).toBe('applied');
    // A decision (the service is an economic one: admitting it takes spending.admit with its benefit).
    expect((await step('VALUTAZIONE', 'IN_LISTA_ATTESA')).status).toBe('applied');
    expect(row(d.id)).toMatchObject({ dueDate: null, warnDate: null });
  });
});
