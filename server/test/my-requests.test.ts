/**
 * "Le mie richieste" (issue 3 §4) and assisted mode (§5), through the real API:
 * - a citizen files for a member of their registry household and follows that dossier
 *   (pull), labelled with the member's name, while other citizens never see it;
 * - an assisted submission without a complete consent record is refused, whatever the
 *   method, and a complete one is stored with its evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { CATALOGUE, encodeCodiceFiscale } from '@icaro/domain';
import type { DossierView, PullResponse, PushResponse, SubmitArgs } from '@icaro/sync';
import { persons, users } from '../src/db/schema.ts';
import { DEMO_CITIZEN } from '../src/seed/users.ts';
import { Random, submitArgs, syntheticApplicant, TEST_SIGNATURE_PNG } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
const random = new Random(11);
const service = CATALOGUE[1]!;
const HOUSEHOLD = 'FAM-TEST-0001';

class Device {
  readonly clientId = uuidv7();
  private seq = 0;
  cursor: number | null = null;
  readonly seen = new Map<string, PullResponse['changes'][number]>();
  constructor(readonly client: TestClient) {}

  static async staff(username: string): Promise<Device> {
    const client = new TestClient(server.url, server.origin);
    expect((await client.login(username)).status).toBe(200);
    return new Device(client);
  }

  /** Signs in a citizen the way they do: codice fiscale, then the code from the demo inbox. */
  static async citizen(codiceFiscale: string): Promise<Device> {
    const client = new TestClient(server.url, server.origin);
    const req = await client.mutation<{ challengeId: string }>('loginCode.request', { codiceFiscale });
    expect(req.status).toBe(200);
    const inbox = await client.query<{ code: string }[]>('demo.inbox');
    const verify = await client.mutation('loginCode.verify', { challengeId: req.data!.challengeId, code: inbox.data![0]!.code });
    expect(verify.status).toBe(200);
    return new Device(client);
  }

  async push(name: string, args: unknown): Promise<PushResponse['outcomes'][number]> {
    const mutation = { id: uuidv7(), seq: ++this.seq, name, args, at: new Date().toISOString() };
    const res = await this.client.mutation<PushResponse>('sync.push', { clientId: this.clientId, mutations: [mutation] });
    expect(res.status, JSON.stringify(res.error)).toBe(200);
    return res.data!.outcomes[0]!;
  }

  /** Pulls from the last cursor; returns the dossiers that changed. */
  async pull(): Promise<Map<string, DossierView | null>> {
    const changed = new Map<string, DossierView | null>();
    for (;;) {
      const res = await this.client.query<PullResponse>('sync.pull', { cursor: this.cursor });
      expect(res.status).toBe(200);
      for (const c of res.data!.changes) {
        if (c.entity !== 'dossier') continue;
        changed.set(c.id, c.op === 'put' ? c.data : null);
        this.seen.set(c.id, c);
      }
      this.cursor = res.data!.cursor;
      if (!res.data!.more) return changed;
    }
  }
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe("a household member's dossier", () => {
  const demoCf = encodeCodiceFiscale(DEMO_CITIZEN);
  const member = { givenName: 'Salvatore', familyName: 'Cusumano', birthDate: '1945-03-02', sex: 'M' as const, belfiore: 'G273' };
  const memberCf = encodeCodiceFiscale(member);
  const stranger = syntheticApplicant(9001, 1);
  let memberId: string;

  beforeAll(() => {
    const { db } = server.app;
    const self = db.select().from(persons).where(eq(persons.codiceFiscale, demoCf)).get()!;
    // The registry (anagrafe) puts the demo citizen and her husband in one household.
    db.update(persons).set({ householdId: HOUSEHOLD }).where(eq(persons.id, self.id)).run();
    memberId = uuidv7();
    server.app.repos.persons.insert({
      id: memberId,
      codiceFiscale: memberCf,
      givenName: member.givenName,
      familyName: member.familyName,
      birthDate: member.birthDate,
      sex: member.sex,
      phone: null,
      circoscrizione: self.circoscrizione,
      householdId: HOUSEHOLD,
      createdAt: new Date().toISOString(),
    });
    // Someone outside the household, known to the registry.
    server.app.repos.persons.insert({
      id: uuidv7(),
      codiceFiscale: stranger.codiceFiscale,
      givenName: stranger.givenName,
      familyName: stranger.familyName,
      birthDate: '1950-01-01',
      sex: 'F',
      phone: null,
      circoscrizione: 1,
      householdId: 'FAM-TEST-0002',
      createdAt: new Date().toISOString(),
    });
  });

  function forPerson(cf: string, given: string, family: string): SubmitArgs {
    return submitArgs(
      random,
      { codiceFiscale: cf, givenName: given, familyName: family, circoscrizione: 1 },
      { consent: undefined },
      service,
    );
  }

  it('is filed by the citizen, followed through pull with its events, and seen by nobody outside the household', async () => {
    const citizen = await Device.citizen(demoCf);
    await citizen.pull();
    const ownBefore = citizen.seen.size;

    const args = forPerson(memberCf, member.givenName, member.familyName);
    expect(await citizen.push('dossier.submit@1', args)).toMatchObject({ status: 'applied' });
    // Not for someone outside the registry household, nor for a stranger.
    const strangerArgs = forPerson(stranger.codiceFiscale, stranger.givenName, stranger.familyName);
    expect(await citizen.push('dossier.submit@1', strangerArgs)).toMatchObject({
      status: 'refused',
      code: 'forbidden',
      detail: 'applicant',
    });

    const first = await citizen.pull();
    const view = first.get(args.dossierId);
    expect(view).toBeTruthy();
    // Labelled with the member's name, filed by the citizen.
    expect(view!.applicant).toMatchObject({ personId: memberId, codiceFiscale: memberCf, givenName: 'Salvatore' });
    expect(view!.filedBy.role).toBe('citizen');
    expect(view!.events.map((e) => e.to)).toEqual(['INVIATA']);
    expect(citizen.seen.size).toBe(ownBefore + 1);

    // The office protocols it: the filer's next pull brings the new state and its event.
    const desk = await Device.staff('sportello.c1');
    expect(await desk.push('dossier.transition@1', { dossierId: args.dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' })).toMatchObject({
      status: 'applied',
    });
    const second = await citizen.pull();
    expect([...second.keys()]).toEqual([args.dossierId]);
    const protocolled = second.get(args.dossierId)!;
    expect(protocolled.status).toBe('PROTOCOLLATA');
    expect(protocolled.protocolNumber).toMatch(/^PG\/\d{4}\/\d{6}$/);
    expect(protocolled.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(protocolled.events.map((e) => e.to)).toEqual(['INVIATA', 'PROTOCOLLATA']);

    // The filer may act on it like on their own (withdrawal is the applicant's side).
    expect(await citizen.push('dossier.transition@1', { dossierId: args.dossierId, from: 'PROTOCOLLATA', to: 'RITIRATA' })).toMatchObject({
      status: 'applied',
    });
    expect((await citizen.pull()).get(args.dossierId)?.status).toBe('RITIRATA');

    // Another citizen never receives it, and cannot act on it.
    const other = server.app.db
      .select()
      .from(persons)
      .all()
      .find((p) => p.codiceFiscale !== demoCf && p.householdId !== HOUSEHOLD)!;
    const otherDevice = await Device.citizen(other.codiceFiscale);
    await otherDevice.pull();
    expect(otherDevice.seen.has(args.dossierId)).toBe(false);
    const refused = await otherDevice.push('dossier.transition@1', { dossierId: args.dossierId, from: 'RITIRATA', to: 'RITIRATA' });
    expect(refused).toMatchObject({ status: 'refused', code: 'not_found' });
  });

  it("gives the citizen's device their own facts and their household's, to prefill the flow; nobody else gets them", async () => {
    const citizen = await Device.citizen(demoCf);
    const res = await citizen.client.query<{ self: { codiceFiscale: string }; household: { codiceFiscale: string; givenName: string }[] }>(
      'myRequests.people',
    );
    expect(res.status).toBe(200);
    expect(res.data!.self.codiceFiscale).toBe(demoCf);
    expect(res.data!.household).toEqual([expect.objectContaining({ codiceFiscale: memberCf, givenName: 'Salvatore' })]);
    const operator = await Device.staff('operatore.demo');
    expect((await operator.client.query('myRequests.people')).status).toBe(403);
    expect((await new TestClient(server.url, server.origin).query('myRequests.people')).status).toBe(401);
  });

  it('is seen by the member too, once they sign in themselves', async () => {
    const memberDevice = await Device.citizen(memberCf);
    await memberDevice.pull();
    const own = [...memberDevice.seen.values()].filter((c) => c.op === 'put');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.entity === 'dossier' && c.data.applicant.codiceFiscale === memberCf)).toBe(true);
    // The member's account did not exist when the dossier was filed: it is a citizen account on their person.
    const account = server.app.db.select().from(users).where(eq(users.personId, memberId)).get();
    expect(account?.role).toBe('citizen');
  });
});

describe('assisted submission and its consent record', () => {
  let n = 0;
  const applicant = () => syntheticApplicant(12_000 + n++, 2);
  const now = () => new Date().toISOString();
  const base = { textVersion: 'CONSENSO-2026-1' };

  it('refuses a submission without a consent, or with one that lacks its evidence', async () => {
    const operator = await Device.staff('operatore.demo');
    const desk = await Device.staff('sportello.c2');
    const cases: [Device, SubmitArgs['consent'], string | undefined][] = [
      [operator, undefined, undefined],
      [desk, undefined, undefined],
      [operator, { ...base, method: 'verbal_witness', collectedAt: now() }, 'witness'],
      [operator, { ...base, method: 'verbal_witness', witnessName: '   ', collectedAt: now() }, 'witness'],
      [operator, { ...base, method: 'signature', collectedAt: now() }, 'signature'],
      // A data URL whose bytes are not a PNG (here a JPEG header) is no signature.
      [
        operator,
        { ...base, method: 'signature', signature: 'data:image/png;base64,/9j/4AAQSkZJRgABAQAAAQABAAD', collectedAt: now() },
        'signature',
      ],
      [operator, { ...base, method: 'scanned_delega', collectedAt: now() }, 'delega'],
      // Evidence of another method does not count.
      [operator, { ...base, method: 'scanned_delega', signature: TEST_SIGNATURE_PNG, collectedAt: now() }, 'delega'],
      [
        operator,
        { ...base, method: 'verbal_witness', witnessName: 'Giovanni Teste', signature: TEST_SIGNATURE_PNG, collectedAt: now() },
        'extra',
      ],
    ];
    for (const [device, consent, detail] of cases) {
      const args = submitArgs(random, applicant(), { consent }, service);
      if (consent === undefined) delete args.consent;
      const outcome = await device.push('dossier.submit@1', args);
      expect(outcome, JSON.stringify(consent)).toMatchObject({ status: 'refused', code: 'consent_required' });
      if (detail) expect(outcome).toMatchObject({ detail });
      expect(server.app.repos.dossiers.findById(args.dossierId)).toBeUndefined();
    }
    // A malformed delega hash does not even pass the schema.
    const bad = submitArgs(
      random,
      applicant(),
      { consent: { ...base, method: 'scanned_delega', delegaSha256: 'abc', collectedAt: now() } },
      service,
    );
    expect(await operator.push('dossier.submit@1', bad)).toMatchObject({ status: 'refused', code: 'invalid' });
  });

  it('stores who, for whom, which association, when, which text and how, with the evidence', async () => {
    const operator = await Device.staff('operatore.demo');
    const operatorUser = server.app.repos.users.findByUsername('operatore.demo')!;
    const collectedAt = new Date(Date.now() - 60_000).toISOString();
    const sha = 'a'.repeat(64);
    const signed = submitArgs(
      random,
      applicant(),
      { consent: { ...base, method: 'signature', signature: TEST_SIGNATURE_PNG, collectedAt } },
      service,
    );
    const delega = submitArgs(
      random,
      applicant(),
      { consent: { ...base, method: 'scanned_delega', delegaSha256: sha, collectedAt } },
      service,
    );
    const verbal = submitArgs(
      random,
      applicant(),
      { consent: { ...base, method: 'verbal_witness', witnessName: ' Giovanni Teste ', collectedAt } },
      service,
    );
    for (const args of [signed, delega, verbal]) expect(await operator.push('dossier.submit@1', args)).toMatchObject({ status: 'applied' });

    const [s] = server.app.repos.dossiers.consentsOf(signed.dossierId);
    const dossier = server.app.repos.dossiers.findById(signed.dossierId)!;
    expect(s).toMatchObject({
      operatorId: operatorUser.id,
      personId: dossier.personId,
      associationId: operatorUser.associationId,
      method: 'signature',
      textVersion: 'CONSENSO-2026-1',
      collectedAt,
      witnessName: null,
    });
    expect(s!.associationId).toBeTruthy();
    expect(s!.evidence).toMatchObject({ signaturePng: TEST_SIGNATURE_PNG, delegaSha256: null });
    expect(server.app.repos.dossiers.consentsOf(delega.dossierId)[0]!.evidence).toMatchObject({ signaturePng: null, delegaSha256: sha });
    const v = server.app.repos.dossiers.consentsOf(verbal.dossierId)[0]!;
    expect(v).toMatchObject({ method: 'verbal_witness', witnessName: 'Giovanni Teste', evidence: null });
  });

  it('does not ask a citizen filing for themselves for a consent', async () => {
    const citizen = await Device.citizen(encodeCodiceFiscale(DEMO_CITIZEN));
    const self = server.app.repos.persons.findByCodiceFiscale(encodeCodiceFiscale(DEMO_CITIZEN))!;
    const args = submitArgs(
      random,
      { codiceFiscale: self.codiceFiscale, givenName: self.givenName, familyName: self.familyName, circoscrizione: self.circoscrizione },
      { consent: undefined },
      service,
    );
    delete args.consent;
    expect(await citizen.push('dossier.submit@1', args)).toMatchObject({ status: 'applied' });
    expect(server.app.repos.dossiers.consentsOf(args.dossierId)).toEqual([]);
  });
});
