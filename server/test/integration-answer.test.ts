/**
 * Documents named by dossiers and the applicant's answer to an integration request
 * (dossier.respond@1), through the real API: records and files travel apart, the
 * answer resumes the procedure through the lifecycle, scope decides who reads what.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eq } from 'drizzle-orm';
import type { MutationName, PushResponse } from '@icaro/sync';
import { dossiers, statusEvents } from '../src/db/schema.ts';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function as(username: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username)).status).toBe(200);
  return client;
}

async function push(client: TestClient, name: MutationName, args: unknown) {
  const res = await client.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations: [envelope(1, name, args)] });
  expect(res.status).toBe(200);
  return res.data!.outcomes[0]!;
}

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const pdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\ntrailer <</Root 1 0 R>>\n%%EOF\n`);

async function upload(client: TestClient, bytes: Buffer) {
  const res = await fetch(`${server.url}/api/attachments/${sha(bytes)}/upload`, {
    method: 'PUT',
    headers: {
      cookie: client.cookie,
      origin: server.origin,
      'content-type': 'application/octet-stream',
      'upload-offset': '0',
      'upload-length': String(bytes.length),
    },
    body: bytes,
  });
  expect(res.status).toBe(200);
}
const download = (client: TestClient, hash: string) =>
  fetch(`${server.url}/api/attachments/${hash}`, { headers: { cookie: client.cookie } });

interface Documents {
  documents: {
    sha256: string;
    name: string;
    documentKind: string | null;
    answerId: string | null;
    received: boolean;
    mime: string | null;
  }[];
  answers: { id: string; message: string; authorName: string }[];
}
const documentsOf = async (client: TestClient, dossierId: string) => client.query<Documents>('attachments.forDossier', { dossierId });

const random = new Random(11);
const row = (id: string) => server.app.db.select().from(dossiers).where(eq(dossiers.id, id)).get()!;

/** The demo citizen's own request, carried by the office to INTEGRAZIONE_RICHIESTA. */
async function awaitingIntegration(citizen: TestClient, attachments: { sha256: string; name: string; documentKind?: string }[] = []) {
  const person = server.app.repos.persons.findById(server.app.repos.users.findByUsername('cittadino.demo')!.personId!)!;
  const applicant = {
    codiceFiscale: person.codiceFiscale,
    givenName: person.givenName,
    familyName: person.familyName,
    circoscrizione: person.circoscrizione,
  };
  const args = submitArgs(random, applicant, { consent: undefined, attachments });
  expect(await push(citizen, 'dossier.submit@1', args)).toMatchObject({ status: 'applied' });
  const c = person.circoscrizione;
  const id = args.dossierId;
  expect(
    await push(await as(`sportello.c${c}`), 'dossier.transition@1', { dossierId: id, from: 'INVIATA', to: 'PROTOCOLLATA' }),
  ).toMatchObject({ status: 'applied' });
  const officer = server.app.repos.users.findByUsername(`istruttore.c${c}`)!;
  expect(
    await push(await as(`responsabile.c${c}`), 'dossier.assign@1', { dossierId: id, from: 'PROTOCOLLATA', officerId: officer.id }),
  ).toMatchObject({ status: 'applied' });
  const istruttore = await as(`istruttore.c${c}`);
  expect(await push(istruttore, 'dossier.transition@1', { dossierId: id, from: 'ASSEGNATA', to: 'ISTRUTTORIA' })).toMatchObject({
    status: 'applied',
  });
  expect(
    await push(istruttore, 'dossier.transition@1', {
      dossierId: id,
      from: 'ISTRUTTORIA',
      to: 'INTEGRAZIONE_RICHIESTA',
      reason: 'Manca l’attestazione ISEE',
    }),
  ).toMatchObject({ status: 'applied' });
  return { id, c, istruttore };
}

describe('documents named by a request', () => {
  it('accepts the record before the file, shows it "in arrivo", then opens it to the office only', async () => {
    const citizen = await as('cittadino.demo');
    const isee = pdf('isee della richiesta');
    const ref = { sha256: sha(isee), name: 'ISEE 2026.pdf', documentKind: 'Attestazione ISEE in corso di validità' };
    const { id, c, istruttore } = await awaitingIntegration(citizen, [ref]);

    const before = await documentsOf(istruttore, id);
    expect(before.data?.documents).toEqual([
      expect.objectContaining({ sha256: ref.sha256, name: 'ISEE 2026.pdf', received: false, mime: null }),
    ]);
    expect((await download(istruttore, ref.sha256)).status).toBe(404);

    await upload(citizen, isee);
    const after = await documentsOf(istruttore, id);
    expect(after.data?.documents[0]).toMatchObject({ received: true, mime: 'application/pdf', documentKind: ref.documentKind });
    const res = await download(istruttore, ref.sha256);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('ISEE 2026.pdf'));
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(ref.sha256);

    // The office's download is in the audit trail (which file, by its hash, never its
    // name), and the citizen finds it among the reads of their request; their own
    // download of what they sent is not a read by someone else.
    expect((await download(citizen, ref.sha256)).status).toBe(200);
    const trail = await (await as('revisore.demo')).query<{ section: string; action: string; purpose: string; note: string | null }[]>(
      'audit.forDossier',
      { dossierId: id },
    );
    const documentReads = trail.data!.filter((r) => r.section === 'document');
    expect(documentReads).toEqual([
      expect.objectContaining({ action: 'read', purpose: 'istruttoria', note: `documento ${ref.sha256.slice(0, 12)}` }),
    ]);
    expect(JSON.stringify(documentReads)).not.toContain('ISEE 2026');
    const reads = await citizen.query<{ dossierId: string; section: string }[]>('audit.myDossierReads');
    expect(reads.data!.filter((r) => r.dossierId === id && r.section === 'document')).toHaveLength(1);
    expect(server.app.audit.trail.verify().ok).toBe(true);

    // Another office's staff and another citizen can neither list nor open it.
    const other = await as(`istruttore.c${(c % 8) + 1}`);
    expect((await documentsOf(other, id)).status).toBe(404);
    expect((await download(other, ref.sha256)).status).toBe(404);
    const operator = await as('operatore.demo');
    expect((await download(operator, ref.sha256)).status).toBe(404);
  });

  it('does not open a file to a dossier linked by someone who never uploaded it', async () => {
    const citizen = await as('cittadino.demo');
    const secret = pdf('the citizen’s own document');
    await upload(citizen, secret);
    // An operator who learnt the hash names it in a request of their association.
    const operator = await as('operatore.demo');
    const args = submitArgs(random, syntheticApplicant(901, 2), { attachments: [{ sha256: sha(secret), name: 'preso.pdf' }] });
    expect(await push(operator, 'dossier.submit@1', args)).toMatchObject({ status: 'applied' });
    expect((await download(operator, sha(secret))).status).toBe(404);
    const office = await as('istruttore.c2');
    expect((await documentsOf(office, args.dossierId)).data?.documents[0]).toMatchObject({ received: false });
    expect((await download(office, sha(secret))).status).toBe(404);
  });
});

describe('dossier.respond@1', () => {
  it('records the answer and its documents, resumes the procedure and the clock', async () => {
    const citizen = await as('cittadino.demo');
    const { id, istruttore } = await awaitingIntegration(citizen);
    const suspended = row(id);
    expect(suspended.status).toBe('INTEGRAZIONE_RICHIESTA');

    const doc = pdf('isee mancante');
    const answerId = uuidv7();
    const outcome = await push(citizen, 'dossier.respond@1', {
      dossierId: id,
      answerId,
      message: '  Ecco l’ISEE che mancava.  ',
      attachments: [{ sha256: sha(doc), name: 'isee.pdf', documentKind: 'Attestazione ISEE' }],
    });
    expect(outcome).toMatchObject({ status: 'applied', result: { dossierId: id, answerId, status: 'ISTRUTTORIA' } });
    const after = row(id);
    expect(after.status).toBe('ISTRUTTORIA');
    expect(after.dueDate).not.toBeNull();
    const last = server.app.db.select().from(statusEvents).where(eq(statusEvents.dossierId, id)).all().at(-1)!;
    expect(last).toMatchObject({
      fromStatus: 'INTEGRAZIONE_RICHIESTA',
      toStatus: 'ISTRUTTORIA',
      actorId: server.app.repos.users.findByUsername('cittadino.demo')!.id,
    });

    const seen = await documentsOf(istruttore, id);
    expect(seen.data?.answers).toEqual([expect.objectContaining({ id: answerId, message: 'Ecco l’ISEE che mancava.' })]);
    expect(seen.data?.documents).toEqual([expect.objectContaining({ sha256: sha(doc), answerId, received: false })]);
    await upload(citizen, doc);
    expect((await documentsOf(istruttore, id)).data?.documents[0]?.received).toBe(true);

    // Once answered, a second answer is stale: the office has the dossier back.
    expect(
      await push(citizen, 'dossier.respond@1', { dossierId: id, answerId: uuidv7(), message: 'ancora', attachments: [] }),
    ).toMatchObject({
      status: 'refused',
      code: 'stale_state',
      detail: 'ISTRUTTORIA',
    });
  });

  it('is refused out of scope, to the office side, when empty, and as a bare transition', async () => {
    const citizen = await as('cittadino.demo');
    const { id, istruttore } = await awaitingIntegration(citizen);
    const answer = () => ({ dossierId: id, answerId: uuidv7(), message: 'Allego il documento', attachments: [] });

    // Another association's operator: the dossier does not exist for them.
    expect(await push(await as('operatore.demo'), 'dossier.respond@1', answer())).toMatchObject({ status: 'refused', code: 'not_found' });
    // The case officer is not the applicant's side.
    expect(await push(istruttore, 'dossier.respond@1', answer())).toMatchObject({ status: 'refused', code: 'forbidden' });
    // An empty answer says nothing.
    expect(await push(citizen, 'dossier.respond@1', { ...answer(), message: '   ' })).toMatchObject({ status: 'refused', code: 'invalid' });
    // Without the answer, the citizen cannot end the suspension.
    expect(await push(citizen, 'dossier.transition@1', { dossierId: id, from: 'INTEGRAZIONE_RICHIESTA', to: 'ISTRUTTORIA' })).toMatchObject(
      {
        status: 'refused',
        code: 'forbidden',
      },
    );
    // Malformed references never reach the rules.
    expect(await push(citizen, 'dossier.respond@1', { ...answer(), attachments: [{ sha256: 'not-a-hash', name: 'x.pdf' }] })).toMatchObject(
      { status: 'refused', code: 'invalid' },
    );
    expect(row(id).status).toBe('INTEGRAZIONE_RICHIESTA');

    // The office can still take the dossier back itself.
    expect(
      await push(istruttore, 'dossier.transition@1', { dossierId: id, from: 'INTEGRAZIONE_RICHIESTA', to: 'ISTRUTTORIA' }),
    ).toMatchObject({
      status: 'applied',
    });
  });
});
