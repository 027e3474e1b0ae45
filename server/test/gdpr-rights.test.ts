/**
 * The data subject's rights (QUALITY.md §2 "GDPR") against a real server on a real SQLite
 * file: the export holds the person's data and nothing of anyone else; a rectification is
 * an append-only correction the SQL itself protects; erasure is refused with the legal basis
 * and the date within retention and, with the clock moved past it, removes every trace of
 * canary values from every table and the uploads directory while the audit chain still
 * verifies and the reports' figures do not move; the retention purge is idempotent.
 * All people are synthetic.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { CATALOGUE, addYears, encodeCodiceFiscale } from '@icaro/domain';
import type { PullResponse, PushResponse } from '@icaro/sync';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';
import type { PersonSummary, PrivacyExport } from '../src/services/privacy.service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ MAX_BODY_BYTES: '65536' });
});
afterAll(() => server.stop());

const sql = () => server.app.db.$client;

async function as(username: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username)).status).toBe(200);
  return client;
}

/** Canary values: after the erasure none of them may be found anywhere. */
const CANARY = {
  givenName: 'Canarina',
  familyName: 'Cancellabile',
  birthDate: '1951-03-09',
  phone: '+393331234987',
  note: 'Canarina-nota-riservata',
};
const CANARY_CF = encodeCodiceFiscale({
  familyName: CANARY.familyName,
  givenName: CANARY.givenName,
  birthDate: CANARY.birthDate,
  sex: 'F',
  belfiore: 'G273',
});
const CORRECTED_FAMILY = 'Cancellatissima';
const CANARY_STRINGS = [CANARY_CF, CANARY.givenName, CANARY.familyName, CORRECTED_FAMILY, CANARY.note, '3331234987'];

/** A real PDF carrying a canary in its text. */
function canaryPdf(): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n% ${CANARY_CF} ${CANARY.familyName}\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
  );
}

async function upload(client: TestClient, bytes: Buffer): Promise<string> {
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  const res = await fetch(`${server.url}/api/attachments/${sha}/upload`, {
    method: 'PUT',
    headers: {
      cookie: client.cookie,
      origin: server.origin,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/octet-stream',
      'upload-offset': '0',
      'upload-length': String(bytes.length),
    },
    body: bytes,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return sha;
}

async function push(client: TestClient, clientId: string, seq: number, name: Parameters<typeof envelope>[1], args: unknown) {
  const res = await client.mutation<PushResponse>('sync.push', { clientId, mutations: [envelope(seq, name, args)] });
  expect(res.status).toBe(200);
  return res.data!.outcomes[0]!;
}

/** Every text column of every table holding the needle, as "table.column". */
function tablesHolding(needle: string): string[] {
  const found: string[] = [];
  for (const { table, column } of server.app.repos.privacy.textColumns()) {
    const n = sql()
      .prepare(`SELECT count(*) FROM "${table}" WHERE instr(lower(CAST("${column}" AS TEXT)), lower(?)) > 0`)
      .pluck()
      .get(needle) as number;
    if (n > 0) found.push(`${table}.${column}`);
  }
  return found;
}

/** Every file under DATA_DIR/attachments whose bytes hold the needle. */
function filesHolding(needle: string): string[] {
  const root = path.join(server.dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map((f) => path.join(root, f))
    .filter((f) => fs.statSync(f).isFile() && fs.readFileSync(f).includes(needle));
}

/** The reports' derived tables, whole: an erasure must not move any figure. */
function reportTables(): string {
  const tables = sql()
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'stats_%' OR name IN ('benefits', 'payments')) ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return JSON.stringify(tables.map((t) => [t, sql().prepare(`SELECT * FROM "${t}" ORDER BY 1, 2, 3`).all()]));
}

describe('GDPR rights of the data subject', () => {
  let dossierId: string;
  let personId: string;
  let sha: string;
  let dpo: TestClient;

  it('files a request for the canary person with a document, a thread note, then withdraws it', async () => {
    const operator = await as('operatore.demo');
    const clientId = uuidv7();
    sha = await upload(operator, canaryPdf());
    const applicant = {
      codiceFiscale: CANARY_CF,
      givenName: CANARY.givenName,
      familyName: CANARY.familyName,
      phone: CANARY.phone,
      circoscrizione: 1,
    };
    const args = submitArgs(
      new Random(11),
      applicant,
      { attachments: [{ sha256: sha, name: `${CANARY.familyName}-isee.pdf` }] },
      CATALOGUE[1]!,
    );
    dossierId = args.dossierId;
    expect((await push(operator, clientId, 1, 'dossier.submit@1', args)).status).toBe('applied');
    personId = server.app.repos.dossiers.findById(dossierId)!.personId;
    const desk = await as('sportello.c1');
    expect((await desk.mutation('threads.post', { dossierId, body: `Chiamare ${CANARY.note}` })).status).toBe(200);
    const withdrawn = await push(operator, clientId, 2, 'dossier.transition@1', {
      dossierId,
      from: 'INVIATA',
      to: 'RITIRATA',
      reason: `Ritirata da ${CANARY.givenName}`,
    });
    expect(withdrawn.status).toBe('applied');
    // Another person's dossier, which must appear in no export of the canary.
    const other = submitArgs(new Random(12), syntheticApplicant(777, 1), {}, CATALOGUE[1]!);
    expect((await push(operator, clientId, 3, 'dossier.submit@1', other)).status).toBe('applied');
    dpo = await as('revisore.demo');
  });

  it('exports the person data for the data protection officer, audited, and nothing of another person', async () => {
    const before = server.app.repos.audit.count();
    const res = await dpo.mutation<PrivacyExport>('privacy.exportFor', { personId, receivedOn: '2026-11-20' });
    expect(res.status, JSON.stringify(res.error)).toBe(200);
    const data = res.data!;
    expect(data.format).toBe('icaro-dati-personali');
    expect(data.person).toMatchObject({
      codiceFiscale: CANARY_CF,
      givenName: CANARY.givenName,
      familyName: CANARY.familyName,
      phone: CANARY.phone,
    });
    expect(data.dossiers).toHaveLength(1);
    const d = data.dossiers[0]!;
    expect(d.status).toBe('RITIRATA');
    expect(d.history.map((h) => h.to)).toEqual(['INVIATA', 'RITIRATA']);
    expect(d.consents).toHaveLength(1);
    expect(d.documents).toEqual([
      expect.objectContaining({ name: `${CANARY.familyName}-isee.pdf`, sizeBytes: canaryPdf().length, type: 'application/pdf' }),
    ]);
    expect(d.retention.erasableFrom).toBe(addYears(d.retention.closedOn!, 10));
    // The export is a read of the person's data: one audit row per dossier, and it shows in the next export.
    expect(server.app.repos.audit.count()).toBe(before + 1);
    const again = await dpo.mutation<PrivacyExport>('privacy.exportFor', { personId, receivedOn: '2026-11-20' });
    // (the second export is itself recorded before it is built, so it lists both)
    expect(again.data!.dossiers[0]!.reads).toEqual([
      expect.objectContaining({ section: 'privacy', purpose: 'richiesta_interessato' }),
      expect.objectContaining({ section: 'privacy', purpose: 'richiesta_interessato' }),
    ]);
    expect(again.data!.requests.filter((r) => r.kind === 'access')).toHaveLength(2);
    const other = syntheticApplicant(777, 1);
    expect(JSON.stringify(again.data)).not.toContain(other.codiceFiscale);
    // A citizen's own download holds their data and nothing of the canary.
    const citizen = await as('cittadino.demo');
    const mine = await citizen.query<PrivacyExport>('privacy.myData');
    expect(mine.status).toBe(200);
    expect(mine.data!.person.codiceFiscale).toBe('CSMRSL48L55G273P');
    expect(JSON.stringify(mine.data)).not.toContain(CANARY_CF);
    // Nobody else may produce an export.
    expect((await citizen.mutation('privacy.exportFor', { personId, receivedOn: '2026-11-20' })).status).toBe(403);
    expect((await (await as('responsabile.c1')).mutation('privacy.exportFor', { personId, receivedOn: '2026-11-20' })).status).toBe(403);
  });

  it('rectifies as an append-only correction, which the SQL refuses to edit or delete', async () => {
    const bad = await dpo.mutation('privacy.rectify', {
      personId,
      field: 'birthDate',
      value: '31/02/1951',
      reason: 'Errore di battitura',
      sourceDocument: "Carta d'identità",
      receivedOn: '2026-11-20',
    });
    expect(bad.status).toBe(400);
    expect(bad.error!.message).toBe('invalid_value');
    const res = await dpo.mutation<{ value: string }>('privacy.rectify', {
      personId,
      field: 'familyName',
      value: ` ${CORRECTED_FAMILY} `,
      reason: 'Cognome trascritto male allo sportello',
      sourceDocument: "Carta d'identità CA00000AA",
      receivedOn: '2026-11-20',
    });
    expect(res.status, JSON.stringify(res.error)).toBe(200);
    expect(server.app.repos.persons.findById(personId)!.familyName).toBe(CORRECTED_FAMILY);
    const phone = await dpo.mutation('privacy.rectify', {
      personId,
      field: 'phone',
      value: ` ${CANARY.phone}`,
      reason: 'Numero aggiornato',
      sourceDocument: 'Richiesta scritta',
      receivedOn: '2026-11-20',
    });
    expect(phone.status).toBe(400);
    expect(phone.error!.message).toBe('unchanged');
    const rows = server.app.repos.privacy.corrections(personId);
    expect(rows).toEqual([expect.objectContaining({ field: 'familyName', oldValue: CANARY.familyName, newValue: CORRECTED_FAMILY })]);
    expect(() => sql().prepare(`UPDATE person_corrections SET new_value = 'X' WHERE person_id = ?`).run(personId)).toThrow(/append-only/);
    expect(() => sql().prepare(`DELETE FROM person_corrections WHERE person_id = ?`).run(personId)).toThrow(/append-only/);
    // The dossier's office sees the history; another office gets not_found.
    const office = await (
      await as('istruttore.c1')
    ).query<{ field: string; reason: string }[]>('privacy.correctionsForDossier', { dossierId });
    expect(office.data).toEqual([expect.objectContaining({ field: 'familyName', reason: 'Cognome trascritto male allo sportello' })]);
    expect((await (await as('istruttore.c2')).query('privacy.correctionsForDossier', { dossierId })).status).toBe(404);
    const summary = await dpo.query<PersonSummary>('privacy.findPerson', { codiceFiscale: CANARY_CF });
    expect(summary.data!.familyName).toBe(CORRECTED_FAMILY);
    expect(summary.data!.corrections).toHaveLength(1);
  });

  it('refuses erasure within retention, with the legal basis and the date', async () => {
    const res = await dpo.mutation<{ outcome: string; bases: string[]; erasableFrom: string }>('privacy.erase', {
      personId,
      receivedOn: '2026-11-21',
    });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ outcome: 'refused', bases: ['legal_obligation', 'legal_claims'] });
    const closedOn = server.app.privacy.findPerson(CANARY_CF)!.dossiers[0]!.closedOn!;
    expect(res.data!.erasableFrom).toBe(addYears(closedOn, 10));
    expect(server.app.repos.persons.findById(personId)!.codiceFiscale).toBe(CANARY_CF);
    // The day before the date it is still refused; the purge leaves it alone.
    const dayBefore = new Date(Date.parse(`${res.data!.erasableFrom}T12:00:00Z`) - 86_400_000).toISOString();
    expect(server.app.privacy.evaluateErasure(personId, dayBefore).outcome).toBe('refused');
    expect(server.app.privacy.purge({ now: dayBefore })).toMatchObject({ dossiers: 0, persons: 0 });
  });

  it('past retention, erases every trace of the canary values, keeps the audit chain and the reports figures', async () => {
    expect(tablesHolding(CANARY_CF).length).toBeGreaterThan(0);
    expect(filesHolding(CANARY_CF)).toHaveLength(1);
    const reports = reportTables();
    const dpoUser = server.app.repos.users.findByUsername('revisore.demo')!;
    const later = new Date(Date.now() + 11 * 365 * 86_400_000).toISOString();
    const result = server.app.privacy.erase({ ...dpoUser, personId: null } as never, { personId, receivedOn: '2037-12-01' }, later);
    expect(result).toEqual({ outcome: 'erased', dossiers: 1, files: 1 });
    for (const needle of CANARY_STRINGS) {
      expect(tablesHolding(needle), needle).toEqual([]);
      expect(filesHolding(needle), needle).toEqual([]);
    }
    expect(fs.existsSync(path.join(server.dataDir, 'attachments', sha.slice(0, 2), sha))).toBe(false);
    expect(server.app.audit.trail.verify()).toMatchObject({ ok: true });
    expect(reportTables()).toBe(reports);
    // The dossier is still counted: its row, state and dates are there, its content is not.
    const dossier = server.app.repos.dossiers.findById(dossierId)!;
    expect(dossier.status).toBe('RITIRATA');
    expect(dossier.answers).toBe('{}');
    // Office devices receive the erased dossier again, without its content (the pull still works).
    const desk = await as('sportello.c1');
    const pulled: { id: string; data?: { applicant: { codiceFiscale: string; givenName: string }; answers: object } }[] = [];
    for (let cursor: number | null = null; ;) {
      const page: Awaited<ReturnType<typeof desk.query<PullResponse>>> = await desk.query<PullResponse>('sync.pull', { cursor });
      expect(page.status).toBe(200);
      pulled.push(...(page.data!.changes as never[]));
      if (!page.data!.more) break;
      cursor = page.data!.cursor;
    }
    const view = pulled.filter((c) => c.id === dossierId).pop()!;
    expect(view.data!.applicant.codiceFiscale).toMatch(/^CANCELLATO-/);
    expect(view.data!.applicant.givenName).toBe('');
    expect(JSON.stringify(pulled)).not.toContain(CANARY_CF);
    // A second request finds nothing left to erase; the erasure gate is closed.
    expect((await dpo.mutation('privacy.erase', { personId, receivedOn: '2026-11-22' })).status).toBe(409);
    expect(sql().prepare('SELECT count(*) FROM privacy_erasure_gate').pluck().get()).toBe(0);
  });

  it('answers the data protection officer only: every other role is refused every staff procedure', async () => {
    const calls: [string, 'query' | 'mutation', unknown][] = [
      ['privacy.findPerson', 'query', { codiceFiscale: 'CSMRSL48L55G273P' }],
      ['privacy.requests', 'query', undefined],
      ['privacy.evaluateErasure', 'query', { personId }],
      ['privacy.exportFor', 'mutation', { personId, receivedOn: '2026-11-20' }],
      [
        'privacy.rectify',
        'mutation',
        { personId, field: 'phone', value: '3330000000', reason: 'Prova', sourceDocument: 'Prova', receivedOn: '2026-11-20' },
      ],
      ['privacy.erase', 'mutation', { personId, receivedOn: '2026-11-20' }],
    ];
    for (const username of [
      'cittadino.demo',
      'operatore.demo',
      'sportello.c1',
      'istruttore.c1',
      'responsabile.c1',
      'ragioneria.demo',
      'analista.demo',
      'admin.demo',
    ]) {
      const client = await as(username);
      for (const [procedure, kind, input] of calls) {
        const res = kind === 'query' ? await client.query(procedure, input) : await client.mutation(procedure, input);
        expect(res.status, `${username} ${procedure}`).toBe(403);
      }
      // "I miei dati" is the citizen's own only.
      expect((await client.query('privacy.myData')).status, username).toBe(username === 'cittadino.demo' ? 200 : 403);
    }
    const anonymous = new TestClient(server.url, server.origin);
    expect((await anonymous.query('privacy.myData')).status).toBe(401);
  });

  it('purges what is past retention, idempotently, and counts it first with a dry run', async () => {
    const operator = await as('operatore.demo');
    const clientId = uuidv7();
    const applicant = syntheticApplicant(4321, 2);
    const args = submitArgs(new Random(13), applicant, {}, CATALOGUE[1]!);
    expect((await push(operator, clientId, 1, 'dossier.submit@1', args)).status).toBe('applied');
    expect(
      (await push(operator, clientId, 2, 'dossier.transition@1', { dossierId: args.dossierId, from: 'INVIATA', to: 'RITIRATA' })).status,
    ).toBe('applied');
    const later = new Date(Date.now() + 11 * 365 * 86_400_000).toISOString();
    const open = server.app.repos.dossiers.findById(args.dossierId)!;
    expect(open.answers).not.toBe('{}');
    const dry = server.app.privacy.purge({ now: later, dryRun: true });
    expect(dry.dossiers).toBeGreaterThanOrEqual(1);
    expect(server.app.repos.dossiers.findById(args.dossierId)!.answers).not.toBe('{}');
    const done = server.app.privacy.purge({ now: later });
    expect(done).toMatchObject({ dryRun: false, dossiers: dry.dossiers, persons: dry.persons });
    expect(server.app.repos.dossiers.findById(args.dossierId)!.answers).toBe('{}');
    expect(tablesHolding(applicant.codiceFiscale)).toEqual([]);
    expect(server.app.privacy.purge({ now: later })).toMatchObject({ dossiers: 0, persons: 0, files: 0 });
    expect(server.app.audit.trail.verify()).toMatchObject({ ok: true });
  });
});
