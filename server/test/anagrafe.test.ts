/**
 * The anagrafe import (issue 4 §8) against a real server on a real SQLite file: bad rows
 * reported by line and reason, new persons, an address change kept in the history, a move
 * to another circoscrizione flagged on the open dossier and re-sent through pull, and a
 * re-import that changes nothing. All people are synthetic.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { CATALOGUE, encodeCodiceFiscale, officeForCircoscrizione } from '@icaro/domain';
import type { PullResponse, PushResponse, SubmitArgs } from '@icaro/sync';
import { Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const HEADER = 'codice_fiscale;cognome;nome;data_nascita;sesso;indirizzo;circoscrizione;codice_famiglia;data_variazione';
const newcomer = { familyName: 'Sintetico', givenName: 'Ugo', birthDate: '1961-03-14', sex: 'M' as const, belfiore: 'G273' };
const newcomerCf = encodeCodiceFiscale(newcomer);
const other = { familyName: 'Inventata', givenName: 'Nella', birthDate: '1975-11-02', sex: 'F' as const, belfiore: 'G273' };
const otherCf = encodeCodiceFiscale(other);
const badCheck = otherCf.slice(0, 15) + (otherCf.endsWith('A') ? 'B' : 'A');

function writeExtract(name: string, lines: string[]): string {
  const file = path.join(server.dataDir, name);
  fs.writeFileSync(file, [HEADER, ...lines].join('\r\n') + '\r\n', 'utf8');
  return file;
}

async function pullAll(client: TestClient, cursor: number | null): Promise<{ cursor: number | null; ids: Set<string>; ops: Map<string, string> }> {
  const ids = new Set<string>();
  const ops = new Map<string, string>();
  for (;;) {
    const res = await client.query<PullResponse>('sync.pull', { cursor });
    expect(res.status).toBe(200);
    for (const c of res.data!.changes) {
      if (c.entity !== 'dossier') continue;
      ids.add(c.id);
      ops.set(c.id, c.op);
    }
    cursor = res.data!.cursor;
    if (!res.data!.more) return { cursor, ids, ops };
  }
}

const sql = () => server.app.db.$client;
const lastVersion = () => (sql().prepare('SELECT coalesce(max(version), 0) AS v FROM changes').get() as { v: number }).v;
const historyCount = () => (sql().prepare('SELECT count(*) AS n FROM person_history').get() as { n: number }).n;
const personByCf = (cf: string) =>
  sql().prepare('SELECT id, circoscrizione, address, household_id AS householdId FROM persons WHERE codice_fiscale = ?').get(cf) as
    | { id: string; circoscrizione: number; address: string | null; householdId: string | null }
    | undefined;

describe('anagrafe import', () => {
  let applicant: SubmitArgs['applicant'];
  let dossierId: string;
  let head: TestClient;
  let cursor: number | null = null;

  it('prepares an open dossier in circoscrizione I', async () => {
    applicant = syntheticApplicant(4242, 1);
    const args = submitArgs(new Random(11), applicant, {}, CATALOGUE[1]!);
    dossierId = args.dossierId;
    const operator = new TestClient(server.url, server.origin);
    expect((await operator.login('operatore.demo')).status).toBe(200);
    const push = await operator.mutation<PushResponse>('sync.push', {
      clientId: uuidv7(),
      mutations: [{ id: uuidv7(), seq: 1, name: 'dossier.submit@1', args, at: new Date().toISOString() }],
    });
    expect(push.data!.outcomes[0]!.status).toBe('applied');
    head = new TestClient(server.url, server.origin);
    expect((await head.login('responsabile.c1')).status).toBe(200);
    const first = await pullAll(head, null);
    expect(first.ids.has(dossierId)).toBe(true);
    cursor = first.cursor;
  });

  it('imports the good rows and reports each bad one by line number and reason', async () => {
    const file = writeExtract('estratto-1.csv', [
      `${newcomerCf};Sintetico;Ugo;1961-03-14;M;Via Roma 1;II;FAM-001;2026-10-01`, // 2
      `${badCheck};Inventata;Nella;1975-11-02;F;Via Roma 3;2;;`, // 3
      `${otherCf};Inventata;;1975-11-02;F;Via Roma 3;2;;`, // 4
      `${otherCf};Inventata;Nella;1975-02-30;F;Via Roma 3;2;;`, // 5
      `${otherCf};Inventata;Nella;1975-11-02;F;Via Roma 3;9;;`, // 6
      `${applicant.codiceFiscale};${applicant.familyName};${applicant.givenName};${birthOf(applicant.codiceFiscale)};F;Via Maqueda 10;1;FAM-002;2026-10-01`, // 7
    ]);
    const report = await server.app.anagrafe.importFile(file);
    expect(report.fileError).toBeNull();
    expect(report.errors).toEqual([
      { line: 3, reason: 'codice_fiscale', detail: 'check_char' },
      { line: 4, reason: 'missing', detail: 'nome' },
      { line: 5, reason: 'date', detail: 'data_nascita' },
      { line: 6, reason: 'circoscrizione', detail: '9' },
    ]);
    expect(report).toMatchObject({ rows: 6, created: 1, updated: 1, rejected: 4, flagged: 0, dossiersResent: 1 });
    expect(personByCf(newcomerCf)).toMatchObject({ circoscrizione: 2, address: 'Via Roma 1', householdId: 'FAM-001' });
    expect(personByCf(otherCf)).toBeUndefined();
    // The applicant's open dossier goes out again to its office.
    const pulled = await pullAll(head, cursor);
    expect(pulled.ids.has(dossierId)).toBe(true);
    cursor = pulled.cursor;
  });

  let secondFile = '';
  it('keeps an address change in the history, and flags a move that affects an open dossier', async () => {
    secondFile = writeExtract('estratto-2.csv', [
      `${newcomerCf};Sintetico;Ugo;1961-03-14;M;Via Roma 2;2;FAM-001;2026-11-01`, // 2
      `${applicant.codiceFiscale};${applicant.familyName};${applicant.givenName};${birthOf(applicant.codiceFiscale)};F;Via Libertà 5;3;FAM-002;2026-11-02`, // 3
    ]);
    const report = await server.app.anagrafe.importFile(secondFile);
    expect(report).toMatchObject({ rows: 2, created: 0, updated: 2, rejected: 0, flagged: 1, dossiersResent: 1, historyRows: 3 });

    const newcomerId = personByCf(newcomerCf)!.id;
    expect(server.app.repos.anagrafe.historyOf(newcomerId)).toMatchObject([
      { field: 'address', oldValue: 'Via Roma 1', newValue: 'Via Roma 2', line: 2, changedOn: '2026-11-01', importId: report.importId },
    ]);
    const moved = personByCf(applicant.codiceFiscale)!;
    expect(moved).toMatchObject({ circoscrizione: 3, address: 'Via Libertà 5' });
    expect(server.app.repos.anagrafe.historyOf(moved.id).map((h) => [h.field, h.oldValue, h.newValue])).toEqual([
      ['address', null, 'Via Maqueda 10'],
      ['household_id', null, 'FAM-002'],
      ['address', 'Via Maqueda 10', 'Via Libertà 5'],
      ['circoscrizione', '1', '3'],
    ]);

    // Flagged to the head of procedure of the dossier's office, and to nobody else.
    const flags = await head.query<{ dossierId: string; kind: string; detail: { from: number; to: number } }[]>('anagrafe.flags');
    expect(flags.status).toBe(200);
    expect(flags.data).toMatchObject([{ dossierId, kind: 'moved', detail: { from: 1, to: 3 } }]);
    const otherHead = new TestClient(server.url, server.origin);
    await otherHead.login('responsabile.c3');
    expect((await otherHead.query<unknown[]>('anagrafe.flags')).data).toEqual([]);
    const officer = new TestClient(server.url, server.origin);
    await officer.login('istruttore.c1');
    expect((await officer.query('anagrafe.flags')).status).toBe(403);

    // The office's devices get the dossier again through pull.
    const pulled = await pullAll(head, cursor);
    expect(pulled.ids).toEqual(new Set([dossierId]));
    expect(officeForCircoscrizione(1).id).toBe(server.app.repos.dossiers.findById(dossierId)!.officeId);
  });

  it('a re-import of the same file says so and changes nothing, even when forced', async () => {
    const version = lastVersion();
    const history = historyCount();
    const again = await server.app.anagrafe.importFile(secondFile);
    expect(again.alreadyImportedAt).not.toBeNull();
    expect(again.importId).toBeNull();
    const forced = await server.app.anagrafe.importFile(secondFile, { force: true });
    expect(forced).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 2, historyRows: 0, flagged: 0, dossiersResent: 0 });
    expect(lastVersion()).toBe(version);
    expect(historyCount()).toBe(history);
    // The history is append-only: the database itself refuses edits and removals.
    expect(() => sql().prepare("UPDATE person_history SET new_value = 'x'").run()).toThrow(/append-only/);
    expect(() => sql().prepare('DELETE FROM person_history').run()).toThrow(/append-only/);
    expect((await head.query<unknown[]>('anagrafe.flags')).data).toHaveLength(1);
  });

  it('the head of procedure transfers the flagged dossier in one click; both offices learn it through pull', async () => {
    const before = await pullAll(head, null);
    const flags = await head.query<{ id: string }[]>('anagrafe.flags');
    const flagId = flags.data![0]!.id;
    const officer = new TestClient(server.url, server.origin);
    await officer.login('istruttore.c1');
    expect((await officer.mutation('anagrafe.transfer', { flagId })).status).toBe(403);
    const otherHead = new TestClient(server.url, server.origin);
    await otherHead.login('responsabile.c3');
    expect((await otherHead.mutation('anagrafe.transfer', { flagId })).status).toBe(404);

    const done = await head.mutation<{ dossierId: string; officeId: string }>('anagrafe.transfer', { flagId });
    expect(done.status, JSON.stringify(done.error)).toBe(200);
    expect(done.data).toEqual({ dossierId, officeId: officeForCircoscrizione(3).id });
    expect(server.app.repos.dossiers.findById(dossierId)).toMatchObject({ circoscrizione: 3, officeId: officeForCircoscrizione(3).id, assignedTo: null });
    expect((await head.query<unknown[]>('anagrafe.flags')).data).toEqual([]);
    expect((await head.mutation('anagrafe.transfer', { flagId })).status).toBe(409);

    const oldOffice = await pullAll(head, before.cursor);
    expect(oldOffice.ops.get(dossierId)).toBe('del');
    const newOffice = await pullAll(otherHead, null);
    expect(newOffice.ops.get(dossierId)).toBe('put');
  });

  it('refuses a file whose header lacks a required column', async () => {
    const file = path.join(server.dataDir, 'senza-intestazione.csv');
    fs.writeFileSync(file, `${newcomerCf};Sintetico;Ugo\n`, 'utf8');
    const report = await server.app.anagrafe.importFile(file);
    expect(report.fileError).toMatch(/codice_fiscale/);
    expect(report.created + report.updated).toBe(0);
  });
});

/** The full birth date of a synthetic applicant, from the fixture's rule (1930–1999). */
function birthOf(cf: string): string {
  const months = 'ABCDEHLMPRST';
  const yy = Number(cf.slice(6, 8));
  const month = months.indexOf(cf.charAt(8)) + 1;
  const day = Number(cf.slice(9, 11)) % 40;
  return `19${String(yy).padStart(2, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
