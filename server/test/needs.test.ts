import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { NeedsReportArgs, PullResponse, PushResponse } from '@icaro/sync';
import type { ProtectedTable } from '@icaro/domain';
import { envelope } from './fixtures.ts';
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

async function pullAll(client: TestClient): Promise<PullResponse['changes']> {
  const out: PullResponse['changes'] = [];
  let cursor: number | null = null;
  for (;;) {
    const res: Awaited<ReturnType<typeof client.query<PullResponse>>> = await client.query<PullResponse>('sync.pull', { cursor });
    expect(res.status).toBe(200);
    out.push(...res.data!.changes);
    cursor = res.data!.cursor;
    if (!res.data!.more) return out;
  }
}

const CANARY = 'Canary-Descrizione-7f3a';

function report(circoscrizione: number): NeedsReportArgs {
  return {
    reportId: uuidv7(),
    circoscrizione,
    userArea: 'anziani',
    need: 'solitudine',
    peopleBand: '6-20',
    urgency: 'alta',
    description: `${CANARY}: anziani soli in via Roma.`,
    observedOn: new Date().toISOString().slice(0, 10),
  };
}

describe('needs reports', () => {
  it('arrive through push and reach the staff of that circoscrizione only', async () => {
    const operator = await as('operatore.a3');
    const args = report(6);
    const push = await operator.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations: [envelope(1, 'needs.report@1', args)] });
    expect(push.data!.outcomes[0]).toMatchObject({ status: 'applied', result: { reportId: args.reportId } });

    const mine = (await pullAll(await as('istruttore.c6'))).find((c) => c.id === args.reportId);
    expect(mine).toMatchObject({ entity: 'needs_report', op: 'put', data: { circoscrizione: 6, description: args.description, urgency: 'alta' } });
    // The filing association sees it too; other offices and associations do not.
    expect((await pullAll(operator)).some((c) => c.id === args.reportId)).toBe(true);
    for (const other of ['istruttore.c1', 'responsabile.c5', 'operatore.demo']) {
      expect((await pullAll(await as(other))).some((c) => c.id === args.reportId), other).toBe(false);
    }
    // Analysts do not pull rows at all: aggregates only.
    expect((await (await as('analista.demo')).query('sync.pull', { cursor: null })).status).toBe(403);

    const overview = await (await as('responsabile.c6')).query<{ circoscrizione: number; reports: { id: string }[]; trend: { counts: Record<string, number> }[] }>(
      'needs.overview',
      {},
    );
    expect(overview.data!.circoscrizione).toBe(6);
    expect(overview.data!.reports.some((r) => r.id === args.reportId)).toBe(true);
    expect(overview.data!.trend.at(-1)!.counts.anziani).toBeGreaterThanOrEqual(1);
    const c1 = await (await as('sportello.c1')).query<{ reports: { id: string }[] }>('needs.overview', {});
    expect(c1.data!.reports.some((r) => r.id === args.reportId)).toBe(false);
  });

  it('refuses a report from a role that may not file one', async () => {
    const officer = await as('istruttore.c2');
    const push = await officer.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations: [envelope(1, 'needs.report@1', report(2))] });
    expect(push.data!.outcomes[0]).toMatchObject({ status: 'refused', code: 'forbidden' });
  });

  it('gives analysts and the public protected counts with no free text', async () => {
    const operator = await as('operatore.demo');
    // Three more in circoscrizione 1: a small count that must not be shown as such.
    const mutations = [1, 2, 3].map((seq) => envelope(seq, 'needs.report@1', { ...report(1), userArea: 'disabili' }));
    await operator.mutation('sync.push', { clientId: uuidv7(), mutations });

    const res = await new TestClient(server.url, null).query<{ byCircoscrizione: ProtectedTable; byMonth: ProtectedTable }>('needs.aggregate');
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.data);
    expect(text).not.toContain(CANARY);
    expect(text).not.toMatch(/description|associationId|filedBy/);
    const { byCircoscrizione: table } = res.data!;
    expect(table.threshold).toBe(10);
    const all = [...table.cells.flat(), ...table.rowTotals, ...table.colTotals, table.grandTotal];
    // Disclosure control: no published figure between 1 and 9.
    for (const cell of all) if (cell.kind === 'value') expect(cell.value === 0 || cell.value >= 10).toBe(true);
    const disabili = table.cells[0]![table.cols.indexOf('disabili')]!;
    expect(disabili.kind).toBe('suppressed');
    for (const cell of [...res.data!.byMonth.cells.flat(), res.data!.byMonth.grandTotal]) {
      if (cell.kind === 'value') expect(cell.value === 0 || cell.value >= 10).toBe(true);
    }
  });
});
