/**
 * Issue 4 §7: sensitive answers reach only the assigned officer and the head of procedure,
 * through an audited read; the auditor sees who looked, never what; a citizen sees when
 * and why their own dossiers were read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { CATALOGUE, sensitiveQuestionIds, type CatalogueService } from '@icaro/domain';
import type { Change, DossierView, PullResponse, PushResponse } from '@icaro/sync';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
const userId = (username: string) => server.app.repos.users.findByUsername(username)!.id;

/** A service with a sensitive question that is always asked. */
const service: CatalogueService = CATALOGUE.find((s) => s.form.questions.some((q) => q.sensitive && q.required && !q.showIf))!;
const sensitiveIds = sensitiveQuestionIds(service.form);

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

async function pulled(client: TestClient, dossierId: string): Promise<DossierView | undefined> {
  const res = await client.query<PullResponse>('sync.pull', { cursor: null });
  expect(res.status).toBe(200);
  const change = res.data!.changes.find((c: Change) => c.entity === 'dossier' && c.id === dossierId && c.op === 'put');
  return change?.entity === 'dossier' && change.op === 'put' ? change.data : undefined;
}

const random = new Random(11);
/** Filed at the front desk of office `n` for `applicant`, protocolled, assigned to istruttore.c<n>. */
async function assignedDossier(n: number, applicant = syntheticApplicant(7000 + Math.floor(random.next() * 1000), n)) {
  const args = submitArgs(random, applicant, {}, service);
  const outcomes = await push(await as(`sportello.c${n}`), [
    envelope(1, 'dossier.submit@1', args),
    envelope(2, 'dossier.transition@1', { dossierId: args.dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' }),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
  const assigned = await push(await as(`responsabile.c${n}`), [
    envelope(1, 'dossier.assign@1', { dossierId: args.dossierId, from: 'PROTOCOLLATA', officerId: userId(`istruttore.c${n}`) }),
  ]);
  expect(assigned[0]!.status).toBe('applied');
  const sensitive = Object.fromEntries(Object.entries(args.answers).filter(([id]) => sensitiveIds.has(id)));
  expect(Object.keys(sensitive).length).toBeGreaterThan(0);
  return { id: args.dossierId, answers: args.answers, sensitive };
}

describe('sensitive answers', () => {
  it('a case officer of another office cannot read the dossier or its sensitive section through any procedure', async () => {
    const d = await assignedDossier(1);
    const other = await as('istruttore.c2');
    expect(await pulled(other, d.id)).toBeUndefined();
    const read = await other.mutation('dossier.sensitive', { dossierId: d.id, purpose: 'istruttoria' });
    expect(read.error?.data.code).toBe('NOT_FOUND');
    expect((await other.query('audit.forDossier', { dossierId: d.id })).error?.data.code).toBe('FORBIDDEN');
    const queue = await other.query<{ rows: unknown[] }>('queue.list', { search: d.id });
    expect(JSON.stringify(queue.data ?? {})).not.toContain(d.id);
    // Nor can the other office's head of procedure.
    const otherHead = await as('responsabile.c2');
    expect((await otherHead.mutation('dossier.sensitive', { dossierId: d.id, purpose: 'verifica' })).error?.data.code).toBe('NOT_FOUND');
    expect(server.app.repos.audit.forDossier(d.id).filter((r) => r.action === 'read')).toEqual([]);
  });

  it('an unassigned officer of the same office gets the dossier without its sensitive answers', async () => {
    const d = await assignedDossier(1);
    const colleague = await as('istruttore2.c1');
    const view = (await pulled(colleague, d.id))!;
    expect(view).toBeDefined();
    expect(view.sensitiveWithheld).toBe(true);
    for (const id of sensitiveIds) expect(view.answers).not.toHaveProperty(id);
    expect(Object.keys(view.answers).length).toBe(Object.keys(d.answers).length - Object.keys(d.sensitive).length);
    expect((await colleague.mutation('dossier.sensitive', { dossierId: d.id, purpose: 'istruttoria' })).error?.data.code).toBe('FORBIDDEN');
    // The front desk filed it: the filer keeps what it wrote.
    expect((await pulled(await as('sportello.c1'), d.id))!.answers).toEqual(d.answers);
  });

  it('the assigned officer and the head of procedure read them through an audited procedure', async () => {
    const d = await assignedDossier(1);
    const officer = await as('istruttore.c1');
    // Not in the pull: every staff read leaves a row.
    expect((await pulled(officer, d.id))!.sensitiveWithheld).toBe(true);
    const read = await officer.mutation<{ answers: Record<string, unknown> }>('dossier.sensitive', {
      dossierId: d.id,
      purpose: 'istruttoria',
      note: 'visita domiciliare',
    });
    expect(read.status).toBe(200);
    expect(read.data!.answers).toEqual(d.sensitive);
    const head = await as('responsabile.c1');
    expect((await head.mutation('dossier.sensitive', { dossierId: d.id, purpose: 'valutazione' })).status).toBe(200);
    // A purpose off the list is refused, and leaves no row.
    expect((await head.mutation('dossier.sensitive', { dossierId: d.id, purpose: 'curiosità' })).status).toBe(400);

    const reads = server.app.repos.audit.forDossier(d.id).filter((r) => r.action === 'read');
    expect(reads.map((r) => [r.actorId, r.actorRole, r.section, r.purpose, r.note])).toEqual([
      [userId('istruttore.c1'), 'case_officer', 'sensitive', 'istruttoria', 'visita domiciliare'],
      [userId('responsabile.c1'), 'head_of_procedure', 'sensitive', 'valutazione', null],
    ]);
    expect(server.app.audit.trail.verify().ok).toBe(true);
  });

  it('other roles have no sensitive read at all', async () => {
    const d = await assignedDossier(1);
    for (const username of ['sportello.c1', 'ragioneria.demo', 'revisore.demo', 'analista.demo', 'operatore.demo', 'cittadino.demo']) {
      const res = await (await as(username)).mutation('dossier.sensitive', { dossierId: d.id, purpose: 'verifica' });
      expect(res.error?.data.code, username).toBe('FORBIDDEN');
    }
  });
});

describe('audit trail procedures', () => {
  it('every change of status is a change row, written with the change', async () => {
    const d = await assignedDossier(1);
    const rows = server.app.repos.audit.forDossier(d.id);
    expect(rows.map((r) => [r.action, r.section, r.note])).toEqual([
      ['change', 'status', '->INVIATA'],
      ['change', 'status', 'INVIATA->PROTOCOLLATA'],
      ['change', 'assignment', 'PROTOCOLLATA->ASSEGNATA'],
    ]);
  });

  it('the auditor sees who looked at a dossier, when, which section and why, and no content', async () => {
    const d = await assignedDossier(1);
    await (await as('istruttore.c1')).mutation('dossier.sensitive', { dossierId: d.id, purpose: 'verifica' });
    const auditor = await as('revisore.demo');
    const res = await auditor.query<
      { at: string; actor: { name: string; role: string }; section: string; action: string; purpose: string }[]
    >('audit.forDossier', { dossierId: d.id });
    expect(res.status).toBe(200);
    const read = res.data!.find((r) => r.action === 'read')!;
    expect(read).toMatchObject({
      section: 'sensitive',
      purpose: 'verifica',
      actor: { name: 'Assistente sociale 1 (demo)', role: 'case_officer' },
    });
    expect(Date.parse(read.at)).not.toBeNaN();
    const body = JSON.stringify(res.data);
    expect(body).not.toContain('answers');
    for (const value of Object.values(d.answers)) if (typeof value === 'string' && value.length > 3) expect(body).not.toContain(value);
    // No dossier content through any other door either.
    expect((await auditor.query('sync.pull', { cursor: null })).error?.data.code).toBe('FORBIDDEN');
    expect((await auditor.query('queue.list', {})).error?.data.code).toBe('FORBIDDEN');
    // And only the auditor has the trail.
    for (const username of ['istruttore.c1', 'responsabile.c1', 'cittadino.demo', 'admin.demo']) {
      expect((await (await as(username)).query('audit.forDossier', { dossierId: d.id })).error?.data.code, username).toBe('FORBIDDEN');
    }
  });

  it('a citizen gets the dates and purposes of the reads of their own dossiers, and nothing about others', async () => {
    const citizenUser = server.app.repos.users.findByUsername('cittadino.demo')!;
    const person = server.app.repos.persons.findById(citizenUser.personId!)!;
    const n = person.circoscrizione ?? 1;
    const own = await assignedDossier(n, {
      codiceFiscale: person.codiceFiscale,
      givenName: person.givenName,
      familyName: person.familyName,
      circoscrizione: n,
    });
    const someoneElse = await assignedDossier(n);
    const officer = await as(`istruttore.c${n}`);
    await officer.mutation('dossier.sensitive', { dossierId: own.id, purpose: 'richiesta_interessato', note: 'nome del collega' });
    await officer.mutation('dossier.sensitive', { dossierId: someoneElse.id, purpose: 'istruttoria' });

    const citizen = await as('cittadino.demo');
    const res = await citizen.query<{ dossierId: string; at: string; purpose: string }[]>('audit.myDossierReads');
    expect(res.status).toBe(200);
    expect(res.data!.map((r) => [r.dossierId, r.purpose])).toEqual([[own.id, 'richiesta_interessato']]);
    expect(Object.keys(res.data![0]!).sort()).toEqual(['at', 'dossierId', 'purpose', 'reference', 'section']);
    // Not who, and not the note.
    expect(JSON.stringify(res.data)).not.toContain(userId(`istruttore.c${n}`));
    expect(JSON.stringify(res.data)).not.toContain('collega');
    // The citizen's own pull still has every answer they gave.
    expect((await pulled(citizen, own.id))!.answers).toEqual(own.answers);
    // Staff have no such procedure.
    expect((await officer.query('audit.myDossierReads')).error?.data.code).toBe('FORBIDDEN');
  });
});
