/**
 * Reports (issue 5): dashboard figures on a small hand-made dataset, compared with figures
 * worked out by hand (median, p90, suspensions left out, share within the term), the
 * statistics kept in step through real pushes, and who may see which office.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { addDays, daysBetween, findService, makeReference, todayInPalermo, type DossierState } from '@icaro/domain';
import type { PushResponse } from '@icaro/sync';
import type { Dashboard, Transparency } from '../src/services/reports.service.ts';
import { refreshMovedDossier } from '../src/services/stats-keeper.ts';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;

async function as(username: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username)).status).toBe(200);
  return client;
}

/** The first day of the month `back` months before this one. */
function monthStart(back: number): string {
  const [y, m] = todayInPalermo().slice(0, 7).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return d.toISOString().slice(0, 10);
}

const SERVICE = 'PA-POV-01'; // 30 calendar days, SIUSS A1.04, not sensitive (threshold 5)
const M = monthStart(4);

/**
 * Twelve decided dossiers: [days to protocol, days protocol→decision without suspension,
 * suspended days (a request for documents), days decision→service].
 */
const DECIDED: [p: number, d: number, s: number, e: number][] = [
  [1, 5, 0, 2],
  [1, 8, 0, 3],
  [2, 10, 10, 4],
  [2, 12, 0, 1],
  [3, 15, 0, 2],
  [1, 15, 0, 3],
  [0, 20, 5, 4],
  [1, 22, 0, 1],
  [2, 25, 0, 2],
  [1, 40, 0, 3], // late
  [1, 50, 15, 4], // late even with its 15 suspended days left out
  [4, 60, 0, 1], // late
];
// Worked out by hand from the list above:
// protocol→decision sorted 5 8 10 12 15 15 20 22 25 40 50 60: median (15+20)/2 = 17.5, p90 (11th of 12) = 50
// submission→protocol sorted 0 1 1 1 1 1 1 2 2 2 3 4: median 1, p90 3
// decision→service sorted 1 1 1 2 2 2 3 3 3 4 4 4: median 2.5, p90 4
// request→decision (p + d) sorted 6 9 12 14 16 18 20 23 27 41 51 64: median 19, p90 51
// within the term: 9 of 12 = 75%
const OPEN = 6;

function insertDossier(i: number, path: [DossierState, string][]): string {
  const { repos, stats } = server.app;
  const person = repos.persons.findByCodiceFiscale(persons[i % persons.length]!)!;
  const front = repos.users.findByUsername('sportello.c1')!.id;
  const id = uuidv7();
  const at = (day: string) => `${day}T10:00:00.000Z`;
  const protocol = path.find(([s]) => s === 'PROTOCOLLATA');
  repos.dossiers.insert({
    id,
    reference: makeReference(id),
    serviceCode: SERVICE,
    serviceVersion: 1,
    personId: person.id,
    status: path[path.length - 1]![0],
    circoscrizione: 1,
    officeId: 'UFF-C1',
    associationId: null,
    filedBy: front,
    assignedTo: null,
    answers: '{}',
    submittedAt: at(path[0]![1]),
    receivedAt: at(path[0]![1]),
    protocolNumber: protocol ? `PG/1999/${String(i).padStart(6, '0')}` : null,
    protocolledAt: protocol ? at(protocol[1]) : null,
    updatedAt: at(path[path.length - 1]![1]),
  });
  path.forEach(([to, day], k) =>
    repos.dossiers.insertEvent({
      id: uuidv7(),
      dossierId: id,
      fromStatus: k ? path[k - 1]![0] : null,
      toStatus: to,
      actorId: front,
      reason: null,
      at: at(day),
    }),
  );
  // The same call the dossier service makes in the transaction of every status event.
  stats.refresh({ id, serviceCode: SERVICE, serviceVersion: 1, officeId: 'UFF-C1', circoscrizione: 1 });
  return id;
}

/**
 * Spending on the twelve admitted dossiers: each a benefit of 4 × 250.00 € = 1,000.00 €
 * on one budget line; one revoked after releasing 500.00 €; eight paid 250.00 € once.
 * By hand: committed 12 × 100,000 − 50,000 = 1,150,000 cents; paid 8 × 25,000 = 200,000.
 */
const ALLOCATION = 10_000_000;
const COMMITTED = 1_150_000;
const PAID = 200_000;

function insertSpending(decided: { id: string; on: string }[]): void {
  const sqlite = server.app.db.$client;
  const head = server.app.repos.users.findByUsername('responsabile.c1')!.id;
  const year = Number(M.slice(0, 4));
  sqlite
    .prepare("insert into budget_lines (id, code, name, active, created_at) values ('BL-T', '12041.04.9999', 'Contributi di prova', 1, ?)")
    .run(`${M}T08:00:00Z`);
  sqlite
    .prepare('insert into budget_allocations (budget_line_id, year, allocation_cents, updated_at) values (?, ?, ?, ?)')
    .run('BL-T', year, ALLOCATION, `${M}T08:00:00Z`);
  decided.forEach((d, i) => {
    const benefit = `BEN-${i}`;
    const released = i === 0 ? 50_000 : 0;
    sqlite
      .prepare(
        `insert into benefits (id, dossier_id, service_code, siuss, office_id, circoscrizione, budget_line_id, year, monthly_cents, months,
          from_month, to_month, amount_cents, paid_cents, released_cents, decided_by, decided_at, decided_on)
         values (?, ?, ?, 'A1.04', 'UFF-C1', 1, 'BL-T', ?, 25000, 4, ?, ?, 100000, ?, ?, ?, ?, ?)`,
      )
      .run(benefit, d.id, SERVICE, year, d.on.slice(0, 7), d.on.slice(0, 7), i < 8 ? 25_000 : 0, released, head, `${d.on}T10:00:00Z`, d.on);
    if (i < 8) {
      sqlite
        .prepare(
          `insert into payments (id, benefit_id, dossier_id, budget_line_id, year, office_id, circoscrizione, service_code, siuss, amount_cents,
            paid_on, reference, recorded_by, recorded_at) values (?, ?, ?, 'BL-T', ?, 'UFF-C1', 1, ?, 'A1.04', 25000, ?, ?, ?, ?)`,
        )
        .run(`PAY-${i}`, benefit, d.id, year, SERVICE, addDays(d.on, 10), `MAN-${i}`, head, `${addDays(d.on, 10)}T10:00:00Z`);
    }
  });
}

/** Eleven questions to office 1 in month M: ten answered after 1..9 and 30 hours, one not yet. Median by hand: 5.5 hours. */
function insertRequests(dossierId: string): void {
  const sqlite = server.app.db.$client;
  const from = server.app.repos.users.findByUsername('ragioneria.demo')!.id;
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 30, null].forEach((hours, i) => {
    const at = `${addDays(M, i)}T09:00:00.000Z`;
    sqlite
      .prepare(
        `insert into internal_requests (id, dossier_id, kind, from_office_id, to_office_id, subject, body, requested_by, requested_at,
          first_answer_at, first_answer_seconds) values (?, ?, 'question', 'UFF-RAG', 'UFF-C1', 'Domanda', 'Testo', ?, ?, ?, ?)`,
      )
      .run(
        `REQ-${i}`,
        dossierId,
        from,
        at,
        hours === null ? null : new Date(Date.parse(at) + hours * 3_600_000).toISOString(),
        hours === null ? null : hours * 3600,
      );
  });
}

let persons: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ SEED_DOSSIERS: '0', SEED_CITIZENS: '30' });
  persons = server.app.db.$client.prepare('select codice_fiscale from persons limit 30').pluck().all() as string[];
  server.app.db.$client.transaction(() => {
    const admitted: { id: string; on: string }[] = [];
    DECIDED.forEach(([p, d, s, e], i) => {
      const t0 = addDays(M, i);
      const prot = addDays(t0, p);
      const path: [DossierState, string][] = [
        ['INVIATA', t0],
        ['PROTOCOLLATA', prot],
        ['ASSEGNATA', prot],
        ['ISTRUTTORIA', prot],
      ];
      if (s > 0) path.push(['INTEGRAZIONE_RICHIESTA', addDays(prot, 1)], ['ISTRUTTORIA', addDays(prot, 1 + s)]);
      const decided = addDays(prot, d + s);
      path.push(['VALUTAZIONE', addDays(decided, -1)], ['AMMESSA', decided], ['IN_EROGAZIONE', addDays(decided, e)]);
      admitted.push({ id: insertDossier(i, path), on: decided });
    });
    insertSpending(admitted);
    insertRequests(admitted[0]!.id);
    for (let i = 0; i < OPEN; i++)
      insertDossier(100 + i, [
        ['INVIATA', addDays(M, 12 + i)],
        ['PROTOCOLLATA', addDays(M, 13 + i)],
      ]);
    insertDossier(200, [
      ['INVIATA', addDays(M, 20)],
      ['PROTOCOLLATA', addDays(M, 21)],
      ['RITIRATA', addDays(M, 25)],
    ]);
  })();
});
afterAll(() => server.stop());

const period = { from: M.slice(0, 7), to: todayInPalermo().slice(0, 7) };
const value = (cell: { kind: string; value?: number }) => (cell.kind === 'value' ? cell.value : cell);

describe('dashboard figures on a hand-made dataset', () => {
  it('gives the median and p90 of each step, suspensions left out', async () => {
    const analyst = await as('analista.demo');
    const res = await analyst.query<Dashboard>('stats.dashboard', { ...period, service: SERVICE });
    expect(res.status).toBe(200);
    const times = Object.fromEntries(res.data!.times.map((t) => [t.measure, [value(t.median), value(t.p90)]]));
    expect(times).toEqual({ to_protocol: [1, 3], to_decision: [17.5, 50], to_service: [2.5, 4] });
  });

  it('counts received, open by age and services started by SIUSS code', async () => {
    const analyst = await as('analista.demo');
    const d = (await analyst.query<Dashboard>('stats.dashboard', { ...period, service: SERVICE })).data!;
    expect(d.threshold).toBe(5);
    expect(value(d.received.cells[0]![0]!)).toBe(DECIDED.length + OPEN + 1);
    expect(value(d.received.grandTotal)).toBe(19);
    const age = daysBetween(addDays(M, 12), todayInPalermo());
    const bucket = age <= 90 ? '61-90' : age <= 180 ? '91-180' : '181+';
    expect(value(d.backlog.cells[d.backlog.rows.indexOf(bucket)]![0]!)).toBe(OPEN);
    expect(value(d.siuss.cells[d.siuss.rows.indexOf('A1.04')]![0]!)).toBe(12);
    // Decisions are spread over months, a few in each: small months are hidden, never shown as 1–4.
    for (const row of d.decided.cells) {
      const c = row[0]!;
      if (c.kind === 'value') expect(c.value === 0 || c.value >= 5).toBe(true);
    }
  });

  it('publishes the median time to a decision and the share within the term on Trasparenza, no login', async () => {
    const anyone = new TestClient(server.url, server.origin);
    const t = (await anyone.query<Transparency>('stats.transparency')).data!;
    const row = t.rows.find((r) => r.serviceCode === SERVICE)!;
    expect(value(row.median)).toBe(19);
    expect(value(row.withinTerm)).toBe(75);
    expect(value(row.decided)).toBe(12);
    // A service with no decisions publishes nothing but 0.
    const other = t.rows.find((r) => r.serviceCode === 'PA-DIS-01')!;
    expect(other).toMatchObject({ decided: { kind: 'value', value: 0 }, median: { kind: 'suppressed' } });
  });
});

describe('spending and internal communication on the hand-made dataset', () => {
  it('gives committed, paid and allocation in cents', async () => {
    const analyst = await as('analista.demo');
    const one = (await analyst.query<Dashboard>('stats.dashboard', { ...period, service: SERVICE })).data!.spending;
    expect(one.total.committed).toEqual({ kind: 'value', cents: COMMITTED });
    expect(one.total.paid).toEqual({ kind: 'value', cents: PAID });
    expect(one.byLine.find((l) => l.key === 'BL-T')).toMatchObject({
      committed: { cents: COMMITTED },
      paid: { cents: PAID },
      allocationCents: null,
    });
    const byMonth = one.byMonth.reduce((sum, l) => sum + (l.committed.kind === 'value' ? l.committed.cents : 0), 0);
    expect(byMonth).toBeLessThanOrEqual(COMMITTED);
    // Citywide, all services: the line's allocation shows; eight payments are under the
    // stricter threshold of 10 (minors and disability are among all services), so hidden.
    const city = (await analyst.query<Dashboard>('stats.dashboard', period)).data!.spending;
    expect(city.byLine.find((l) => l.key === 'BL-T')!.allocationCents).toBe(ALLOCATION);
    expect(city.total.committed).toEqual({ kind: 'value', cents: COMMITTED });
    expect(city.total.paid).toEqual({ kind: 'suppressed', reason: 'too_few' });
  });

  it('gives the median time to first answer between offices by month', async () => {
    const head = await as('responsabile.c1');
    const d = (await head.query<Dashboard>('stats.dashboard', period)).data!;
    const first = d.communication.find((c) => c.month === M.slice(0, 7))!;
    expect(first.requests).toEqual({ kind: 'value', value: 11 });
    expect(value(first.medianHours)).toBe(5.5);
    // Another office answered none of them.
    const other = (await (await as('responsabile.c2')).query<Dashboard>('stats.dashboard', period)).data!;
    expect(other.communication.find((c) => c.month === M.slice(0, 7))!.requests).toEqual({ kind: 'value', value: 0 });
  });
});

describe('access', () => {
  it('gives a head of procedure their own office only', async () => {
    const c1 = (await (await as('responsabile.c1')).query<Dashboard>('stats.dashboard', { ...period, service: SERVICE })).data!;
    expect(c1.filter.office).toBe('UFF-C1');
    expect(value(c1.received.grandTotal)).toBe(19);
    const head2 = await as('responsabile.c2');
    const c2 = (await head2.query<Dashboard>('stats.dashboard', { ...period, service: SERVICE })).data!;
    expect(c2.filter.office).toBe('UFF-C2');
    expect(value(c2.received.grandTotal)).toBe(0);
    expect((await head2.query('stats.dashboard', { ...period, office: 'UFF-C1' })).status).toBe(403);
  });

  it('refuses other roles and bad periods', async () => {
    expect((await (await as('istruttore.c1')).query('stats.dashboard', {})).status).toBe(403);
    expect((await new TestClient(server.url, server.origin).query('stats.dashboard', {})).status).toBe(401);
    const analyst = await as('analista.demo');
    expect((await analyst.query('stats.dashboard', { from: '2026-05', to: '2026-01' })).status).toBe(400);
    expect((await analyst.query('stats.dashboard', { from: '2020-01', to: '2026-01' })).status).toBe(400);
    expect((await analyst.query('stats.dashboard', { service: 'NOPE' })).status).toBe(400);
  });
});

describe('a dossier that moves to another office', () => {
  it('takes its figures along', async () => {
    const { repos, db } = server.app;
    const id = insertDossier(300, [['INVIATA', addDays(M, 3)]]);
    const count = (office: string) =>
      db.$client.prepare('select coalesce(sum(n), 0) from stats_open_office where office_id = ?').pluck().get(office) as number;
    const before = [count('UFF-C1'), count('UFF-C4')];
    db.$client.transaction(() => {
      repos.threads.moveDossier(id, 4, 'UFF-C4', new Date().toISOString());
      refreshMovedDossier(repos, id);
    })();
    expect([count('UFF-C1'), count('UFF-C4')]).toEqual([before[0]! - 1, before[1]! + 1]);
    expect(repos.reports.factsOf(id)).toMatchObject({ officeId: 'UFF-C4', circoscrizione: 4 });
  });
});

describe('the statistics kept in step', () => {
  const TABLES = [
    'stats_dossiers',
    'stats_monthly',
    'stats_durations',
    'stats_open',
    'stats_durations_office',
    'stats_durations_service',
    'stats_durations_city',
    'stats_open_office',
  ];
  const dump = () =>
    Object.fromEntries(
      TABLES.map((t) => [
        t,
        server.app.db.$client
          .prepare(
            `select * from ${t} ${t === 'stats_dossiers' ? '' : 'where ' + (t === 'stats_monthly' ? 'received + decided + decided_with_term + decided_in_term + withdrawn + served' : 'n') + ' != 0'}`,
          )
          .all()
          .map((r) => JSON.stringify(r))
          .sort(),
      ]),
    );

  it('equal a recount after real pushes move dossiers through the lifecycle', async () => {
    const front = await as('sportello.c3');
    const head = await as('responsabile.c3');
    const officer = await as('istruttore.c3');
    const random = new Random(11);
    const ids: string[] = [];
    const mutations = [];
    for (let i = 0; i < 4; i++) {
      // A service given in kind: admitted with a plain transition (economic ones go through spending.admit).
      const args = submitArgs(random, syntheticApplicant(9000 + i, 3), {}, findService('PA-POV-04')!);
      ids.push(args.dossierId);
      mutations.push(
        envelope(2 * i + 1, 'dossier.submit@1', args),
        envelope(2 * i + 2, 'dossier.transition@1', { dossierId: args.dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' }),
      );
    }
    const pushed = await front.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations });
    expect(pushed.data!.outcomes.every((o) => o.status === 'applied')).toBe(true);
    const officerId = server.app.repos.users.findByUsername('istruttore.c3')!.id;
    const run = async (client: TestClient, list: [string, unknown][]) => {
      const res = await client.mutation<PushResponse>('sync.push', {
        clientId: uuidv7(),
        mutations: list.map(([n, a], k) => envelope(k + 1, n as 'dossier.transition@1', a)),
      });
      expect(res.data!.outcomes.map((o) => (o.status === 'applied' ? o.status : JSON.stringify(o)))).toEqual(list.map(() => 'applied'));
    };
    await run(
      head,
      ids.filter((_, i) => i !== 2).map((id) => ['dossier.assign@1', { dossierId: id, from: 'PROTOCOLLATA', officerId }]),
    );
    await run(officer, [
      ['dossier.transition@1', { dossierId: ids[0], from: 'ASSEGNATA', to: 'ISTRUTTORIA' }],
      ['dossier.transition@1', { dossierId: ids[0], from: 'ISTRUTTORIA', to: 'VALUTAZIONE' }],
      ['dossier.transition@1', { dossierId: ids[1], from: 'ASSEGNATA', to: 'ISTRUTTORIA' }],
      ['dossier.transition@1', { dossierId: ids[1], from: 'ISTRUTTORIA', to: 'INTEGRAZIONE_RICHIESTA', reason: 'Manca il documento' }],
    ]);
    await run(head, [
      ['dossier.transition@1', { dossierId: ids[0], from: 'VALUTAZIONE', to: 'AMMESSA' }],
      ['dossier.transition@1', { dossierId: ids[2], from: 'PROTOCOLLATA', to: 'IRRICEVIBILE', reason: 'Fuori termine' }],
    ]);
    await run(officer, [['dossier.transition@1', { dossierId: ids[0], from: 'AMMESSA', to: 'IN_EROGAZIONE' }]]);

    const today = todayInPalermo().slice(0, 7);
    const c3 = (await head.query<Dashboard>('stats.dashboard', { from: today, to: today })).data!;
    // Four received today, two decided (one admitted, one inadmissible), two still open.
    expect(c3.received.grandTotal).toEqual({ kind: 'suppressed', label: '<10' });
    const kept = dump();
    expect(kept.stats_dossiers!.length).toBe(DECIDED.length + OPEN + 1 + 1 + 4);
    // Recount from the events alone: clear the tables and backfill.
    server.app.db.$client.exec(TABLES.map((t) => `delete from ${t};`).join(''));
    const counted = server.app.stats.backfill((fn) => server.app.db.$client.transaction(fn)());
    expect(counted).toBe(kept.stats_dossiers!.length);
    expect(dump()).toEqual(kept);
    // Each roll-up holds exactly the fine table's counts, summed (what the migration fills and the keeper keeps).
    const q = (sql: string) =>
      server.app.db.$client
        .prepare(sql)
        .all()
        .map((r) => JSON.stringify(r))
        .sort();
    expect(q('select office_id, measure, month, days, n from stats_durations_office')).toEqual(
      q('select office_id, measure, month, days, sum(n) as n from stats_durations group by 1, 2, 3, 4 having sum(n) != 0'),
    );
    expect(q('select measure, month, service_code, days, n from stats_durations_service')).toEqual(
      q('select measure, month, service_code, days, sum(n) as n from stats_durations group by 1, 2, 3, 4 having sum(n) != 0'),
    );
    expect(q('select measure, month, days, n from stats_durations_city')).toEqual(
      q('select measure, month, days, sum(n) as n from stats_durations group by 1, 2, 3 having sum(n) != 0'),
    );
    expect(q('select office_id, received_on, n from stats_open_office')).toEqual(
      q('select office_id, received_on, sum(n) as n from stats_open group by 1, 2 having sum(n) != 0'),
    );
  });
});
