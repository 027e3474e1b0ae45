import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { CATALOGUE } from '@icaro/domain';
import type { PullResponse, PushResponse, SubmitArgs } from '@icaro/sync';
import { Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
const random = new Random(7);
const service = CATALOGUE[1]!;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

let applicants = 0;
function newSubmit(overrides: Partial<SubmitArgs> = {}, circoscrizione = 1): SubmitArgs {
  return submitArgs(random, syntheticApplicant(applicants++, circoscrizione), overrides, service);
}

class Device {
  readonly clientId = uuidv7();
  private seq = 0;
  cursor: number | null = null;
  constructor(readonly client: TestClient) {}
  static async as(username: string): Promise<Device> {
    const client = new TestClient(server.url, server.origin);
    expect((await client.login(username)).status).toBe(200);
    return new Device(client);
  }
  mutation(name: string, args: unknown, id = uuidv7()) {
    return { id, seq: ++this.seq, name, args, at: new Date().toISOString() };
  }
  async push(...mutations: ReturnType<Device['mutation']>[]): Promise<PushResponse> {
    const res = await this.client.mutation<PushResponse>('sync.push', { clientId: this.clientId, mutations });
    expect(res.status, JSON.stringify(res.error)).toBe(200);
    return res.data!;
  }
  async pullAll(limit?: number): Promise<{ pages: number; ids: Map<string, PullResponse['changes'][number]> }> {
    const ids = new Map<string, PullResponse['changes'][number]>();
    let pages = 0;
    for (;;) {
      const res = await this.client.query<PullResponse>('sync.pull', { cursor: this.cursor, ...(limit ? { limit } : {}) });
      expect(res.status).toBe(200);
      pages++;
      for (const c of res.data!.changes) ids.set(c.id, c);
      this.cursor = res.data!.cursor;
      if (!res.data!.more) return { pages, ids };
    }
  }
}

describe('push', () => {
  it('applies a submission, and a replay returns the stored result without a second effect', async () => {
    const operator = await Device.as('operatore.demo');
    const m = operator.mutation('dossier.submit@1', newSubmit());
    const first = await operator.push(m);
    expect(first.outcomes[0]).toMatchObject({ id: m.id, status: 'applied', result: { dossierId: (m.args as SubmitArgs).dossierId } });
    const again = await operator.push(m);
    expect(again.outcomes[0]).toEqual(first.outcomes[0]);
    const { ids } = await operator.pullAll();
    expect([...ids.values()].filter((c) => c.id === (m.args as SubmitArgs).dossierId)).toHaveLength(1);
  });

  it('refuses the same mutation id with a different payload', async () => {
    const operator = await Device.as('operatore.demo');
    const m = operator.mutation('dossier.submit@1', newSubmit());
    await operator.push(m);
    const tampered = { ...m, args: { ...(m.args as SubmitArgs), reference: 'PA-ALTERED1' } };
    const res = await operator.push(tampered);
    expect(res.outcomes[0]).toMatchObject({ status: 'refused', code: 'id_conflict' });
  });

  it('keeps going past a refused mutation and records why', async () => {
    const operator = await Device.as('operatore.demo');
    const noConsent = operator.mutation('dossier.submit@1', newSubmit({ consent: undefined }));
    const badCf = operator.mutation(
      'dossier.submit@1',
      newSubmit({ applicant: { codiceFiscale: 'RSSMRA85T10A562X', givenName: 'M', familyName: 'R', circoscrizione: 1 } }),
    );
    const good = operator.mutation('dossier.submit@1', newSubmit());
    const res = await operator.push(noConsent, badCf, good);
    expect(res.outcomes.map((o) => (o.status === 'refused' ? o.code : o.status))).toEqual(['consent_required', 'invalid', 'applied']);
    expect(res.lastSeq).toBe(good.seq);
    // The refusal is stored: a replay gets the same answer.
    expect((await operator.push(noConsent)).outcomes[0]).toMatchObject({ status: 'refused', code: 'consent_required' });
  });

  it('applies mutations in seq order, whatever order they arrive in', async () => {
    const operator = await Device.as('operatore.demo');
    const officer = await Device.as('istruttore.c1');
    const submit = operator.mutation('dossier.submit@1', newSubmit());
    await operator.push(submit);
    const id = (submit.args as SubmitArgs).dossierId;
    const protocol = officer.mutation('dossier.transition@1', { dossierId: id, from: 'INVIATA', to: 'PROTOCOLLATA' });
    const reject = officer.mutation('dossier.transition@1', {
      dossierId: id,
      from: 'PROTOCOLLATA',
      to: 'IRRICEVIBILE',
      reason: 'Domanda duplicata',
    });
    const res = await officer.push(reject, protocol);
    expect(res.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    expect(res.outcomes[0]!.seq).toBe(protocol.seq);
  });

  it('refuses stale transitions and transitions the role may not take', async () => {
    const operator = await Device.as('operatore.demo');
    const officer = await Device.as('istruttore.c1');
    const submit = operator.mutation('dossier.submit@1', newSubmit());
    await operator.push(submit);
    const id = (submit.args as SubmitArgs).dossierId;
    const byOperator = await operator.push(
      operator.mutation('dossier.transition@1', { dossierId: id, from: 'INVIATA', to: 'PROTOCOLLATA' }),
    );
    expect(byOperator.outcomes[0]).toMatchObject({ status: 'refused', code: 'forbidden' });
    const stale = await officer.push(officer.mutation('dossier.transition@1', { dossierId: id, from: 'ISTRUTTORIA', to: 'VALUTAZIONE' }));
    expect(stale.outcomes[0]).toMatchObject({ status: 'refused', code: 'stale_state' });
    const noReason = await officer.push(officer.mutation('dossier.transition@1', { dossierId: id, from: 'INVIATA', to: 'IRRICEVIBILE' }));
    expect(noReason.outcomes[0]).toMatchObject({ status: 'refused', code: 'reason_required' });
  });

  it('does not let another office touch a dossier, nor reveal that it exists', async () => {
    const operator = await Device.as('operatore.demo');
    const other = await Device.as('istruttore.c2');
    const submit = operator.mutation('dossier.submit@1', newSubmit({}, 1));
    await operator.push(submit);
    const res = await other.push(
      other.mutation('dossier.transition@1', { dossierId: (submit.args as SubmitArgs).dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' }),
    );
    expect(res.outcomes[0]).toMatchObject({ status: 'refused', code: 'not_found' });
  });

  it('numbers protocols per year in sequence with no gaps, under concurrent pushes', async () => {
    const operator = await Device.as('operatore.demo');
    const officers = await Promise.all([Device.as('istruttore.c1'), Device.as('responsabile.c1'), Device.as('sportello.c1')]);
    const submits = Array.from({ length: 30 }, () => operator.mutation('dossier.submit@1', newSubmit({}, 1)));
    await operator.push(...submits);
    const results = await Promise.all(
      submits.map((s, i) => {
        const officer = officers[i % officers.length]!;
        return officer.push(
          officer.mutation('dossier.transition@1', { dossierId: (s.args as SubmitArgs).dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' }),
        );
      }),
    );
    const numbers = results.map((r) => (r.outcomes[0] as { result: { protocolNumber: string } }).result.protocolNumber);
    const year = new Date().getUTCFullYear();
    const seqs = numbers.map((n) => Number(n.split('/')[2])).sort((a, b) => a - b);
    expect(numbers.every((n) => n.startsWith(`PG/${year}/`))).toBe(true);
    expect(new Set(seqs).size).toBe(30);
    expect(seqs[29]! - seqs[0]!).toBe(29);
  });

  it('refuses a device id that belongs to another user', async () => {
    const a = await Device.as('operatore.demo');
    const b = await Device.as('operatore.a2');
    await a.push(a.mutation('dossier.submit@1', newSubmit()));
    const res = await b.client.mutation('sync.push', { clientId: a.clientId, mutations: [b.mutation('dossier.submit@1', newSubmit())] });
    expect(res.status).toBe(403);
  });
});

describe('pull', () => {
  it('gives each user only what they may see', async () => {
    const opA = await Device.as('operatore.demo');
    const opB = await Device.as('operatore.a2');
    const c1 = await Device.as('istruttore.c1');
    const c3 = await Device.as('istruttore.c3');
    const mine = opA.mutation('dossier.submit@1', newSubmit({}, 3));
    await opA.push(mine);
    const id = (mine.args as SubmitArgs).dossierId;
    expect((await opA.pullAll()).ids.has(id)).toBe(true);
    expect((await opB.pullAll()).ids.has(id)).toBe(false);
    expect((await c3.pullAll()).ids.has(id)).toBe(true);
    expect((await c1.pullAll()).ids.has(id)).toBe(false);
    for (const change of (await new Device(c1.client).pullAll()).ids.values()) {
      expect(change.op === 'put' && change.data.officeId).toBe('UFF-C1');
    }
  });

  it('pages through a large scope and ends at the last version', async () => {
    const operator = await Device.as('operatore.a3');
    const batch = Array.from({ length: 25 }, () => operator.mutation('dossier.submit@1', newSubmit({}, 5)));
    await operator.push(...batch);
    const fresh = new Device(operator.client);
    const { pages, ids } = await fresh.pullAll(10);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const m of batch) expect(ids.has((m.args as SubmitArgs).dossierId)).toBe(true);
    expect(fresh.cursor).toBe(server.app.repos.sync.maxVersion());
    const again = await fresh.pullAll(10);
    expect(again.ids.size).toBe(0);
  });

  it('brings changes made by others after the cursor, with the protocol number', async () => {
    const operator = await Device.as('operatore.demo');
    const officer = await Device.as('istruttore.c1');
    await operator.pullAll();
    const submit = operator.mutation('dossier.submit@1', newSubmit({}, 1));
    await operator.push(submit);
    const id = (submit.args as SubmitArgs).dossierId;
    await operator.pullAll();
    await officer.push(officer.mutation('dossier.transition@1', { dossierId: id, from: 'INVIATA', to: 'PROTOCOLLATA' }));
    const { ids } = await operator.pullAll();
    const change = ids.get(id);
    const dossier = change?.entity === 'dossier' && change.op === 'put' ? change.data : undefined;
    expect(dossier?.status).toBe('PROTOCOLLATA');
    expect(dossier?.protocolNumber).toMatch(/^PG\/\d{4}\/\d{6}$/);
    expect(dossier?.events.map((e) => e.to)).toEqual(['INVIATA', 'PROTOCOLLATA']);
  });

  it('tells a device from another database to reset', async () => {
    const operator = await Device.as('operatore.demo');
    const res = await operator.client.query<PullResponse>('sync.pull', { cursor: 10_000_000 });
    expect(res.data).toMatchObject({ reset: true });
  });
});
