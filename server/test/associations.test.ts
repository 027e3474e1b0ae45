import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { PushResponse } from '@icaro/sync';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function as(username: string, password?: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username, password)).status).toBe(200);
  return client;
}

interface Mine {
  association: { id: string; approved: boolean };
  operators: { id: string; username: string; active: boolean; invited: boolean }[];
}

describe("an association's administrator", () => {
  it('invites an operator, who sets a password with the one-time code and signs in', async () => {
    const admin = await as('admin.ass01');
    const invite = await admin.mutation<{ operatorId: string; username: string; code: string }>('associations.invite', { displayName: 'Nino Ventura' });
    expect(invite.status).toBe(200);
    const { username, code } = invite.data!;
    expect(username).toBe('nino.ventura');
    expect((await admin.query<Mine>('associations.mine')).data!.operators.find((o) => o.username === username)?.invited).toBe(true);

    const anonymous = new TestClient(server.url, server.origin);
    expect((await anonymous.mutation('associations.acceptInvitation', { code, password: 'una frase lunga e mia' })).status).toBe(200);
    // The code is single-use.
    const again = await anonymous.mutation('associations.acceptInvitation', { code, password: 'una frase lunga e mia' });
    expect(again.error?.message).toBe('invalid_code');
    await as(username, 'una frase lunga e mia');
  });

  it("deactivates an operator: that operator's open session gets 401 on its next request", async () => {
    const operator = await as('operatore.demo');
    expect((await operator.query('auth.me')).data).toMatchObject({ username: 'operatore.demo' });
    const pull = () => operator.query('sync.pull', { cursor: null, limit: 1 });
    expect((await pull()).status).toBe(200);

    const admin = await as('admin.ass01');
    const target = (await admin.query<Mine>('associations.mine')).data!.operators.find((o) => o.username === 'operatore.demo')!;
    expect((await admin.mutation('associations.deactivate', { operatorId: target.id })).status).toBe(200);

    expect((await pull()).status).toBe(401);
    const push = await operator.mutation('sync.push', { clientId: uuidv7(), mutations: [envelope(1, 'dossier.submit@1', submitArgs(new Random(1), syntheticApplicant(1, 1)))] });
    expect(push.status).toBe(401);
    // And it cannot sign in again.
    expect((await new TestClient(server.url, server.origin).login('operatore.demo')).status).toBe(401);

    expect((await admin.mutation('associations.reactivate', { operatorId: target.id })).status).toBe(200);
    await as('operatore.demo');
  });

  it("cannot touch another association's operators, and the existence of one is not disclosed", async () => {
    const other = await as('operatore.a2');
    const me = (await other.query<{ id: string }>('auth.me')).data!;
    const admin = await as('admin.ass01');
    const res = await admin.mutation('associations.deactivate', { operatorId: me.id });
    expect(res.status).toBe(404);
    expect((await other.query('auth.me')).status).toBe(200);
  });

  it('is not allowed to approve associations or to read needs reports', async () => {
    const admin = await as('admin.ass01');
    expect((await admin.mutation('associations.approve', { associationId: 'ASS-04' })).status).toBe(403);
    expect((await admin.query('needs.overview', {})).status).toBe(403);
  });
});

describe('approval by the city', () => {
  it("refuses an unapproved association's filings until the city's administrator approves it", async () => {
    const operator = await as('operatore.a4');
    const clientId = uuidv7();
    const report = {
      reportId: uuidv7(),
      circoscrizione: 7,
      userArea: 'famiglia_minori',
      need: 'scuola',
      peopleBand: '6-20',
      urgency: 'media',
      description: 'Bambini senza doposcuola nel quartiere.',
      observedOn: new Date().toISOString().slice(0, 10),
    };
    const dossier = submitArgs(new Random(4), syntheticApplicant(4, 7));
    const first = await operator.mutation<PushResponse>('sync.push', {
      clientId,
      mutations: [envelope(1, 'needs.report@1', report), envelope(2, 'dossier.submit@1', dossier)],
    });
    expect(first.data!.outcomes.map((o) => o.status === 'refused' && o.code)).toEqual(['association_not_approved', 'association_not_approved']);
    expect((await new TestClient(server.url, null).query<{ id: string }[]>('associations.directory')).data!.map((a) => a.id)).not.toContain('ASS-04');

    const city = await as('admin.demo');
    const approved = await city.mutation<{ approved: boolean }>('associations.approve', { associationId: 'ASS-04' });
    expect(approved.data!.approved).toBe(true);

    const second = await operator.mutation<PushResponse>('sync.push', { clientId, mutations: [envelope(3, 'needs.report@1', { ...report, reportId: uuidv7() })] });
    expect(second.data!.outcomes[0]!.status).toBe('applied');
    expect((await new TestClient(server.url, null).query<{ id: string }[]>('associations.directory')).data!.map((a) => a.id)).toContain('ASS-04');
  });
});

describe('the public directory', () => {
  it('needs no login and holds organisational data only', async () => {
    const res = await new TestClient(server.url, null).query<Record<string, unknown>[]>('associations.directory');
    expect(res.status).toBe(200);
    const first = res.data![0]!;
    expect(Object.keys(first).sort()).toEqual(
      ['address', 'circoscrizioni', 'description', 'email', 'id', 'name', 'openingHours', 'phone', 'runtsNumber', 'serviceCodes', 'userAreas', 'website'].sort(),
    );
    expect(JSON.stringify(res.data)).not.toMatch(/approvedBy|operatore|admin\./);
  });
});
