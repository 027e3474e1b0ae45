/**
 * Issue 4 §6 and §7 against a real SQLite file and real HTTP: admission with a benefit on
 * a budget line (over-commitment refused without an override, audited with one), payments
 * never above what is owed, and case notes / the care plan readable only by the assigned
 * officer and the head of procedure, never by accounts through any procedure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eq, sql } from 'drizzle-orm';
import { CATALOGUE, ECONOMIC_SERVICE_CODES, hasPermission, type Permission, type Role } from '@icaro/domain';
import type { PushResponse } from '@icaro/sync';
import { auditLog, benefits, caseNotes, dossiers } from '../src/db/schema.ts';
import { appRouter } from '../src/trpc/router.ts';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
const userId = (username: string) => server.app.repos.users.findByUsername(username)!.id;
const economic = CATALOGUE.find((s) => s.code === 'PA-POV-01')!;
const inKind = CATALOGUE.find((s) => s.code === 'PA-ANZ-01')!;
const year = new Date().getFullYear();
const thisMonth = `${year}-${String(new Date().getMonth() + 1).padStart(2, '0')}`;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer({ SEED_CITIZENS: '20' });
});
afterAll(() => server.stop());

const clients = new Map<string, TestClient>();
async function as(username: string): Promise<TestClient> {
  const known = clients.get(username);
  if (known) return known;
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username)).status).toBe(200);
  clients.set(username, client);
  return client;
}

async function push(client: TestClient, mutations: ReturnType<typeof envelope>[]) {
  const res = await client.mutation<PushResponse>('sync.push', { clientId: uuidv7(), mutations });
  expect(res.status).toBe(200);
  return res.data!.outcomes;
}

const random = new Random(46);
let applicants = 0;
/** A dossier of office `n` taken to VALUTAZIONE by its assigned officer istruttore.c<n>. */
async function inValutazione(n = 1, service = economic): Promise<string> {
  const args = submitArgs(random, syntheticApplicant(9000 + applicants++, n), {}, service);
  const filed = await push(await as(`sportello.c${n}`), [
    envelope(1, 'dossier.submit@1', args),
    envelope(2, 'dossier.transition@1', { dossierId: args.dossierId, from: 'INVIATA', to: 'PROTOCOLLATA' }),
  ]);
  expect(filed.map((o) => o.status)).toEqual(['applied', 'applied']);
  const assigned = await push(await as(`responsabile.c${n}`), [
    envelope(1, 'dossier.assign@1', { dossierId: args.dossierId, from: 'PROTOCOLLATA', officerId: userId(`istruttore.c${n}`) }),
  ]);
  expect(assigned[0]!.status).toBe('applied');
  const worked = await push(await as(`istruttore.c${n}`), [
    envelope(1, 'dossier.transition@1', { dossierId: args.dossierId, from: 'ASSEGNATA', to: 'ISTRUTTORIA' }),
    envelope(2, 'dossier.transition@1', { dossierId: args.dossierId, from: 'ISTRUTTORIA', to: 'VALUTAZIONE' }),
  ]);
  expect(worked.map((o) => o.status)).toEqual(['applied', 'applied']);
  return args.dossierId;
}

const status = (id: string) => server.app.db.select().from(dossiers).where(eq(dossiers.id, id)).get()!.status;
const auditRows = (id: string) => server.app.db.select().from(auditLog).where(eq(auditLog.dossierId, id)).all();

interface LineFigures {
  id: string;
  code: string;
  allocationCents: number;
  committedCents: number;
  paidCents: number;
  remainingCents: number;
}
async function figures(code: string): Promise<LineFigures> {
  const res = await (await as('ragioneria.demo')).query<{ lines: LineFigures[] }>('spending.overview', { year });
  expect(res.status).toBe(200);
  return res.data!.lines.find((l) => l.code === code)!;
}

let lineId = '';
const LINE = 'TEST.04.0001';

describe('budget lines', () => {
  it('accounts creates a line and sets its yearly allocation; others may not', async () => {
    const accounts = await as('ragioneria.demo');
    const created = await accounts.mutation<{ id: string }>('spending.createLine', { code: LINE, name: 'Capitolo di prova' });
    expect(created.status).toBe(200);
    lineId = created.data!.id;
    expect((await accounts.mutation('spending.setAllocation', { budgetLineId: lineId, year, allocationCents: 100_000 })).status).toBe(200);
    expect((await accounts.mutation('spending.createLine', { code: LINE, name: 'Doppio' })).status).toBe(400);
    // Floats and negatives never reach the service.
    expect((await accounts.mutation('spending.setAllocation', { budgetLineId: lineId, year, allocationCents: 100.5 })).status).toBe(400);
    expect((await accounts.mutation('spending.setAllocation', { budgetLineId: lineId, year, allocationCents: -1 })).status).toBe(400);
    const head = await as('responsabile.c1');
    expect((await head.mutation('spending.setAllocation', { budgetLineId: lineId, year, allocationCents: 1 })).status).toBe(403);
    expect(await figures(LINE)).toMatchObject({ allocationCents: 100_000, committedCents: 0, paidCents: 0, remainingCents: 100_000 });
  });

  it('the demo seed has lines with allocations for this year', async () => {
    const res = await (await as('ragioneria.demo')).query<{ lines: LineFigures[] }>('spending.overview', { year });
    expect(res.data!.lines.filter((l) => l.code !== LINE && l.allocationCents > 0).length).toBeGreaterThanOrEqual(4);
  });
});

const admit = (dossierId: string, monthlyCents: number, months: number, extra: Record<string, unknown> = {}) => ({
  dossierId,
  from: 'VALUTAZIONE',
  benefitId: uuidv7(),
  budgetLineId: lineId,
  monthlyCents,
  months,
  fromMonth: `${year}-01`,
  ...extra,
});

describe('admission with a benefit', () => {

  it('refuses a bare transition to AMMESSA for an economic service, but not for a service in kind', async () => {
    const head = await as('responsabile.c1');
    const id = await inValutazione();
    const [bare] = await push(head, [envelope(1, 'dossier.transition@1', { dossierId: id, from: 'VALUTAZIONE', to: 'AMMESSA' })]);
    expect(bare).toMatchObject({ status: 'refused', code: 'invalid', detail: 'use:spending.admit' });
    const care = await inValutazione(1, inKind);
    const [plain] = await push(head, [envelope(1, 'dossier.transition@1', { dossierId: care, from: 'VALUTAZIONE', to: 'AMMESSA' })]);
    expect(plain!.status).toBe('applied');
    // And a service in kind takes no benefit.
    const res = await head.mutation('spending.admit', admit(await inValutazione(1, inKind), 100, 1));
    expect(res.error?.message).toBe('not_economic');
  });

  it('admits with the benefit in one transaction, idempotently, and the line’s figures follow', async () => {
    const head = await as('responsabile.c1');
    const id = await inValutazione();
    const input = admit(id, 20_000, 3);
    const res = await head.mutation<{ amountCents: number; remainingAfterCents: number; overridden: boolean }>('spending.admit', input);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ amountCents: 60_000, remainingAfterCents: 40_000, overridden: false });
    expect(status(id)).toBe('AMMESSA');
    const benefit = server.app.db.select().from(benefits).where(eq(benefits.dossierId, id)).get()!;
    expect(benefit).toMatchObject({
      amountCents: 60_000,
      monthlyCents: 20_000,
      months: 3,
      toMonth: `${year}-03`,
      siuss: 'A1.04',
      officeId: 'UFF-C1',
    });
    expect(benefit.decidedBy).toBe(userId('responsabile.c1'));
    // A retry with the same benefit id is the same answer, not a second commitment.
    const again = await head.mutation('spending.admit', input);
    expect(again.status).toBe(200);
    expect(
      server.app.db
        .select({ n: sql<number>`count(*)` })
        .from(benefits)
        .where(eq(benefits.dossierId, id))
        .get()!.n,
    ).toBe(1);
    expect(await figures(LINE)).toMatchObject({ committedCents: 60_000, remainingCents: 40_000 });
    expect(auditRows(id).map((r) => [r.section, r.purpose, r.note])).toContainEqual(['benefit', 'benefit', `${LINE}/${year}: 60000`]);
    expect(auditRows(id).map((r) => r.note)).toContain('VALUTAZIONE->AMMESSA');
  });

  it('refuses bad terms, a stale state and a case officer (admission is the head’s)', async () => {
    const head = await as('responsabile.c1');
    const id = await inValutazione();
    expect((await head.mutation('spending.admit', admit(id, 100.5, 1))).status).toBe(400);
    expect((await head.mutation('spending.admit', admit(id, 100, 13))).status).toBe(400);
    expect((await head.mutation('spending.admit', admit(id, 100, 2, { fromMonth: `${year}-12` }))).error?.message).toBe(
      'invalid:{"field":"crosses_year"}',
    );
    expect((await head.mutation('spending.admit', admit(id, 100, 1, { from: 'IN_LISTA_ATTESA' }))).error?.message).toMatch(/^stale_state/);
    expect((await head.mutation('spending.admit', admit(id, 100, 1, { budgetLineId: 'nope' }))).error?.message).toBe(
      'invalid:{"field":"budget_line"}',
    );
    const officer = await as('istruttore.c1');
    expect((await officer.mutation('spending.admit', admit(id, 100, 1))).error?.message).toBe('transition_not_allowed');
    expect((await officer.mutation('spending.admit', admit(id, 100, 1, { override: { reason: 'Urgenza documentata' } }))).status).toBe(403);
    // Another office's head does not see the dossier at all.
    expect((await (await as('responsabile.c2')).mutation('spending.admit', admit(id, 100, 1))).status).toBe(404);
    expect(status(id)).toBe('VALUTAZIONE');
  });

  it('refuses over-commitment without an override and records an audited override with a reason', async () => {
    const head = await as('responsabile.c1');
    const id = await inValutazione();
    const over = await head.mutation('spending.admit', admit(id, 50_000, 1));
    expect(over.status).toBe(422);
    expect(over.error?.message).toBe('over_allocation:{"remainingCents":40000,"shortfallCents":10000}');
    expect(status(id)).toBe('VALUTAZIONE');
    expect(server.app.db.select().from(benefits).where(eq(benefits.dossierId, id)).get()).toBeUndefined();

    const thin = await head.mutation('spending.admit', admit(id, 50_000, 1, { override: { reason: 'ok' } }));
    expect(thin.error?.message).toBe('override_reason_required');
    const reason = 'Sfratto esecutivo fissato: intervento indifferibile';
    const ok = await head.mutation<{ overridden: boolean; remainingAfterCents: number }>(
      'spending.admit',
      admit(id, 50_000, 1, { override: { reason } }),
    );
    expect(ok.status).toBe(200);
    expect(ok.data).toMatchObject({ overridden: true, remainingAfterCents: -10_000 });
    const benefit = server.app.db.select().from(benefits).where(eq(benefits.dossierId, id)).get()!;
    expect(benefit).toMatchObject({ overrideReason: reason, overriddenBy: userId('responsabile.c1') });
    const row = auditRows(id).find((r) => r.section === 'benefit')!;
    expect(row).toMatchObject({ purpose: 'override', actorRole: 'head_of_procedure' });
    expect(row.note).toContain('10000');
    expect(await figures(LINE)).toMatchObject({ committedCents: 110_000, remainingCents: -10_000 });
    // The allocation cannot be cut below what is committed.
    const accounts = await as('ragioneria.demo');
    expect(
      (await accounts.mutation('spending.setAllocation', { budgetLineId: lineId, year, allocationCents: 100_000 })).error?.message,
    ).toBe('invalid:{"field":"below_committed","committedCents":110000}');
  });
});

describe('a case officer’s proposal of the benefit', () => {
  it('the assigned officer proposes (audited, idempotent, nothing committed); the head reads it; the latest one holds', async () => {
    const officer = await as('istruttore.c1');
    const id = await inValutazione();
    const before = await figures(LINE);
    const input = { dossierId: id, proposalId: uuidv7(), budgetLineId: lineId, monthlyCents: 15_000, months: 2, fromMonth: `${year}-01` };
    const res = await officer.mutation<{ totalCents: number; lineCode: string; proposedByName: string }>('spending.propose', input);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ totalCents: 30_000, lineCode: LINE, proposedByName: 'Assistente sociale 1 (demo)' });
    // A retry is the same answer; the same id with other terms is refused.
    expect((await officer.mutation('spending.propose', input)).status).toBe(200);
    expect((await officer.mutation('spending.propose', { ...input, monthlyCents: 1 })).status).toBe(409);
    // Nothing is committed by a proposal, and the dossier stays where it was.
    expect(await figures(LINE)).toMatchObject({ committedCents: before.committedCents });
    expect(status(id)).toBe('VALUTAZIONE');
    expect(auditRows(id).map((r) => [r.section, r.purpose, r.note])).toContainEqual(['benefit', 'proposal', `${LINE}/${year}: 30000`]);

    const head = await as('responsabile.c1');
    const read = await head.query<{ monthlyCents: number; months: number; fromMonth: string; budgetLineId: string }>('spending.proposal', { dossierId: id });
    expect(read.data).toMatchObject({ monthlyCents: 15_000, months: 2, fromMonth: `${year}-01`, budgetLineId: lineId });
    // A second proposal replaces the first for the head.
    expect((await officer.mutation('spending.propose', { ...input, proposalId: uuidv7(), months: 4 })).status).toBe(200);
    expect((await head.query<{ months: number; totalCents: number }>('spending.proposal', { dossierId: id })).data).toMatchObject({
      months: 4,
      totalCents: 60_000,
    });
    // After admission there is nothing left to propose.
    expect((await head.mutation('spending.admit', admit(id, 1_000, 1, { override: { reason: 'Sfratto già fissato' } }))).status).toBe(200);
    expect((await officer.mutation('spending.propose', { ...input, proposalId: uuidv7() })).status).toBe(409);
  });

  it('refuses an unassigned colleague, another office, the front desk, accounts, bad terms and a service in kind', async () => {
    const id = await inValutazione();
    const input = { dossierId: id, proposalId: uuidv7(), budgetLineId: lineId, monthlyCents: 10_000, months: 1, fromMonth: thisMonth };
    expect((await (await as('istruttore2.c1')).mutation('spending.propose', input)).status).toBe(403);
    expect((await (await as('istruttore.c2')).mutation('spending.propose', input)).status).toBe(404);
    expect((await (await as('istruttore.c2')).query('spending.proposal', { dossierId: id })).status).toBe(404);
    expect((await (await as('sportello.c1')).mutation('spending.propose', input)).status).toBe(403);
    expect((await (await as('ragioneria.demo')).mutation('spending.propose', input)).status).toBe(403);
    const officer = await as('istruttore.c1');
    expect((await officer.mutation('spending.propose', { ...input, months: 13 })).status).toBe(400);
    expect((await officer.mutation('spending.propose', { ...input, monthlyCents: 10.5 })).status).toBe(400);
    expect((await officer.mutation('spending.propose', { ...input, budgetLineId: 'no-such-line' })).status).toBe(400);
    const inKindId = await inValutazione(1, inKind);
    expect((await officer.mutation('spending.propose', { ...input, dossierId: inKindId })).status).toBe(400);
    expect((await officer.query('spending.proposal', { dossierId: id })).data).toBeNull();
  });
});

describe('payments', () => {
  let benefitId = '';
  let dossierId = '';
  beforeAll(async () => {
    dossierId = await inValutazione();
    benefitId = uuidv7();
    const res = await (
      await as('responsabile.c1')
    ).mutation('spending.admit', {
      dossierId,
      from: 'VALUTAZIONE',
      benefitId,
      budgetLineId: lineId,
      monthlyCents: 30_000,
      months: 1,
      fromMonth: thisMonth,
      override: { reason: 'Capitolo di prova già esaurito' },
    });
    expect(res.status).toBe(200);
  });
  const pay = (amountCents: number, extra: Record<string, unknown> = {}) => ({
    paymentId: uuidv7(),
    benefitId,
    amountCents,
    paidOn: today,
    reference: 'MP/2026/00042',
    ...extra,
  });

  it('records payments up to the benefit and never beyond, idempotently', async () => {
    const accounts = await as('ragioneria.demo');
    const first = pay(10_000);
    expect((await accounts.mutation('spending.recordPayment', first)).data).toMatchObject({ paidCents: 10_000, remainingCents: 20_000 });
    expect((await accounts.mutation('spending.recordPayment', first)).status).toBe(200);
    expect((await accounts.mutation('spending.recordPayment', { ...first, amountCents: 9_999 })).error?.message).toBe('id_conflict');
    const over = await accounts.mutation('spending.recordPayment', pay(20_001));
    expect(over.status).toBe(422);
    expect(over.error?.message).toBe('over_benefit:{"remainingCents":20000}');
    expect((await accounts.mutation('spending.recordPayment', pay(20_000))).data).toMatchObject({ paidCents: 30_000, remainingCents: 0 });
    expect((await accounts.mutation('spending.recordPayment', pay(1))).error?.message).toBe('over_benefit:{"remainingCents":0}');
    const detail = await accounts.query<{ payments: { amountCents: number }[] }>('spending.benefit', { benefitId });
    expect(detail.data!.payments.map((p) => p.amountCents).sort()).toEqual([10_000, 20_000]);
    expect((await figures(LINE)).paidCents).toBe(30_000);
    expect(auditRows(dossierId).filter((r) => r.purpose === 'payment')).toHaveLength(2);
  });

  it('refuses floats, bad dates and other roles', async () => {
    const accounts = await as('ragioneria.demo');
    expect((await accounts.mutation('spending.recordPayment', pay(10.5))).status).toBe(400);
    expect((await accounts.mutation('spending.recordPayment', pay(100, { paidOn: '2026-02-30' }))).status).toBe(400);
    expect((await accounts.mutation('spending.recordPayment', pay(100, { paidOn: `${year + 1}-01-01` }))).error?.message).toMatch(
      /paid_on_future|over_benefit/,
    );
    expect((await accounts.mutation('spending.recordPayment', pay(100, { reference: '   ' }))).status).toBe(400);
    expect((await (await as('responsabile.c1')).mutation('spending.recordPayment', pay(100))).status).toBe(403);
    expect((await (await as('istruttore.c1')).query('spending.overview', { year })).status).toBe(403);
  });

  it('a revocation gives the unpaid part back to the line and stops payments', async () => {
    const head = await as('responsabile.c1');
    const id = await inValutazione();
    const revokedBenefit = uuidv7();
    const admitted = await head.mutation('spending.admit', {
      dossierId: id,
      from: 'VALUTAZIONE',
      benefitId: revokedBenefit,
      budgetLineId: lineId,
      monthlyCents: 5_000,
      months: 1,
      fromMonth: thisMonth,
      override: { reason: 'Capitolo di prova già esaurito' },
    });
    expect(admitted.status).toBe(200);
    const accounts = await as('ragioneria.demo');
    expect((await accounts.mutation('spending.recordPayment', pay(2_000, { benefitId: revokedBenefit }))).status).toBe(200);
    const before = await figures(LINE);
    const [revoked] = await push(head, [
      envelope(1, 'dossier.transition@1', { dossierId: id, from: 'AMMESSA', to: 'REVOCATA', reason: 'Requisiti venuti meno' }),
    ]);
    expect(revoked!.status).toBe('applied');
    const after = await figures(LINE);
    expect(after.committedCents).toBe(before.committedCents - 3_000);
    expect(after.paidCents).toBe(before.paidCents);
    expect(server.app.db.select().from(benefits).where(eq(benefits.id, revokedBenefit)).get()).toMatchObject({
      releasedCents: 3_000,
      paidCents: 2_000,
    });
    expect(auditRows(id).map((r) => [r.section, r.note])).toContainEqual(['benefit', '-3000']);
    expect((await accounts.mutation('spending.recordPayment', pay(1_000, { benefitId: revokedBenefit }))).error?.message).toBe(
      'not_payable:{"status":"REVOCATA"}',
    );
  });

  it('a head of procedure sees the figures and only their own office’s benefits to pay', async () => {
    type Overview = { lines: LineFigures[]; toPay: { dossierId: string }[] };
    const dossierId = await inValutazione();
    const admitted = await (await as('responsabile.c1')).mutation('spending.admit', {
      dossierId,
      from: 'VALUTAZIONE',
      benefitId: uuidv7(),
      budgetLineId: lineId,
      monthlyCents: 100,
      months: 1,
      fromMonth: thisMonth,
      override: { reason: 'Capitolo di prova già esaurito' },
    });
    expect(admitted.status).toBe(200);
    const own = await (await as('responsabile.c1')).query<Overview>('spending.overview', { year });
    const other = await (await as('responsabile.c2')).query<Overview>('spending.overview', { year });
    const all = await (await as('ragioneria.demo')).query<Overview>('spending.overview', { year });
    expect(own.data!.toPay.some((b) => b.dossierId === dossierId)).toBe(true);
    expect(all.data!.toPay.some((b) => b.dossierId === dossierId)).toBe(true);
    expect(other.data!.toPay.some((b) => b.dossierId === dossierId)).toBe(false);
    expect(other.data!.lines.find((l) => l.code === LINE)).toEqual(all.data!.lines.find((l) => l.code === LINE));
  });

  it('the database refuses a paid total above the amount even without the service', () => {
    expect(() => server.app.db.$client.prepare('update benefits set paid_cents = amount_cents + 1 where id = ?').run(benefitId)).toThrow(
      /CHECK/,
    );
  });
});

describe('case notes and the care plan', () => {
  const MARKER = 'Nota riservata 7f3a: situazione familiare delicata';
  let dossierId = '';
  beforeAll(async () => {
    dossierId = await inValutazione();
  });

  it('the assigned officer writes and reads, each audited; the head too', async () => {
    const officer = await as('istruttore.c1');
    const noteId = uuidv7();
    expect((await officer.mutation('caseWork.addNote', { dossierId, noteId, body: MARKER })).status).toBe(200);
    expect((await officer.mutation('caseWork.addNote', { dossierId, noteId, body: MARKER })).status).toBe(200);
    const plan = {
      dossierId,
      versionId: uuidv7(),
      baseVersion: 0,
      objectives: 'Autonomia abitativa',
      interventions: 'Colloqui mensili',
      reviewOn: `${year + 1}-01-15`,
    };
    expect((await officer.mutation('caseWork.saveCarePlan', plan)).data).toEqual({ version: 1 });
    // Someone saved in between: refused, not overwritten.
    expect((await officer.mutation('caseWork.saveCarePlan', { ...plan, versionId: uuidv7() })).status).toBe(409);
    const head = await as('responsabile.c1');
    expect(
      (await head.mutation('caseWork.saveCarePlan', { ...plan, versionId: uuidv7(), baseVersion: 1, objectives: 'Autonomia e lavoro' }))
        .data,
    ).toEqual({ version: 2 });

    const read = await officer.mutation<{ notes: { body: string }[]; carePlan: { version: number; objectives: string } }>('caseWork.read', {
      dossierId,
      purpose: 'istruttoria',
    });
    expect(read.data!.notes.map((n) => n.body)).toEqual([MARKER]);
    expect(read.data!.carePlan).toMatchObject({ version: 2, objectives: 'Autonomia e lavoro' });
    const rows = auditRows(dossierId).map((r) => `${r.section}:${r.action}:${r.purpose}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        'case_notes:change:case_note',
        'care_plan:change:care_plan',
        'case_notes:read:istruttoria',
        'care_plan:read:istruttoria',
      ]),
    );
    expect(rows.filter((r) => r === 'case_notes:change:case_note')).toHaveLength(1);
    // No audit row carries the note's text.
    expect(auditRows(dossierId).some((r) => (r.note ?? '').includes('7f3a'))).toBe(false);
  });

  it('another office’s officer gets not_found, an unassigned colleague forbidden, a front desk forbidden', async () => {
    const input = { dossierId, purpose: 'verifica' };
    expect((await (await as('istruttore.c2')).mutation('caseWork.read', input)).status).toBe(404);
    expect((await (await as('responsabile.c2')).mutation('caseWork.read', input)).status).toBe(404);
    expect((await (await as('istruttore2.c1')).mutation('caseWork.read', input)).status).toBe(403);
    expect((await (await as('istruttore2.c1')).mutation('caseWork.addNote', { dossierId, noteId: uuidv7(), body: 'x' })).status).toBe(403);
    expect((await (await as('sportello.c1')).mutation('caseWork.read', input)).status).toBe(403);
  });

  it('accounts cannot read case notes through any procedure of the router', async () => {
    const accounts = await as('ragioneria.demo');
    // Give the dossier a benefit so accounts has every reason to look at it.
    const benefitId = uuidv7();
    // (it is in VALUTAZIONE: admit it on the test line with an override)
    expect(
      (
        await (
          await as('responsabile.c1')
        ).mutation('spending.admit', {
          dossierId,
          from: 'VALUTAZIONE',
          benefitId,
          budgetLineId: lineId,
          monthlyCents: 100,
          months: 1,
          fromMonth: thisMonth,
          override: { reason: 'Capitolo di prova già esaurito' },
        })
      ).status,
    ).toBe(200);
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: string }; type: string } }>,
    );
    const inputs = [
      undefined,
      { dossierId },
      { dossierId, purpose: 'verifica' },
      { benefitId },
      { year },
      { id: dossierId },
      { cursor: null },
      { dossierId, after: null },
    ];
    let allowed = 0;
    for (const [path, p] of procedures) {
      // Logging out would only end the walk early.
      if (path === 'auth.logout') continue;
      const permission = p._def.meta?.permission;
      const callable = permission === 'public' || hasPermission('accounts' as Role, permission as Permission);
      for (const input of inputs) {
        const res = p._def.type === 'query' ? await accounts.query(path, input) : await accounts.mutation(path, input);
        if (!callable) expect([401, 403, 404], `${path} must be closed to accounts`).toContain(res.status);
        if (res.status === 200) allowed++;
        expect(JSON.stringify(res.data ?? res.error ?? null), `${path} ${JSON.stringify(input)}`).not.toContain('7f3a');
        expect(JSON.stringify(res.data ?? null)).not.toContain('Autonomia');
      }
    }
    // Accounts did get real answers (the spending screens), just never the notes.
    expect(allowed).toBeGreaterThan(2);
    const overview = await accounts.query<{ toPay: { dossierId: string; reference: string }[] }>('spending.overview', { year });
    expect(overview.data!.toPay.some((b) => b.dossierId === dossierId)).toBe(true);
    expect((await accounts.mutation('caseWork.read', { dossierId, purpose: 'verifica' })).status).toBe(403);
  });

  it('notes are append-only in the database', () => {
    expect(() => server.app.db.$client.prepare("update case_notes set body = 'x'").run()).toThrow(/append-only/);
    expect(() => server.app.db.$client.prepare('delete from case_notes').run()).toThrow(/append-only/);
    expect(server.app.db.select().from(caseNotes).all().length).toBeGreaterThan(0);
  });
});

describe('the demo seed', () => {
  let demo: TestServer;
  beforeAll(async () => {
    demo = await startTestServer({ SEED_CITIZENS: '60', SEED_DOSSIERS: '400' });
  });
  afterAll(() => demo.stop());

  it('gives every admitted economic dossier a benefit, with payments that add up and allocations that cover them', () => {
    const db = demo.app.db.$client;
    const missing = db
      .prepare(
        `select count(*) n from dossiers d where d.status in ('AMMESSA','IN_EROGAZIONE','CHIUSA','REVOCATA')
           and d.service_code in (${ECONOMIC_SERVICE_CODES.map((c) => `'${c}'`).join(',')})
           and not exists (select 1 from benefits b where b.dossier_id = d.id)`,
      )
      .get() as { n: number };
    expect(missing.n).toBe(0);
    const counts = db.prepare('select count(*) n, sum(paid_cents) paid from benefits').get() as { n: number; paid: number };
    expect(counts.n).toBeGreaterThan(10);
    const paid = db.prepare('select coalesce(sum(amount_cents), 0) s from payments').get() as { s: number };
    expect(paid.s).toBe(counts.paid);
    // Closed dossiers were paid in full; admitted ones not yet.
    expect(
      db
        .prepare(
          `select count(*) n from benefits b join dossiers d on d.id = b.dossier_id where d.status = 'CHIUSA' and b.paid_cents <> b.amount_cents`,
        )
        .get(),
    ).toEqual({ n: 0 });
    expect(
      db
        .prepare(`select count(*) n from benefits b join dossiers d on d.id = b.dossier_id where d.status = 'AMMESSA' and b.paid_cents > 0`)
        .get(),
    ).toEqual({ n: 0 });
    // Revoked ones gave the unpaid part back; nobody else did.
    expect(
      db
        .prepare(
          `select count(*) n from benefits b join dossiers d on d.id = b.dossier_id where (d.status = 'REVOCATA') <> (b.released_at is not null)`,
        )
        .get(),
    ).toEqual({ n: 0 });
    expect(
      db.prepare(`select count(*) n from benefits where released_at is not null and released_cents <> amount_cents - paid_cents`).get(),
    ).toEqual({ n: 0 });
    const over = db
      .prepare(
        `select count(*) n from (select b.budget_line_id, b.year, sum(b.amount_cents) c from benefits b group by 1, 2) x
           left join budget_allocations a on a.budget_line_id = x.budget_line_id and a.year = x.year
          where a.allocation_cents is null or a.allocation_cents < x.c`,
      )
      .get();
    expect(over).toEqual({ n: 0 });
  });
});
