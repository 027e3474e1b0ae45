/**
 * Issue 4 §5: internal communications between offices. A question to the Ragioneria with
 * its acknowledgement, answer and time to first answer stored; who may read a thread (and
 * who may not, through any procedure); unread counts; a transmission that moves the
 * dossier to another office, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Change, PullResponse, PushResponse } from '@icaro/sync';
import { RAGIONERIA_OFFICE_ID } from '@icaro/domain';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';
import type { ThreadView } from '../src/services/threads.service.ts';
import { threadAccess } from '../src/services/scope.ts';
import { toSessionUser } from '../src/services/auth.service.ts';

let server: TestServer;
const userId = (username: string) => server.app.repos.users.findByUsername(username)!.id;

beforeAll(async () => {
  server = await startTestServer({ SEED_CITIZENS: '20' });
});
afterAll(() => server.stop());

async function as(username: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username)).status).toBe(200);
  return client;
}

async function push(client: TestClient, mutations: ReturnType<typeof envelope>[]) {
  const res = await client.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations });
  expect(res.status).toBe(200);
  return res.data!.outcomes;
}

const random = new Random(41);
let applicantNo = 9000;
/** Filed at the front desk of office `n` and protocolled; assigned to istruttore.c<n> when asked. */
async function dossier(n: number, assign = true): Promise<string> {
  const args = submitArgs(random, syntheticApplicant(applicantNo++, n));
  const outcomes = await push(await as(`sportello.c${n}`), [
    envelope(1, 'dossier.submit@1', args),
    envelope(2, 'dossier.transition@1', { dossierId: args.dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' }),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
  if (assign) {
    const assigned = await push(await as(`responsabile.c${n}`), [
      envelope(1, 'dossier.assign@1', { dossierId: args.dossierId, from: 'PROTOCOLLATA', officerId: userId(`istruttore.c${n}`) }),
    ]);
    expect(assigned[0]!.status).toBe('applied');
  }
  return args.dossierId;
}

const unread = async (c: TestClient) => (await c.query<{ unread: number }>('threads.unread')).data!.unread;

describe('a question from a circoscrizione office to the Ragioneria', () => {
  it('stores the request, acknowledgement and answer timestamps and the time to first answer', async () => {
    const id = await dossier(1);
    const officer = await as('istruttore.c1');
    const ragioneria = await as('ragioneria.demo');
    const before = await unread(ragioneria);

    const asked = await officer.mutation<{ requestId: string }>('threads.ask', {
      dossierId: id,
      toOfficeId: RAGIONERIA_OFFICE_ID,
      subject: 'Capienza del capitolo',
      body: 'Il capitolo ha ancora disponibilità per un contributo di 300 euro?',
    });
    expect(asked.status).toBe(200);
    const requestId = asked.data!.requestId;
    expect(await unread(ragioneria)).toBe(before + 1);

    // The Ragioneria sees the summary needed to answer and the request, nothing else.
    const seen = await ragioneria.query<ThreadView>('threads.forDossier', { dossierId: id });
    expect(seen.status).toBe(200);
    expect(seen.data!.access).toBe('requests');
    expect(seen.data!.dossier.id).toBe(id);
    expect(seen.data!.requests.map((r) => [r.id, r.state, r.mayAcknowledge, r.mayAnswer])).toEqual([[requestId, 'open', true, true]]);
    expect(seen.data!.askTargets).toEqual([]);
    expect(seen.data!.transmitTargets).toEqual([]);
    expect(JSON.stringify(seen.data)).not.toContain('"answers"');

    const inbox = await ragioneria.query<{ id: string; state: string; direction: string; unread: number }[]>('threads.inbox');
    expect(inbox.data!.find((r) => r.id === requestId)).toMatchObject({ state: 'open', direction: 'received', unread: 1 });

    const ack = await ragioneria.mutation<{ state: string }>('threads.acknowledge', { requestId });
    expect(ack.data!.state).toBe('acknowledged');
    expect((await ragioneria.mutation('threads.acknowledge', { requestId })).error?.message).toBe('already_acknowledged');
    // A question is not answered by the acknowledgement alone.
    expect(server.app.repos.threads.requestById(requestId)!.firstAnswerAt).toBeNull();

    const answered = await ragioneria.mutation<{ state: string }>('threads.answer', {
      requestId,
      body: 'Sì, restano 12.400 euro sul capitolo.',
    });
    expect(answered.data!.state).toBe('answered');
    expect((await ragioneria.mutation('threads.answer', { requestId, body: 'di nuovo' })).error?.message).toBe('already_answered');

    const row = server.app.repos.threads.requestById(requestId)!;
    expect(row).toMatchObject({
      kind: 'question',
      fromOfficeId: 'UFF-C1',
      toOfficeId: RAGIONERIA_OFFICE_ID,
      requestedBy: userId('istruttore.c1'),
      acknowledgedBy: userId('ragioneria.demo'),
      answeredBy: userId('ragioneria.demo'),
      answer: 'Sì, restano 12.400 euro sul capitolo.',
      answeredByOffice: RAGIONERIA_OFFICE_ID,
    });
    expect(Date.parse(row.requestedAt)).toBeLessThanOrEqual(Date.parse(row.acknowledgedAt!));
    expect(Date.parse(row.acknowledgedAt!)).toBeLessThanOrEqual(Date.parse(row.answeredAt!));
    expect(row.firstAnswerAt).toBe(row.answeredAt);
    expect(row.firstAnswerSeconds).toBe(Math.round((Date.parse(row.answeredAt!) - Date.parse(row.requestedAt)) / 1000));

    // The officer sees the answer in the thread, and it counts as unread until seen.
    expect(await unread(officer)).toBeGreaterThanOrEqual(2);
    const view = (await officer.query<ThreadView>('threads.forDossier', { dossierId: id })).data!;
    expect(view.access).toBe('full');
    expect(view.entries.map((e) => e.kind)).toEqual(['question', 'acknowledgement', 'answer']);
    expect(view.entries.at(-1)).toMatchObject({ body: 'Sì, restano 12.400 euro sul capitolo.', authorOfficeId: RAGIONERIA_OFFICE_ID });
    expect(view.requests[0]!.state).toBe('answered');
  });

  it('the time to first answer is measured from the stored request time', () => {
    const threads = server.app.threads;
    const officer = server.app.repos.users.findByUsername('istruttore.c2')!;
    const ragioneria = server.app.repos.users.findByUsername('ragioneria.demo')!;
    return dossier(2).then((id) => {
      const { requestId } = threads.ask(
        officer,
        { dossierId: id, toOfficeId: RAGIONERIA_OFFICE_ID, subject: 'Mandato', body: 'Quando parte il mandato?' },
        '2026-03-02T08:00:00.000Z',
      );
      threads.acknowledge(ragioneria, requestId, '2026-03-02T09:30:00.000Z');
      threads.answer(ragioneria, { requestId, body: 'Entro venerdì.' }, '2026-03-04T08:00:30.000Z');
      const row = server.app.repos.threads.requestById(requestId)!;
      expect([row.requestedAt, row.acknowledgedAt, row.answeredAt, row.firstAnswerAt, row.firstAnswerSeconds]).toEqual([
        '2026-03-02T08:00:00.000Z',
        '2026-03-02T09:30:00.000Z',
        '2026-03-04T08:00:30.000Z',
        '2026-03-04T08:00:30.000Z',
        2 * 86_400 + 30,
      ]);
    });
  });
});

describe('who may read a thread', () => {
  it('an officer of an unrelated office cannot read or write the thread through any procedure', async () => {
    const id = await dossier(3);
    const officer = await as('istruttore.c3');
    const { requestId } = (
      await officer.mutation<{ requestId: string }>('threads.ask', {
        dossierId: id,
        toOfficeId: RAGIONERIA_OFFICE_ID,
        subject: 'Domanda',
        body: 'Testo riservato della domanda',
      })
    ).data!;
    await officer.mutation('threads.post', { dossierId: id, body: 'Nota interna riservata' });

    for (const username of ['istruttore.c4', 'responsabile.c4', 'sportello.c4']) {
      const other = await as(username);
      expect((await other.query('threads.forDossier', { dossierId: id })).error?.data.code, username).toBe('NOT_FOUND');
      expect((await other.mutation('threads.post', { dossierId: id, body: 'x' })).error?.data.code).toBe('NOT_FOUND');
      expect((await other.mutation('threads.post', { dossierId: id, requestId, body: 'x' })).error?.data.code).toBe('NOT_FOUND');
      expect((await other.mutation('threads.acknowledge', { requestId })).error?.data.code).toBe('NOT_FOUND');
      expect((await other.mutation('threads.answer', { requestId, body: 'x' })).error?.data.code).toBe('NOT_FOUND');
      expect((await other.mutation('threads.markRead', { dossierId: id, upTo: 1_000_000 })).error?.data.code).toBe('NOT_FOUND');
      expect((await other.mutation('threads.ask', { dossierId: id, toOfficeId: 'UFF-C5', subject: 's', body: 'b' })).error?.data.code).toBe(
        'NOT_FOUND',
      );
      expect(
        (await other.mutation('threads.transmit', { dossierId: id, toOfficeId: 'UFF-C5', subject: 's', body: 'b' })).error?.data.code,
      ).toBe('NOT_FOUND');
      const inbox = await other.query('threads.inbox');
      expect(JSON.stringify(inbox.data)).not.toContain(id);
      expect(JSON.stringify(inbox.data)).not.toContain('riservat');
    }
  });

  it('the receiving office sees only its request, not the office notes or other requests', async () => {
    const id = await dossier(5);
    const officer = await as('istruttore.c5');
    await officer.mutation('threads.post', { dossierId: id, body: 'Nota interna: situazione sanitaria delicata' });
    await officer.mutation('threads.ask', {
      dossierId: id,
      toOfficeId: 'UFF-C6',
      subject: 'Precedenti',
      body: 'Avete seguito questa persona?',
    });
    await officer.mutation('threads.ask', {
      dossierId: id,
      toOfficeId: RAGIONERIA_OFFICE_ID,
      subject: 'Pagamenti',
      body: 'Risultano pagamenti?',
    });

    const c6 = (await (await as('istruttore.c6')).query<ThreadView>('threads.forDossier', { dossierId: id })).data!;
    expect(c6.access).toBe('requests');
    expect(c6.entries.map((e) => e.body)).toEqual(['Avete seguito questa persona?']);
    expect(c6.requests.map((r) => r.toOffice.id)).toEqual(['UFF-C6']);
    expect(JSON.stringify(c6)).not.toContain('sanitaria');
    // ... and may not write an office note on a dossier that is not theirs.
    expect((await (await as('istruttore.c6')).mutation('threads.post', { dossierId: id, body: 'x' })).error?.data.code).toBe('FORBIDDEN');
    // A question cannot be acknowledged by the office that sent it.
    const toC6 = c6.requests[0]!.id;
    expect((await officer.mutation('threads.acknowledge', { requestId: toC6 })).error?.data.code).toBe('FORBIDDEN');
  });

  it('citizens, operators, analysts, auditors and administrators cannot use threads at all', async () => {
    const id = await dossier(1);
    for (const username of ['cittadino.demo', 'operatore.demo', 'analista.demo', 'revisore.demo', 'admin.demo']) {
      const c = await as(username);
      expect((await c.query('threads.forDossier', { dossierId: id })).error?.data.code, username).toBe('FORBIDDEN');
      expect((await c.query('threads.unread')).error?.data.code).toBe('FORBIDDEN');
      expect((await c.query('threads.inbox')).error?.data.code).toBe('FORBIDDEN');
      expect((await c.mutation('threads.post', { dossierId: id, body: 'x' })).error?.data.code).toBe('FORBIDDEN');
    }
    expect((await new TestClient(server.url, server.origin).query('threads.unread')).error?.data.code).toBe('UNAUTHORIZED');
  });

  it('a thread is never in a device pull', async () => {
    const id = await dossier(7);
    const officer = await as('istruttore.c7');
    await officer.mutation('threads.post', { dossierId: id, body: 'Testo che resta sul server' });
    const pull = await officer.query<PullResponse>('sync.pull', { cursor: null });
    expect(pull.data!.changes.some((c: Change) => c.entity === 'dossier' && c.id === id)).toBe(true);
    expect(JSON.stringify(pull.data)).not.toContain('Testo che resta sul server');
  });
});

describe('threadAccess (scope.ts)', () => {
  it('full for the dossier office, requests for an office that took part, none otherwise', () => {
    const user = (username: string) => toSessionUser(server.app.repos.users.findByUsername(username)!);
    const dossier = { officeId: 'UFF-C1' };
    const tookPart = (office: string) => (o: string) => o === office;
    expect(threadAccess(user('istruttore.c1'), dossier, tookPart('none'))).toBe('full');
    expect(threadAccess(user('sportello.c1'), dossier, tookPart('none'))).toBe('full');
    expect(threadAccess(user('istruttore.c2'), dossier, tookPart('none'))).toBe('none');
    expect(threadAccess(user('istruttore.c2'), dossier, tookPart('UFF-C2'))).toBe('requests');
    expect(threadAccess(user('ragioneria.demo'), dossier, tookPart('none'))).toBe('none');
    expect(threadAccess(user('ragioneria.demo'), dossier, tookPart(RAGIONERIA_OFFICE_ID))).toBe('requests');
    // Roles without thread.use never, whatever the office.
    for (const username of ['analista.demo', 'revisore.demo', 'operatore.demo', 'cittadino.demo', 'admin.demo']) {
      expect(
        threadAccess({ ...user(username), officeId: 'UFF-C1' }, dossier, () => true),
        username,
      ).toBe('none');
    }
  });
});

describe('pokes', () => {
  it('a question pokes the receiving office, the Ragioneria included, and nobody else', async () => {
    const id = await dossier(1);
    const user = (username: string) => toSessionUser(server.app.repos.users.findByUsername(username)!);
    let ragioneria = 0;
    let c1 = 0;
    let c4 = 0;
    const stop = [
      server.app.pokes.subscribe(user('ragioneria.demo'), () => ragioneria++),
      server.app.pokes.subscribe(user('istruttore.c1'), () => c1++),
      server.app.pokes.subscribe(user('istruttore.c4'), () => c4++),
    ];
    try {
      await (
        await as('istruttore.c1')
      ).mutation('threads.ask', { dossierId: id, toOfficeId: RAGIONERIA_OFFICE_ID, subject: 'S', body: 'B' });
      expect([ragioneria, c1, c4]).toEqual([1, 1, 0]);
    } finally {
      for (const s of stop) s();
    }
  });
});

describe('unread counts', () => {
  it('go up with new entries from others and down when read', async () => {
    const id = await dossier(8);
    const officer = await as('istruttore.c8');
    const colleague = await as('istruttore2.c8');
    const head = await as('responsabile.c8');
    const start = await unread(colleague);
    const headStart = await unread(head);
    await officer.mutation('threads.post', { dossierId: id, body: 'Prima nota' });
    await officer.mutation('threads.post', { dossierId: id, body: 'Seconda nota' });
    // One's own entries are never unread.
    const officerUnread = await unread(officer);
    expect(await unread(colleague)).toBe(start + 2);
    expect(await unread(head)).toBe(headStart + 2);

    const view = (await colleague.query<ThreadView>('threads.forDossier', { dossierId: id })).data!;
    expect(view.unread).toBe(2);
    const firstId = view.entries[0]!.id;
    expect((await colleague.mutation<{ unread: number }>('threads.markRead', { dossierId: id, upTo: firstId })).data!.unread).toBe(
      start + 1,
    );
    const lastId = view.entries.at(-1)!.id;
    expect((await colleague.mutation<{ unread: number }>('threads.markRead', { dossierId: id, upTo: lastId })).data!.unread).toBe(start);
    // An older mark never un-reads.
    expect((await colleague.mutation<{ unread: number }>('threads.markRead', { dossierId: id, upTo: firstId })).data!.unread).toBe(start);
    // Markers are per user: the head still has them unread; the author's count did not move.
    expect(await unread(head)).toBe(headStart + 2);
    expect(await unread(officer)).toBe(officerUnread);

    // The counters kept on write agree with a count from the read markers, for everyone.
    const dossierIds = (
      server.app.db.$client.prepare('SELECT DISTINCT dossier_id AS id FROM thread_messages').all() as { id: string }[]
    ).map((r) => r.id);
    for (const username of ['istruttore.c8', 'istruttore2.c8', 'responsabile.c8', 'sportello.c8', 'istruttore.c1', 'ragioneria.demo']) {
      const u = server.app.repos.users.findByUsername(username)!;
      const fromMarkers = dossierIds.reduce((sum, d) => sum + server.app.repos.threads.unreadFor(u.id, u.officeId!, d), 0);
      expect(server.app.repos.threads.unreadTotal(u.id), username).toBe(fromMarkers);
    }
  });
});

describe('transmission of a dossier to another office', () => {
  it('moves the dossier, is audited, reaches both offices through pull, and the receiving head acknowledges it', async () => {
    const id = await dossier(2);
    const head2 = await as('responsabile.c2');
    // Only the head of procedure transmits, only to a circoscrizione office.
    const body = {
      dossierId: id,
      toOfficeId: 'UFF-C3',
      subject: 'Trasferimento di residenza',
      body: 'La persona vive ora nella III Circoscrizione.',
    };
    expect((await (await as('istruttore.c2')).mutation('threads.transmit', body)).error?.data.code).toBe('FORBIDDEN');
    expect((await head2.mutation('threads.transmit', { ...body, toOfficeId: RAGIONERIA_OFFICE_ID })).error?.message).toBe('office');
    expect((await head2.mutation('threads.transmit', { ...body, toOfficeId: 'UFF-C2' })).error?.message).toBe('office');
    const head3 = await as('responsabile.c3');
    const before3 = await head3.query<PullResponse>('sync.pull', { cursor: null });

    const sent = await head2.mutation<{ requestId: string }>('threads.transmit', body);
    expect(sent.status).toBe(200);
    const moved = server.app.repos.dossiers.findById(id)!;
    expect([moved.officeId, moved.circoscrizione, moved.assignedTo]).toEqual(['UFF-C3', 3, null]);

    const audit = server.app.repos.audit.forDossier(id).at(-1)!;
    expect([audit.actorId, audit.section, audit.action, audit.purpose, audit.note]).toEqual([
      userId('responsabile.c2'),
      'assignment',
      'change',
      'transmission',
      'UFF-C2->UFF-C3',
    ]);
    expect(server.app.audit.trail.verify().ok).toBe(true);

    // The new office's devices get it; the old one's drop it.
    const pull3 = await head3.query<PullResponse>('sync.pull', { cursor: before3.data!.cursor });
    expect(pull3.data!.changes.some((c: Change) => c.entity === 'dossier' && c.id === id && c.op === 'put')).toBe(true);
    const pull2 = await (await as('istruttore.c2')).query<PullResponse>('sync.pull', { cursor: null });
    expect(pull2.data!.changes.some((c: Change) => c.entity === 'dossier' && c.id === id && c.op === 'put')).toBe(false);

    // The old office still sees its transmission; the new one sees the whole thread.
    expect((await head2.query<ThreadView>('threads.forDossier', { dossierId: id })).data!.access).toBe('requests');
    const view3 = (await head3.query<ThreadView>('threads.forDossier', { dossierId: id })).data!;
    expect(view3.access).toBe('full');
    expect(view3.requests[0]).toMatchObject({ kind: 'transmission', state: 'open', mayAcknowledge: true, mayAnswer: false });

    // Only the receiving head acknowledges; that is the transmission's first answer.
    const requestId = sent.data!.requestId;
    expect((await (await as('istruttore.c3')).mutation('threads.acknowledge', { requestId })).error?.data.code).toBe('FORBIDDEN');
    expect((await head3.mutation<{ state: string }>('threads.acknowledge', { requestId })).data!.state).toBe('answered');
    const row = server.app.repos.threads.requestById(requestId)!;
    expect(row.firstAnswerAt).toBe(row.acknowledgedAt);
    expect(row.firstAnswerSeconds).toBeGreaterThanOrEqual(0);
    expect(row.answeredByOffice).toBe('UFF-C3');
  });

  it('is refused once the assessment has started', async () => {
    const id = await dossier(4);
    const officer = await as('istruttore.c4');
    const started = await push(officer, [envelope(1, 'dossier.transition@1', { dossierId: id, from: 'ASSEGNATA', to: 'ISTRUTTORIA' })]);
    expect(started[0]!.status).toBe('applied');
    const res = await (
      await as('responsabile.c4')
    ).mutation('threads.transmit', { dossierId: id, toOfficeId: 'UFF-C5', subject: 's', body: 'b' });
    expect(res.error?.message).toBe('not_transmittable');
    expect(server.app.repos.dossiers.findById(id)!.officeId).toBe('UFF-C4');
  });

  it('bad input is refused with a clear code and leaves nothing', async () => {
    const id = await dossier(6);
    const officer = await as('istruttore.c6');
    expect((await officer.mutation('threads.ask', { dossierId: id, toOfficeId: 'UFF-NOPE', subject: 's', body: 'b' })).error?.message).toBe(
      'office',
    );
    expect((await officer.mutation('threads.ask', { dossierId: id, toOfficeId: 'UFF-C6', subject: 's', body: 'b' })).error?.message).toBe(
      'office',
    );
    expect((await officer.mutation('threads.ask', { dossierId: id, toOfficeId: 'UFF-C1', subject: '   ', body: 'b' })).status).toBe(400);
    expect((await officer.mutation('threads.post', { dossierId: id, body: 'x'.repeat(4001) })).status).toBe(400);
    expect(server.app.repos.threads.requestsOfDossier(id)).toEqual([]);
  });
});

describe('the demo seed', () => {
  it('has questions over many months, answered faster as time goes on, and a few still waiting', async () => {
    const demo = await startTestServer({ SEED_DOSSIERS: '600', SEED_CITIZENS: '240' });
    try {
      const rows = demo.app.db.$client
        .prepare(
          `SELECT substr(requested_at, 1, 7) AS month, count(*) AS n, avg(first_answer_seconds) AS avg,
                  sum(first_answer_at IS NULL) AS waiting, sum(to_office_id = 'UFF-RAG') AS ragioneria
             FROM internal_requests GROUP BY month ORDER BY month`,
        )
        .all() as { month: string; n: number; avg: number | null; waiting: number; ragioneria: number }[];
      expect(rows.length).toBeGreaterThanOrEqual(10);
      expect(rows.reduce((s, r) => s + r.ragioneria, 0)).toBeGreaterThan(0);
      expect(rows.reduce((s, r) => s + r.waiting, 0)).toBeGreaterThanOrEqual(2);
      const answered = rows.filter((r) => r.avg !== null);
      const firstQuarter = answered.slice(0, 3).reduce((s, r) => s + r.avg!, 0) / 3;
      const lastQuarter = answered.slice(-3).reduce((s, r) => s + r.avg!, 0) / 3;
      expect(lastQuarter).toBeLessThan(firstQuarter);
      // Every stored time to first answer matches its timestamps.
      const bad = demo.app.db.$client
        .prepare(
          `SELECT count(*) AS n FROM internal_requests WHERE first_answer_at IS NOT NULL
             AND abs(first_answer_seconds - round((julianday(first_answer_at) - julianday(requested_at)) * 86400)) > 1`,
        )
        .get() as { n: number };
      expect(bad.n).toBe(0);
      const outOfOrder = demo.app.db.$client
        .prepare(
          'SELECT count(*) AS n FROM internal_requests WHERE acknowledged_at < requested_at OR answered_at < acknowledged_at OR requested_at > ?',
        )
        .get(new Date().toISOString()) as { n: number };
      expect(outOfOrder.n).toBe(0);
      // ragioneria.demo has news waiting, but not the whole history.
      const user = demo.app.repos.users.findByUsername('ragioneria.demo')!;
      const unread = demo.app.repos.threads.unreadTotal(user.id);
      expect(unread).toBeGreaterThan(0);
      expect(unread).toBeLessThan(15);
    } finally {
      await demo.stop();
    }
  }, 60_000);
});
