import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { and, eq, notInArray } from 'drizzle-orm';
import { FINAL_STATES, todayInPalermo } from '@icaro/domain';
import { deadlineRisk, type PushResponse, type QueuePage, type QueueQuery } from '@icaro/sync';
import { dossiers, persons } from '../src/db/schema.ts';
import { Random, envelope, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
let head: TestClient;
const OFFICE = 'UFF-C1';

beforeAll(async () => {
  server = await startTestServer({ SEED_DOSSIERS: '400', SEED_CITIZENS: '120' });
  head = await as('responsabile.c1');
});
afterAll(() => server.stop());

async function as(username: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username)).status).toBe(200);
  return client;
}

async function list(client: TestClient, query: QueueQuery = {}): Promise<QueuePage> {
  const res = await client.query<QueuePage>('queue.list', query);
  expect(res.status, JSON.stringify(res.error)).toBe(200);
  return res.data!;
}

/** Every page of a query, following the cursor. */
async function walk(client: TestClient, query: QueueQuery, between?: () => Promise<void>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = await list(client, query); ; ) {
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    await between?.();
    page = await list(client, { ...query, after: page.next });
  }
}

const officeRows = () => server.app.db.select().from(dossiers).where(eq(dossiers.officeId, OFFICE)).all();
const openRows = () =>
  server.app.db
    .select()
    .from(dossiers)
    .where(and(eq(dossiers.officeId, OFFICE), notInArray(dossiers.status, [...FINAL_STATES])))
    .all();

describe('the office queue', () => {
  it('holds the open dossiers of the caller’s office, sorted by deadline, undated ones last', async () => {
    const ids = await walk(head, { limit: 50 });
    expect(new Set(ids)).toEqual(new Set(openRows().map((d) => d.id)));
    const byId = new Map(officeRows().map((d) => [d.id, d]));
    const dues = ids.map((id) => byId.get(id)!.dueDate);
    const dated = dues.filter((d) => d !== null) as string[];
    expect(dated.length).toBeGreaterThan(10);
    expect(dues.slice(0, dated.length)).toEqual([...dated].sort());
    expect(dues.slice(dated.length).every((d) => d === null)).toBe(true);
  });

  it('shows another office’s staff nothing of this office, even by exact search', async () => {
    const other = await as('istruttore.c2');
    const target = openRows().find((d) => d.protocolNumber)!;
    for (const search of [target.reference, target.protocolNumber!]) expect((await list(other, { search })).total).toBe(0);
    const theirs = await walk(other, { state: 'all', limit: 100 });
    expect(theirs.some((id) => officeRows().some((d) => d.id === id))).toBe(false);
  });

  it('filters by state, service, circoscrizione and assigned officer, with a matching total', async () => {
    const all = officeRows();
    const sample = all.find((d) => d.assignedTo && !FINAL_STATES.includes(d.status as never))!;
    const cases: [QueueQuery, (d: (typeof all)[number]) => boolean][] = [
      [{ state: 'ISTRUTTORIA' }, (d) => d.status === 'ISTRUTTORIA'],
      [{ state: 'all', service: sample.serviceCode }, (d) => d.serviceCode === sample.serviceCode],
      [{ state: 'all', circoscrizione: 1 }, (d) => d.circoscrizione === 1],
      [{ assignee: sample.assignedTo! }, (d) => d.assignedTo === sample.assignedTo && !FINAL_STATES.includes(d.status as never)],
      [{ assignee: 'none' }, (d) => d.assignedTo === null && !FINAL_STATES.includes(d.status as never)],
    ];
    for (const [query, keep] of cases) {
      const expected = all.filter(keep).map((d) => d.id);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
      const page = await list(head, { ...query, limit: 100 });
      expect(page.total, JSON.stringify(query)).toBe(expected.length);
      expect(new Set(await walk(head, { ...query, limit: 100 }))).toEqual(new Set(expected));
    }
  });

  it('filters by deadline risk as the shared rule computes it', async () => {
    const today = todayInPalermo();
    const open = openRows().filter((d) => !['INTEGRAZIONE_RICHIESTA', 'PREAVVISO_DINIEGO'].includes(d.status));
    let seen = 0;
    for (const risk of ['on_time', 'warning', 'overdue'] as const) {
      const expected = open.filter((d) => deadlineRisk(d.dueDate, d.warnDate, today) === risk).map((d) => d.id);
      const page = await list(head, { risk, limit: 100 });
      expect(page.rows.every((r) => r.risk === risk)).toBe(true);
      expect(new Set(await walk(head, { risk, limit: 100 }))).toEqual(new Set(expected));
      seen += expected.length;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('finds a dossier by name, codice fiscale, reference and protocol number', async () => {
    const d = openRows().find((x) => x.protocolNumber)!;
    const person = server.app.db.select().from(persons).where(eq(persons.id, d.personId)).get()!;
    const [, year, n] = /^PG\/(\d{4})\/(\d+)$/.exec(d.protocolNumber!)!;
    const searches = [
      d.reference,
      d.reference.toLowerCase(),
      person.codiceFiscale,
      d.protocolNumber!,
      `${year}/${Number(n)}`,
      person.familyName.toLowerCase(),
      `${person.givenName.slice(0, 3)} ${person.familyName}`,
    ];
    for (const search of searches) {
      const ids = await walk(head, { search, state: 'all', limit: 100 });
      expect(ids, search).toContain(d.id);
    }
    expect((await list(head, { search: 'Zzqx' })).total).toBe(0);
  });

  it('pages keep their place while new dossiers arrive: no duplicates, no gaps', async () => {
    const before = new Set(openRows().map((d) => d.id));
    const front = await as('sportello.c1');
    const random = new Random(5);
    let n = 0;
    // Each new dossier is protocolled at once, so it gets a due date in the middle of the order.
    const ids = await walk(head, { limit: 5 }, async () => {
      const args = submitArgs(random, syntheticApplicant(7000 + n++, 1));
      const protocol = { dossierId: args.dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' };
      const mutations = [envelope(1, 'dossier.submit@1', args), envelope(2, 'dossier.transition@1', protocol)];
      const res = await front.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations });
      expect(res.data?.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    });
    expect(n).toBeGreaterThan(3);
    expect(ids.length).toBe(new Set(ids).size);
    for (const id of before) expect(ids).toContain(id);
  });
});
