/**
 * Issue 4 §9 against a real server on a real SQLite file: two writers meet on one field
 * (the applicant's phone), the server keeps both values in a conflict record and overwrites
 * nothing, staff see both with who wrote each and when, resolve it (audited), and the
 * resolution reaches devices through pull. All people are synthetic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import fs from 'node:fs';
import path from 'node:path';
import { CATALOGUE, validateCodiceFiscale } from '@icaro/domain';
import type { Change, DossierView, MutationOutcome, PullResponse, PushResponse } from '@icaro/sync';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const userId = (username: string) => server.app.repos.users.findByUsername(username)!.id;
const sql = () => server.app.db.$client;

async function as(username: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username)).status).toBe(200);
  return client;
}

/** One device: a client id and its own sequence of mutation numbers. */
class Device {
  readonly clientId = uuidv7();
  seq = 0;
  constructor(readonly client: TestClient) {}
  async push(name: Parameters<typeof envelope>[1], args: unknown, id = uuidv7()): Promise<MutationOutcome> {
    const res = await this.client.mutation<PushResponse>('sync.push', {
      clientId: this.clientId,
      mutations: [envelope(++this.seq, name, args, id)],
    });
    expect(res.status).toBe(200);
    return res.data!.outcomes[0]!;
  }
  async retry(env: ReturnType<typeof envelope>): Promise<MutationOutcome> {
    const res = await this.client.mutation<PushResponse>('sync.push', { clientId: this.clientId, mutations: [env] });
    return res.data!.outcomes[0]!;
  }
}

async function view(client: TestClient, dossierId: string, cursor: number | null = null): Promise<DossierView | undefined> {
  let found: DossierView | undefined;
  for (;;) {
    const res = await client.query<PullResponse>('sync.pull', { cursor });
    expect(res.status).toBe(200);
    for (const c of res.data!.changes as Change[]) if (c.entity === 'dossier' && c.id === dossierId && c.op === 'put') found = c.data;
    if (!res.data!.more) return found;
    cursor = res.data!.cursor;
  }
}

const phoneOf = (personId: string) =>
  (sql().prepare('SELECT phone FROM persons WHERE id = ?').get(personId) as { phone: string | null }).phone;

describe('sync conflicts on contact data', () => {
  let dossierId: string;
  let personId: string;
  let operator: Device;
  let desk: Device;
  let conflictId: string;

  it('files a dossier with the applicant phone the operator collected', async () => {
    operator = new Device(await as('operatore.demo'));
    const args = submitArgs(new Random(5), { ...syntheticApplicant(9100, 1), phone: '333 111 2222' }, {}, CATALOGUE[1]!);
    dossierId = args.dossierId;
    expect((await operator.push('dossier.submit@1', args)).status).toBe('applied');
    personId = server.app.repos.dossiers.findById(dossierId)!.personId;
    expect(phoneOf(personId)).toBe('333 111 2222');
    const seen = await view(await as('responsabile.c1'), dossierId);
    expect(seen?.applicant.phone).toBe('333 111 2222');
    expect(seen?.conflicts).toEqual([]);
  });

  it('applies a write whose base is the current value, normalised, and remembers who wrote it', async () => {
    desk = new Device(await as('sportello.c1'));
    const outcome = await desk.push('person.updateContact@1', { dossierId, field: 'phone', base: '333 111 2222', value: '320 555.0000' });
    expect(outcome).toMatchObject({ status: 'applied', result: { outcome: 'applied' } });
    expect(phoneOf(personId)).toBe('3205550000');
    expect(server.app.repos.conflicts.lastWrite(personId, 'phone')?.writtenBy).toBe(userId('sportello.c1'));
  });

  it('keeps both values when the device wrote over a value it never saw, and overwrites nothing', async () => {
    // The operator's device was offline: it still saw the old number.
    const env = envelope(++operator.seq, 'person.updateContact@1', {
      dossierId,
      field: 'phone',
      base: '333 111 2222',
      value: '347 000 1111',
    });
    const outcome = await operator.retry(env);
    expect(outcome.status).toBe('applied');
    const result = (outcome as { result: { outcome: string; conflictId: string } }).result;
    expect(result.outcome).toBe('conflict');
    conflictId = result.conflictId;
    expect(phoneOf(personId)).toBe('3205550000');

    const row = server.app.repos.conflicts.findById(conflictId)!;
    expect(row).toMatchObject({
      entity: 'person',
      entityId: personId,
      dossierId,
      field: 'phone',
      baseValue: '3331112222',
      serverValue: '3205550000',
      serverBy: userId('sportello.c1'),
      deviceValue: '3470001111',
      deviceBy: userId('operatore.demo'),
      deviceAt: env.at,
      status: 'open',
      resolvedBy: null,
    });

    // The same mutation again (outcome unknown, retried with the same id) records nothing new.
    expect(await operator.retry(env)).toEqual(outcome);
    expect(server.app.repos.conflicts.allForDossier(dossierId)).toHaveLength(1);
  });

  it('shows the conflict on the dossier with both values, who wrote each and when', async () => {
    const seen = await view(await as('istruttore.c1'), dossierId);
    expect(seen?.applicant.phone).toBe('3205550000');
    expect(seen?.conflicts).toHaveLength(1);
    const c = seen!.conflicts![0]!;
    expect(c).toMatchObject({ id: conflictId, field: 'phone', baseValue: '3331112222' });
    expect(c.server).toMatchObject({ value: '3205550000', byRole: 'front_desk' });
    expect(c.server.byName).toBeTruthy();
    expect(c.server.at).toBeTruthy();
    expect(c.device).toMatchObject({ value: '3470001111', byRole: 'association_operator' });
    expect(c.device.byName).toBeTruthy();
  });

  it('an agreeing write is a no-op and does not open a conflict', async () => {
    const outcome = await operator.push('person.updateContact@1', { dossierId, field: 'phone', base: '333 111 2222', value: '3205550000' });
    expect(outcome).toMatchObject({ status: 'applied', result: { outcome: 'unchanged' } });
    expect(server.app.repos.conflicts.allForDossier(dossierId)).toHaveLength(1);
  });

  it('refuses bad values and writers outside the dossier scope', async () => {
    expect(
      await desk.push('person.updateContact@1', { dossierId, field: 'phone', base: '3205550000', value: 'chiamare dopo' }),
    ).toMatchObject({
      status: 'refused',
      code: 'invalid',
      detail: 'phone:phone_format',
    });
    expect(await desk.push('person.updateContact@1', { dossierId, field: 'email', base: null, value: 'non-una-mail' })).toMatchObject({
      status: 'refused',
      code: 'invalid',
    });
    const elsewhere = new Device(await as('sportello.c2'));
    expect(
      await elsewhere.push('person.updateContact@1', { dossierId, field: 'phone', base: '3205550000', value: '3200000000' }),
    ).toMatchObject({
      status: 'refused',
      code: 'not_found',
    });
    expect(phoneOf(personId)).toBe('3205550000');
  });

  it('only staff of the office with conflict.resolve may resolve', async () => {
    const input = { conflictId, choice: 'device' };
    expect((await (await as('responsabile.c2')).mutation('conflicts.resolve', input)).status).toBe(404);
    expect((await (await as('sportello.c1')).mutation('conflicts.resolve', input)).status).toBe(403);
    expect((await (await as('revisore.demo')).mutation('conflicts.resolve', input)).status).toBe(403);
    expect((await (await as('responsabile.c1')).mutation('conflicts.resolve', { ...input, extra: 1 })).status).toBe(400);
    expect(server.app.repos.conflicts.findById(conflictId)!.status).toBe('open');
  });

  it('a typed value that is not a phone is refused and changes nothing', async () => {
    const head = await as('responsabile.c1');
    const res = await head.mutation('conflicts.resolve', { conflictId, choice: 'other', value: '12' });
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe('invalid_value');
    expect(server.app.repos.conflicts.findById(conflictId)!.status).toBe('open');
    expect(phoneOf(personId)).toBe('3205550000');
  });

  it('resolves with the device value, audited, and the resolution reaches devices through pull', async () => {
    const head = await as('responsabile.c1');
    const before = (await head.query<PullResponse>('sync.pull', { cursor: null })).data!.cursor;
    const operatorCursor = (await operator.client.query<PullResponse>('sync.pull', { cursor: null })).data!.cursor;
    const auditBefore = server.app.repos.audit.count();

    const res = await head.mutation<{ conflictId: string; value: string | null }>('conflicts.resolve', { conflictId, choice: 'device' });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ conflictId, value: '3470001111' });
    expect(phoneOf(personId)).toBe('3470001111');
    expect(server.app.repos.conflicts.findById(conflictId)).toMatchObject({
      status: 'resolved',
      resolvedBy: userId('responsabile.c1'),
      choice: 'device',
      resolvedValue: '3470001111',
    });
    expect(server.app.repos.conflicts.lastWrite(personId, 'phone')?.writtenBy).toBe(userId('responsabile.c1'));

    // One audit row: who resolved, on which dossier, the field and the choice; never the number.
    expect(server.app.repos.audit.count()).toBe(auditBefore + 1);
    const rows = server.app.audit.forDossier(dossierId).filter((r) => r.section === 'contact');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'change', purpose: 'conflict_resolution', note: 'phone:device' });
    expect(rows[0]!.actor.id).toBe(userId('responsabile.c1'));
    expect(JSON.stringify(rows)).not.toContain('3470001111');
    expect(server.app.audit.trail.verify().ok).toBe(true);

    // Both the office and the operator's device get the dossier again, conflict gone.
    const officeView = await view(head, dossierId, before);
    expect(officeView?.conflicts).toEqual([]);
    expect(officeView?.applicant.phone).toBe('3470001111');
    const deviceView = await view(operator.client, dossierId, operatorCursor);
    expect(deviceView?.applicant.phone).toBe('3470001111');

    // A second resolution of the same conflict is refused.
    expect((await head.mutation('conflicts.resolve', { conflictId, choice: 'server' })).status).toBe(409);
  });

  it('a typed value settles a conflict on the e-mail, and an empty value can remove it', async () => {
    expect(
      await desk.push('person.updateContact@1', { dossierId, field: 'email', base: null, value: ' Rosa.Prova@Example.org ' }),
    ).toMatchObject({
      status: 'applied',
      result: { outcome: 'applied' },
    });
    const conflict = await operator.push('person.updateContact@1', { dossierId, field: 'email', base: null, value: 'rosa@example.net' });
    const id = (conflict as { result: { conflictId: string } }).result.conflictId;
    expect(id).toBeTruthy();
    const officer = await as('istruttore.c1');
    // A third write lands after the conflict was recorded.
    expect(await desk.push('person.updateContact@1', { dossierId, field: 'email', base: 'rosa.prova@example.org', value: 'r.prova@example.org' })).toMatchObject({
      result: { outcome: 'applied' },
    });
    // The conflict's "recorded now" side follows the field, with its new writer.
    expect(server.app.repos.conflicts.findById(id)).toMatchObject({ status: 'open', serverValue: 'r.prova@example.org', serverBy: userId('sportello.c1') });
    // A resolution made on a picture older than the field is refused (the device had not pulled yet).
    sql().prepare("UPDATE persons SET email = 'altro@example.org' WHERE id = ?").run(personId);
    const stale = await officer.mutation('conflicts.resolve', { conflictId: id, choice: 'device' });
    expect(stale.status).toBe(409);
    expect(stale.error?.message).toBe('changed');
    expect(server.app.repos.conflicts.findById(id)!.status).toBe('open');
    sql().prepare("UPDATE persons SET email = 'r.prova@example.org' WHERE id = ?").run(personId);
    const res = await officer.mutation('conflicts.resolve', { conflictId: id, choice: 'other', value: 'rosa.prova@example.com' });
    expect(res.status).toBe(200);
    const email = () => (sql().prepare('SELECT email FROM persons WHERE id = ?').get(personId) as { email: string | null }).email;
    expect(email()).toBe('rosa.prova@example.com');
    expect(
      await desk.push('person.updateContact@1', { dossierId, field: 'email', base: 'rosa.prova@example.com', value: '' }),
    ).toMatchObject({
      status: 'applied',
      result: { outcome: 'applied' },
    });
    expect(email()).toBeNull();
    expect(server.app.repos.conflicts.countOpen()).toBe(0);
  });

  it('the pulled view shows the registry data, what the anagrafe changed since filing, and the open move flag', async () => {
    const head = await as('responsabile.c1');
    const cursor = (await head.query<PullResponse>('sync.pull', { cursor: null })).data!.cursor;
    const before = await view(head, dossierId);
    expect(before?.applicant).toMatchObject({ address: null, householdId: null, residence: 1 });
    expect(before?.registryChanges).toEqual([]);
    expect(before?.moveFlag).toBeNull();

    const person = server.app.repos.persons.findById(personId)!;
    const cf = validateCodiceFiscale(person.codiceFiscale);
    if (!cf.ok) throw new Error('bad fixture');
    const file = path.join(server.dataDir, 'estratto-conflicts.csv');
    fs.writeFileSync(
      file,
      'codice_fiscale;cognome;nome;data_nascita;sesso;indirizzo;circoscrizione;codice_famiglia;data_variazione\n' +
        `${person.codiceFiscale};${person.familyName};${person.givenName};${person.birthDate};${person.sex};Via Roma 12;1;FAM-9;2026-11-01\n`,
    );
    expect((await server.app.anagrafe.importFile(file)).updated).toBe(1);
    const second = path.join(server.dataDir, 'estratto-conflicts-2.csv');
    fs.writeFileSync(
      second,
      'codice_fiscale;cognome;nome;data_nascita;sesso;indirizzo;circoscrizione;codice_famiglia;data_variazione\n' +
        `${person.codiceFiscale};${person.familyName};${person.givenName};${person.birthDate};${person.sex};Via Libertà 7;5;FAM-9;2026-11-10\n`,
    );
    expect((await server.app.anagrafe.importFile(second)).flagged).toBe(1);

    // Re-sent through the change log: the device's next pull from its cursor has it.
    const after = await view(head, dossierId, cursor);
    // The import never touches contact data: the phone the office settled stays.
    expect(after?.applicant).toMatchObject({ address: 'Via Libertà 7', householdId: 'FAM-9', residence: 5, phone: '3470001111' });
    expect(after?.registryChanges?.map((h) => [h.field, h.oldValue, h.newValue])).toEqual([
      ['address', null, 'Via Roma 12'],
      ['household_id', null, 'FAM-9'],
      ['address', 'Via Roma 12', 'Via Libertà 7'],
      ['circoscrizione', '1', '5'],
    ]);
    expect(after?.moveFlag).toMatchObject({ from: 1, to: 5 });
    // The operator's device gets the same facts for the dossier it filed.
    expect((await view(operator.client, dossierId))?.applicant.address).toBe('Via Libertà 7');

    // Once transferred, the flag is gone from the view of the new office.
    expect((await head.mutation('anagrafe.transfer', { flagId: after!.moveFlag!.id })).status).toBe(200);
    const moved = await view(await as('responsabile.c5'), dossierId);
    expect(moved?.officeId).toBe('UFF-C5');
    expect(moved?.moveFlag).toBeNull();
    const trail = server.app.audit.forDossier(dossierId).filter((r) => r.purpose === 'transfer');
    expect(trail).toMatchObject([{ section: 'assignment', action: 'change', note: 'UFF-C1->UFF-C5' }]);
    expect(server.app.audit.trail.verify().ok).toBe(true);
  });
});
