/**
 * The auditor's look-up (issue 4 §7): a dossier found by reference or protocol number in
 * any office, then its trail; nobody else may look dossiers up this way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { CATALOGUE } from '@icaro/domain';
import type { PushResponse } from '@icaro/sync';
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

describe('audit.lookup', () => {
  let dossierId: string;
  let reference: string;
  let protocol: string;

  it('finds a protocolled dossier of any office by reference and by protocol number, short or long', async () => {
    const args = submitArgs(new Random(3), syntheticApplicant(9300, 6), {}, CATALOGUE[2]!);
    dossierId = args.dossierId;
    reference = args.reference;
    const desk = await as('sportello.c6');
    const push = await desk.mutation<PushResponse>('sync.push', {
      clientId: uuidv7(),
      mutations: [envelope(1, 'dossier.submit@1', args), envelope(2, 'dossier.transition@1', { dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' })],
    });
    expect(push.data!.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    protocol = server.app.repos.dossiers.findById(dossierId)!.protocolNumber!;
    expect(protocol).toMatch(/^PG\/\d{4}\/\d{6}$/);

    const auditor = await as('revisore.demo');
    const byRef = await auditor.query<{ id: string; officeId: string; protocolNumber: string }>('audit.lookup', { code: ` ${reference.toLowerCase()} ` });
    expect(byRef.status).toBe(200);
    expect(byRef.data).toMatchObject({ id: dossierId, reference, protocolNumber: protocol, officeId: 'UFF-C6', status: 'PROTOCOLLATA' });
    expect(JSON.stringify(byRef.data)).not.toContain('answers');
    const [, year, n] = /^PG\/(\d{4})\/(\d{6})$/.exec(protocol)!;
    const short = `${year}/${Number(n)}`;
    expect((await auditor.query<{ id: string }>('audit.lookup', { code: short })).data?.id).toBe(dossierId);
    expect((await auditor.query<{ id: string }>('audit.lookup', { code: protocol })).data?.id).toBe(dossierId);
    expect((await auditor.query('audit.lookup', { code: 'PA-NONESISTE' })).data).toBeNull();
    expect((await auditor.query('audit.lookup', { code: '' })).status).toBe(400);

    const trail = await auditor.query<{ section: string; purpose: string; note: string }[]>('audit.forDossier', { dossierId });
    expect(trail.data!.map((r) => r.note)).toEqual(['->INVIATA', 'INVIATA->PROTOCOLLATA']);
  });

  it('is for the auditor only', async () => {
    for (const user of ['responsabile.c6', 'sportello.c6', 'analista.demo', 'ragioneria.demo']) {
      expect((await (await as(user)).query('audit.lookup', { code: reference })).status).toBe(403);
    }
  });
});
