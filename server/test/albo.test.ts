/**
 * Issue 6 §2: the albo of professionals. A public application, the office's review
 * (audited), the account on approval, the public directory with consented fields only,
 * mediators who see one dossier and nothing else, and the daily expiry job.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import {
  CATALOGUE,
  alboExpiry,
  encodeCodiceFiscale,
  sensitiveQuestionIds,
  type CatalogueService,
  type PublicProfessional,
} from '@icaro/domain';
import type { Change, PullResponse, PushResponse } from '@icaro/sync';
import { appRouter } from '../src/trpc/router.ts';
import { APPLY_PER_IP, createAlboService, type AlboError } from '../src/services/albo.service.ts';
import type { Notifier, PlainMessage } from '../src/notify/notifier.ts';
import { createLogger } from '../src/logger.ts';
import { DEMO_ALBO_ACCESS_CODE, DEMO_PROFESSIONALS, demoProfessionalCf } from '../src/seed/albo.ts';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
const userId = (username: string) => server.app.repos.users.findByUsername(username)!.id;
const service: CatalogueService = CATALOGUE.find((s) => s.form.questions.some((q) => q.sensitive && q.required && !q.showIf))!;
const sensitiveIds = sensitiveQuestionIds(service.form);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function as(username: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username)).status).toBe(200);
  return client;
}

/** Signs a person in with codice fiscale and the one-time code from the demo inbox. */
async function byCode(cf: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  const challenge = await client.mutation<{ challengeId: string }>('loginCode.request', { codiceFiscale: cf });
  expect(challenge.status).toBe(200);
  const inbox = await client.query<{ code: string }[]>('demo.inbox');
  const verify = await client.mutation('loginCode.verify', { challengeId: challenge.data!.challengeId, code: inbox.data![0]!.code });
  expect(verify.status).toBe(200);
  return client;
}

async function push(client: TestClient, mutations: ReturnType<typeof envelope>[]) {
  const res = await client.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations });
  expect(res.status).toBe(200);
  return res.data!.outcomes;
}

async function pullAll(client: TestClient, cursor: number | null = null): Promise<PullResponse> {
  const res = await client.query<PullResponse>('sync.pull', { cursor });
  expect(res.status).toBe(200);
  return res.data!;
}

const random = new Random(66);
async function assignedDossier(n: number) {
  const args = submitArgs(random, syntheticApplicant(9000 + Math.floor(random.next() * 1000), n), {}, service);
  const outcomes = await push(await as(`sportello.c${n}`), [
    envelope(1, 'dossier.submit@1', args),
    envelope(2, 'dossier.transition@1', { dossierId: args.dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' }),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
  const assigned = await push(await as(`responsabile.c${n}`), [
    envelope(1, 'dossier.assign@1', { dossierId: args.dossierId, from: 'PROTOCOLLATA', officerId: userId(`istruttore.c${n}`) }),
  ]);
  expect(assigned[0]!.status).toBe('applied');
  return { id: args.dossierId, reference: server.app.repos.dossiers.findById(args.dossierId)!.reference };
}

function application(n: number) {
  const givenName = ['Lucia', 'Marco', 'Ada'][n % 3]!;
  const familyName = ['Ferrante', 'Militello', 'Russo'][n % 3]!;
  return {
    codiceFiscale: encodeCodiceFiscale({ familyName, givenName, birthDate: `198${n % 10}-04-1${n % 10}`, sex: 'F', belfiore: 'G273' }),
    givenName,
    familyName,
    email: `prof${n}@example.org`,
    phone: '333 1234567',
    qualification: 'Assistente sociale',
    professionalOrder: 'Ordine degli Assistenti sociali della Sicilia',
    registrationNumber: `AS-${n}`,
    description: 'Mediazione familiare.',
    userAreas: ['famiglia_minori'],
    languages: ['it', 'ar'],
    circoscrizioni: [1],
    associationIds: ['ASS-01'],
    publish: ['languages', 'userAreas'],
    documents: [{ sha256: 'a'.repeat(64), name: 'iscrizione-ordine.pdf', mime: 'application/pdf', size: 1234 }],
  };
}

describe('applying to the albo and the review', () => {
  it('refuses a bad application with an error for each field, and keeps nothing', async () => {
    const anonymous = new TestClient(server.url, server.origin);
    const bad = { ...application(1), codiceFiscale: 'RSSMRA80A01G273X', email: 'not-an-email', languages: [], associationIds: ['ASS-04'] };
    const res = await anonymous.mutation('albo.submit', bad);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.error!.message) as { code: string; fields: Record<string, string> };
    expect(body).toEqual({
      code: 'invalid',
      fields: { codiceFiscale: 'codice_fiscale', email: 'email', languages: 'choose_one', associationIds: 'invalid' },
    });
    expect(server.app.repos.albo.findByCodiceFiscale(bad.codiceFiscale)).toBeUndefined();
  });

  it('applies, is asked for more, answers, is approved (each step audited), signs in by code and is in the directory with consented fields only', async () => {
    const anonymous = new TestClient(server.url, server.origin);
    const input = application(2);
    const applied = await anonymous.mutation<{ applicationId: string; accessCode: string }>('albo.submit', input);
    expect(applied.status).toBe(200);
    const { applicationId, accessCode } = applied.data!;
    expect((await anonymous.mutation('albo.submit', input)).error?.message).toBe('already_applied');
    expect((await anonymous.query<{ status: string }>('albo.status', { code: accessCode })).data!.status).toBe('pending');
    expect((await anonymous.query('albo.status', { code: 'AAAA-BBBB-CCCC' })).error?.message).toBe('invalid_code');
    // Not in the directory yet.
    expect(JSON.stringify((await anonymous.query('albo.directory')).data)).not.toContain(applicationId);

    // Only the head of procedure reviews.
    expect((await (await as('istruttore.c1')).query('albo.applications')).status).toBe(403);
    const head = await as('responsabile.c1');
    const list = await head.query<{ id: string; status: string }[]>('albo.applications');
    expect(list.data!.find((a) => a.id === applicationId)?.status).toBe('pending');
    expect((await head.mutation('albo.askMore', { id: applicationId, note: '' })).error?.message).toBe('reason_required');
    expect((await head.mutation('albo.askMore', { id: applicationId, note: "Manca il certificato d'iscrizione all'ordine." })).status).toBe(
      200,
    );

    const view = await anonymous.query<{ status: string; reviewNote: string }>('albo.status', { code: accessCode });
    expect(view.data).toMatchObject({ status: 'info_requested', reviewNote: "Manca il certificato d'iscrizione all'ordine." });
    const answered = await anonymous.mutation<{ status: string; documents: unknown[] }>('albo.answer', {
      code: accessCode,
      note: 'Allego il certificato.',
      documents: [{ sha256: 'b'.repeat(64), name: 'certificato.pdf', mime: 'application/pdf', size: 2000 }],
    });
    expect(answered.data).toMatchObject({ status: 'pending' });
    expect(answered.data!.documents).toHaveLength(2);

    const approved = await head.mutation<{ status: string; expiresOn: string }>('albo.approve', { id: applicationId });
    expect(approved.data!.status).toBe('listed');
    expect(approved.data!.expiresOn > new Date().toISOString().slice(0, 10)).toBe(true);
    expect((await head.mutation('albo.approve', { id: applicationId })).error?.message).toBe('wrong_state');

    const audit = server.app.repos.audit.forDossier(applicationId);
    expect(audit.map((r) => [r.section, r.note])).toEqual([
      ['albo', 'new->pending'],
      ['albo', 'pending->info_requested'],
      ['albo', 'info_requested->pending'],
      ['albo', 'pending->listed'],
    ]);

    // The account: codice fiscale and a one-time code, as a citizen would.
    const professional = await byCode(input.codiceFiscale);
    expect((await professional.query('auth.me')).data).toMatchObject({ role: 'professional', displayName: 'Ada Russo' });
    const mine = await professional.query<{ listing: { status: string }; dossiers: unknown[] }>('albo.mine');
    expect(mine.data).toMatchObject({ listing: { status: 'listed' }, dossiers: [] });

    const entry = (await anonymous.query<PublicProfessional[]>('albo.directory')).data!.find((p) => p.id === applicationId)!;
    expect(entry).toMatchObject({
      name: 'Ada Russo',
      qualification: 'Assistente sociale',
      languages: ['it', 'ar'],
      userAreas: ['famiglia_minori'],
    });
    // Not published: contacts, circoscrizioni, associations. And never the codice fiscale.
    expect(entry).toMatchObject({ email: null, phone: null, circoscrizioni: [], associations: [] });
    expect(JSON.stringify(entry)).not.toContain(input.codiceFiscale);
    expect(JSON.stringify(entry)).not.toContain(input.email);
  });

  it('rejects with a reason; the applicant may apply again later', async () => {
    const anonymous = new TestClient(server.url, server.origin);
    const input = application(3);
    const { applicationId, accessCode } = (await anonymous.mutation<{ applicationId: string; accessCode: string }>('albo.submit', input))
      .data!;
    const head = await as('responsabile.c1');
    expect((await head.mutation('albo.reject', { id: applicationId, reason: ' ' })).error?.message).toBe('reason_required');
    expect(
      (await head.mutation('albo.reject', { id: applicationId, reason: "Il numero d'iscrizione non risulta all'ordine." })).status,
    ).toBe(200);
    expect((await anonymous.query('albo.status', { code: accessCode })).data).toMatchObject({ status: 'rejected' });
    const again = await anonymous.mutation<{ applicationId: string }>('albo.submit', input);
    expect(again.data!.applicationId).toBe(applicationId);
    expect(server.app.repos.audit.forDossier(applicationId).map((r) => r.note)).toEqual([
      'new->pending',
      'pending->rejected',
      'rejected->pending',
    ]);
  });

  it('takes at most APPLY_PER_IP applications an hour from one address', () => {
    const bad = { ...application(5), email: 'no', documents: [] } as never;
    const codes = Array.from({ length: APPLY_PER_IP + 1 }, () => {
      try {
        server.app.albo.apply(bad, '203.0.113.9');
        return 'applied';
      } catch (error) {
        return (error as AlboError).code;
      }
    });
    expect(codes.slice(0, APPLY_PER_IP).every((c) => c === 'invalid')).toBe(true);
    expect(codes.at(-1)).toBe('rate_limited');
  });

  it('the seeded pending application is followed with its demo code', async () => {
    const view = await new TestClient(server.url, server.origin).query<{ status: string; name: string }>('albo.status', {
      code: DEMO_ALBO_ACCESS_CODE,
    });
    expect(view.data).toMatchObject({ status: 'pending', name: 'Ibrahima Sciortino' });
  });
});

describe("an application's documents", () => {
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const put = (code: string, hash: string, bytes: Buffer) =>
    fetch(`${server.url}/api/albo/upload/${hash}`, {
      method: 'PUT',
      headers: {
        'x-albo-code': code,
        origin: server.origin,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/octet-stream',
        'upload-offset': '0',
        'upload-length': String(bytes.length),
      },
      body: bytes,
    });

  it('are uploads like any other (hash and magic bytes checked), keyed by the follow-up code, and read by the reviewers only', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(`certificato ${uuidv7()}`)]);
    const fake = Buffer.from('MZ this is a program, not a document');
    const anonymous = new TestClient(server.url, server.origin);
    const input = {
      ...application(4),
      documents: [{ sha256: sha(pdf), name: 'iscrizione.pdf', mime: 'application/pdf', size: pdf.length }],
    };
    const { applicationId, accessCode } = (await anonymous.mutation<{ applicationId: string; accessCode: string }>('albo.submit', input))
      .data!;
    const head = await as('responsabile.c1');
    const before = await head.query<{ documents: { sha256: string; received: boolean }[] }>('albo.application', { id: applicationId });
    expect(before.data!.documents).toMatchObject([{ sha256: sha(pdf), received: false }]);

    expect((await put('AAAA-BBBB-CCCC', sha(pdf), pdf)).status).toBe(401);
    expect((await put(accessCode, sha(fake), fake)).status).toBe(415);
    expect((await put(accessCode, sha(pdf), Buffer.concat([pdf, Buffer.from('x')]))).status).toBe(422);
    const stored = await put(accessCode, sha(pdf), pdf);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ complete: true });
    // The application's own account cannot sign in: it only holds the uploads.
    expect(server.app.repos.users.findById(server.app.repos.albo.findById(applicationId)!.userId!)!.active).toBe(false);

    const after = await head.query<{ documents: { received: boolean }[] }>('albo.application', { id: applicationId });
    expect(after.data!.documents).toMatchObject([{ received: true }]);
    const url = `${server.url}/api/albo/document/${applicationId}/${sha(pdf)}`;
    const file = await fetch(url, { headers: { cookie: head.cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await fetch(url, { headers: { cookie: (await as('istruttore.c1')).cookie } })).status).toBe(403);
    expect((await fetch(url)).status).toBe(401);
    // Nor through the general attachment route: knowing the hash is not enough.
    expect((await fetch(`${server.url}/api/attachments/${sha(pdf)}`, { headers: { cookie: head.cookie } })).status).toBe(404);

    // Once approved, the code no longer uploads; the account opens.
    await head.mutation('albo.approve', { id: applicationId });
    expect((await put(accessCode, sha(pdf), pdf)).status).toBe(401);
    expect(server.app.repos.users.findById(server.app.repos.albo.findById(applicationId)!.userId!)!.active).toBe(true);
  });
});

describe('mediators', () => {
  const samira = () => demoProfessionalCf(DEMO_PROFESSIONALS[0]!);
  const samiraId = () => server.app.repos.albo.findByCodiceFiscale(samira())!.id;

  it('a professional added to one dossier reads that dossier and no other, through any procedure; removal ends it at once', async () => {
    const mediated = await assignedDossier(1);
    const other = await assignedDossier(1);
    const professional = await byCode(samira());
    // Before: nothing at all.
    expect((await pullAll(professional)).changes).toEqual([]);

    // The unassigned officer may not add; the assigned one may.
    expect(
      (
        await (
          await as('istruttore2.c1')
        ).mutation('mediators.add', {
          dossierId: mediated.id,
          professionalId: samiraId(),
          purpose: 'Mediazione linguistica',
          grantSensitive: false,
        })
      ).error?.message,
    ).toBe('forbidden');
    expect(
      (
        await (
          await as('istruttore.c2')
        ).mutation('mediators.add', {
          dossierId: mediated.id,
          professionalId: samiraId(),
          purpose: 'Mediazione linguistica',
          grantSensitive: false,
        })
      ).error?.message,
    ).toBe('not_found');
    const officer = await as('istruttore.c1');
    const added = await officer.mutation<{ id: string; purpose: string }[]>('mediators.add', {
      dossierId: mediated.id,
      professionalId: samiraId(),
      purpose: 'Mediazione linguistica nei colloqui',
      grantSensitive: false,
    });
    expect(added.status).toBe(200);
    expect(added.data).toMatchObject([{ purpose: 'Mediazione linguistica nei colloqui' }]);

    const first = await pullAll(professional);
    const ids = first.changes.map((c: Change) => `${c.entity}:${c.op}:${c.id}`);
    expect(ids).toEqual([`dossier:put:${mediated.id}`]);
    const view = first.changes[0]!.op === 'put' && first.changes[0]!.entity === 'dossier' ? first.changes[0]!.data : undefined;
    expect(view?.sensitiveWithheld).toBe(true);
    expect(Object.keys(view!.answers).some((id) => sensitiveIds.has(id))).toBe(false);

    // Every procedure of the router, with the other dossier's id in every shape of input:
    // nothing answers with it. (Login and logout are left out: they would end this session.)
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
    const skip = new Set(['auth.logout', 'auth.login', 'auth.secondFactor', 'loginCode.request', 'loginCode.verify']);
    const inputs = [
      undefined,
      { dossierId: other.id },
      { id: other.id },
      { search: other.reference },
      { dossierId: other.id, purpose: 'istruttoria' },
    ];
    for (const [path, p] of procedures) {
      if (skip.has(path)) continue;
      for (const input of inputs) {
        const res = p._def.type === 'query' ? await professional.query(path, input) : await professional.mutation(path, input);
        const text = JSON.stringify(res.data ?? res.error ?? null);
        expect(text, path).not.toContain(other.id);
        expect(text, path).not.toContain(other.reference);
      }
    }
    // The mutations that name a dossier are refused as if it did not exist, or not allowed at all.
    const refused = await push(professional, [
      envelope(1, 'dossier.transition@1', { dossierId: other.id, from: 'ASSEGNATA', to: 'RITIRATA' }),
      envelope(2, 'dossier.transition@1', { dossierId: mediated.id, from: 'ASSEGNATA', to: 'ISTRUTTORIA' }),
    ]);
    expect(refused.map((o) => o.status)).toEqual(['refused', 'refused']);
    expect((await professional.mutation('dossier.sensitive', { dossierId: mediated.id, purpose: 'istruttoria' })).status).toBe(403);
    expect((await professional.query('mediators.list', { dossierId: mediated.id })).status).toBe(403);

    // A later change of the dossier reaches the mediator too, with a poke.
    const cursor = first.cursor;
    const samiraUser = server.app.repos.users.findById(server.app.repos.albo.findById(samiraId())!.userId!)!;
    let poked = 0;
    const unsubscribe = server.app.pokes.subscribe({ ...samiraUser }, () => poked++);
    expect(
      (await push(officer, [envelope(1, 'dossier.transition@1', { dossierId: mediated.id, from: 'ASSEGNATA', to: 'ISTRUTTORIA' })]))[0]!
        .status,
    ).toBe('applied');
    unsubscribe();
    expect(poked).toBeGreaterThan(0);
    const next = await pullAll(professional, cursor);
    expect(next.changes).toMatchObject([{ entity: 'dossier', op: 'put', id: mediated.id, data: { status: 'ISTRUTTORIA' } }]);

    // The grant: audited, and the next pull carries the sensitive answers.
    const mediatorId = added.data![0]!.id;
    expect((await officer.mutation('mediators.setSensitive', { mediatorId, granted: true })).status).toBe(200);
    const granted = await pullAll(professional, next.cursor);
    const grantedView = granted.changes[0]?.op === 'put' && granted.changes[0].entity === 'dossier' ? granted.changes[0].data : undefined;
    expect(grantedView?.sensitiveWithheld).toBeUndefined();
    expect(Object.keys(grantedView!.answers).some((id) => sensitiveIds.has(id))).toBe(true);

    // With a page still open (an old cursor), after removal: the next call is refused and
    // the next pull deletes the dossier from the device.
    expect((await officer.mutation('mediators.remove', { mediatorId })).status).toBe(200);
    const after = await pullAll(professional, granted.cursor);
    expect(after.changes).toEqual([{ entity: 'dossier', op: 'del', id: mediated.id }]);
    const fromScratch = await pullAll(professional);
    expect(fromScratch.changes.filter((c) => c.op === 'put')).toEqual([]);
    const late = await push(professional, [
      envelope(3, 'dossier.transition@1', { dossierId: mediated.id, from: 'ISTRUTTORIA', to: 'RITIRATA' }),
    ]);
    expect(late[0]).toMatchObject({ status: 'refused', code: 'not_found' });
    expect((await professional.query<{ dossiers: unknown[] }>('albo.mine')).data!.dossiers).toEqual([]);

    expect(
      server.app.repos.audit
        .forDossier(mediated.id)
        .filter((r) => r.purpose === 'mediator')
        .map((r) => [r.section, r.note]),
    ).toEqual([
      ['mediator', `added ${samiraId()}`],
      ['sensitive', `granted to ${samiraId()}`],
      ['mediator', `removed ${samiraId()}`],
    ]);
  });

  it('only a listed professional can be added', async () => {
    const d = await assignedDossier(2);
    const pending = server.app.repos.albo.findByCodiceFiscale(demoProfessionalCf(DEMO_PROFESSIONALS[3]!))!;
    const res = await (
      await as('responsabile.c2')
    ).mutation('mediators.add', { dossierId: d.id, professionalId: pending.id, purpose: 'Prova', grantSensitive: false });
    expect(res.error?.message).toBe('not_listed');
  });
});

describe('needs reports by professionals (§4)', () => {
  const report = (circoscrizione: number) => ({
    reportId: uuidv7(),
    circoscrizione,
    userArea: 'famiglia_minori',
    need: 'solitudine',
    peopleBand: '6-20',
    urgency: 'media',
    description: 'Famiglie appena arrivate che non sanno a chi rivolgersi.',
    observedOn: new Date().toISOString().slice(0, 10),
  });

  it('a listed professional files through the same push; the office of that circoscrizione and the professional see it, no one else', async () => {
    const samira = await byCode(demoProfessionalCf(DEMO_PROFESSIONALS[0]!));
    const args = report(2);
    const outcomes = await push(samira, [envelope(1, 'needs.report@1', args)]);
    expect(outcomes[0]).toMatchObject({ status: 'applied', result: { reportId: args.reportId } });

    const staff = (await pullAll(await as('istruttore.c2'))).changes.find((c) => c.id === args.reportId);
    expect(staff).toMatchObject({
      entity: 'needs_report',
      op: 'put',
      data: { associationId: null, associationName: 'Samira Bentivegna, Mediatrice interculturale' },
    });
    expect((await pullAll(samira)).changes.some((c) => c.id === args.reportId && c.op === 'put')).toBe(true);
    const giacomo = await byCode(demoProfessionalCf(DEMO_PROFESSIONALS[1]!));
    for (const other of [giacomo, await as('operatore.demo'), await as('istruttore.c3')]) {
      expect((await pullAll(other)).changes.some((c) => c.id === args.reportId)).toBe(false);
    }
  });

  it('a professional who is not listed may not file', async () => {
    const pro = server.app.repos.albo.findByCodiceFiscale(demoProfessionalCf(DEMO_PROFESSIONALS[1]!))!;
    const giacomo = await byCode(pro.codiceFiscale);
    server.app.repos.albo.update(pro.id, { status: 'delisted' });
    try {
      const outcomes = await push(giacomo, [envelope(1, 'needs.report@1', report(3))]);
      expect(outcomes[0]).toMatchObject({ status: 'refused', code: 'forbidden' });
    } finally {
      server.app.repos.albo.update(pro.id, { status: 'listed' });
    }
  });
});

describe('renewal', () => {
  it('a listed professional asks to renew; the approval extends the listing from the day after its last day (audited)', async () => {
    // Giacomo: the router walk above (every procedure, as Samira) already asked for Samira's renewal.
    const cf = demoProfessionalCf(DEMO_PROFESSIONALS[1]!);
    const before = server.app.repos.albo.findByCodiceFiscale(cf)!;
    const giacomo = await byCode(cf);
    const renewed = await giacomo.mutation<{ renewalRequested: boolean }>('albo.renew');
    expect(renewed.data).toMatchObject({ renewalRequested: true });
    expect((await giacomo.mutation('albo.renew')).error?.message).toBe('wrong_state');
    const head = await as('responsabile.c3');
    const list = await head.query<{ id: string; renewalRequested: boolean }[]>('albo.applications');
    expect(list.data!.find((a) => a.id === before.id)).toMatchObject({ renewalRequested: true });
    const approved = await head.mutation<{ status: string; expiresOn: string; renewalRequested: boolean }>('albo.approve', {
      id: before.id,
    });
    const next = new Date(`${before.expiresOn!}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    expect(approved.data).toMatchObject({
      status: 'listed',
      renewalRequested: false,
      expiresOn: alboExpiry(next.toISOString().slice(0, 10)),
    });
    expect(
      server.app.repos.audit
        .forDossier(before.id)
        .slice(-2)
        .map((r) => r.note),
    ).toEqual(['renewal requested', 'listed->listed (renewal)']);
  });
});

describe('the daily expiry job', () => {
  class Recording implements Notifier {
    readonly channel = 'demo' as const;
    readonly sent: PlainMessage[] = [];
    sendLoginCode(): Promise<void> {
      return Promise.resolve();
    }
    sendMessage(message: PlainMessage): Promise<void> {
      this.sent.push(message);
      return Promise.resolve();
    }
  }

  it('reminds once per listing period, then delists a lapsed listing: directory and mediation gone', async () => {
    const carmela = server.app.repos.albo.findByCodiceFiscale(demoProfessionalCf(DEMO_PROFESSIONALS[2]!))!;
    const expiresOn = carmela.expiresOn!;
    const d = await assignedDossier(6);
    const professional = await byCode(carmela.codiceFiscale);
    await (
      await as('responsabile.c6')
    ).mutation('mediators.add', { dossierId: d.id, professionalId: carmela.id, purpose: 'Lingua dei segni', grantSensitive: false });
    const before = await pullAll(professional);
    expect(before.changes.map((c) => c.id)).toEqual([d.id]);

    let clock = new Date(`${expiresOn}T10:00:00Z`);
    clock.setUTCDate(clock.getUTCDate() - 45);
    const notifier = new Recording();
    const job = createAlboService({
      db: server.app.db,
      repos: server.app.repos,
      notifier,
      pokes: server.app.pokes,
      log: createLogger('silent'),
      now: () => clock,
    });
    // 45 days before: nothing for Carmela (the server's own run at start may have reminded others).
    job.runDaily();
    expect(notifier.sent.filter((m) => m.ref === carmela.id)).toEqual([]);
    // 30 days before: one reminder; run again the same day and the next: no second one.
    clock = new Date(clock.getTime() + 15 * 86_400_000);
    server.app.repos.albo.update(carmela.id, { remindedFor: null });
    job.runDaily();
    job.runDaily();
    clock = new Date(clock.getTime() + 86_400_000);
    job.runDaily();
    expect(notifier.sent.filter((m) => m.ref === carmela.id).map((m) => m.kind)).toEqual(['albo.reminder']);
    // The last day: still listed. The day after: delisted.
    clock = new Date(`${expiresOn}T20:00:00Z`);
    job.runDaily();
    expect(server.app.repos.albo.findById(carmela.id)!.status).toBe('listed');
    clock = new Date(clock.getTime() + 86_400_000);
    expect(job.runDaily().delisted).toBeGreaterThanOrEqual(1);
    expect(job.runDaily()).toEqual({ reminded: 0, delisted: 0 });
    expect(server.app.repos.albo.findById(carmela.id)!.status).toBe('delisted');
    expect(notifier.sent.filter((m) => m.ref === carmela.id).map((m) => m.kind)).toEqual(['albo.reminder', 'albo.delisted']);

    expect(job.directory().map((p) => p.id)).not.toContain(carmela.id);
    const after = await pullAll(professional, before.cursor);
    expect(after.changes).toEqual([{ entity: 'dossier', op: 'del', id: d.id }]);
    expect(server.app.repos.albo.activeMediations(carmela.userId!)).toEqual([]);
    expect(server.app.repos.audit.forDossier(carmela.id).at(-1)?.note).toBe('listed->delisted (lapsed)');
  });
});
