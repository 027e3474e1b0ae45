/**
 * Issue 5 §3: the analyst role reaches only aggregate procedures. The test walks the
 * router, calls every query an analyst may call (public ones included) as the analyst on
 * a seeded city, and scans every answer for anything about a single person: the seed's
 * dossier ids, references and protocol numbers, person ids, codici fiscali, full names,
 * staff and citizen user ids and usernames, and free text (reasons, answers, needs
 * descriptions). A type-level check adds that the statistics' outputs have no key that
 * could carry such a field.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { hasPermission, type Permission } from '@icaro/domain';
import type { inferRouterOutputs } from '@trpc/server';
import { appRouter, type AppRouter } from '../src/trpc/router.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

interface ProcedureDef {
  _def: { meta?: { permission?: Permission | 'public' }; type: 'query' | 'mutation' | 'subscription' };
}

/** Inputs for analyst-reachable queries that need one; every other query is called with none. */
const INPUTS: Record<string, unknown[]> = {
  'stats.dashboard': [
    {},
    { from: '2025-01', to: '2026-12' },
    { service: 'PA-ANZ-01' },
    { office: 'UFF-C3', circoscrizione: 3 },
    { service: 'PA-MIN-01', circoscrizione: 5, from: '2026-01', to: '2026-12' },
  ],
};

let server: TestServer;
let analyst: TestClient;
const secrets = new Map<string, string>();
/**
 * The one public register of persons: the albo lists professionals by name, with their
 * consent, for everyone (albo.directory). Those names are allowed there and nowhere else.
 */
const PUBLIC_REGISTERS: Record<string, Set<string>> = { 'albo.directory': new Set() };

beforeAll(async () => {
  server = await startTestServer({ SEED_DOSSIERS: '400', SEED_CITIZENS: '120', DEMO_INBOX: 'false' });
  analyst = new TestClient(server.url, server.origin);
  expect((await analyst.login('analista.demo')).status).toBe(200);
  const sqlite = server.app.db.$client;
  const add = (kind: string, values: unknown[]) => {
    for (const v of values) if (typeof v === 'string' && v.length >= 6) secrets.set(v, kind);
  };
  const col = (sql: string) => sqlite.prepare(sql).pluck().all();
  add('dossier id', col('select id from dossiers'));
  add('reference', col('select reference from dossiers'));
  add('protocol number', col('select protocol_number from dossiers where protocol_number is not null'));
  add('person id', col('select id from persons'));
  add('codice fiscale', col('select codice_fiscale from persons'));
  add('full name', col("select given_name || ' ' || family_name from persons"));
  add('user id', col("select id from users where username != 'analista.demo'"));
  add('username', col("select username from users where username != 'analista.demo' and role not in ('analyst')"));
  add('reason', col('select reason from status_events where reason is not null'));
  add('needs description', col('select description from needs_reports'));
  // Free-text answers: every string value of length 6 or more in the stored answers.
  for (const json of col('select answers from dossiers') as string[]) {
    add(
      'answer',
      Object.values(JSON.parse(json) as Record<string, unknown>).filter((v) => typeof v === 'string' && /\s/.test(v)),
    );
  }
  for (const name of col("select p.given_name || ' ' || p.family_name from professionals pr join persons p on p.id = pr.person_id")) {
    PUBLIC_REGISTERS['albo.directory']!.add(name as string);
  }
  expect(secrets.size).toBeGreaterThan(1000);
});
afterAll(() => server.stop());

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);
const reachable = procedures.filter(([, p]) => {
  const permission = p._def.meta?.permission;
  return permission === 'public' || (permission !== undefined && hasPermission('analyst', permission));
});

function leaks(value: unknown, path = ''): string[] {
  const text = JSON.stringify(value) ?? '';
  const allowed = PUBLIC_REGISTERS[path];
  const found: string[] = [];
  for (const [secret, kind] of secrets) if (text.includes(secret) && !allowed?.has(secret)) found.push(`${kind}: ${secret}`);
  return found;
}

describe('the analyst role', () => {
  it('reaches, among procedures needing a permission, only the statistics', () => {
    const withPermission = reachable.filter(([, p]) => p._def.meta?.permission !== 'public').map(([path]) => path);
    expect(withPermission.filter((p) => !p.startsWith('stats.') && p !== 'catalogue.list' && !p.startsWith('auth.')).sort()).toEqual([]);
    expect(withPermission).toContain('stats.dashboard');
  });

  it('gets nothing about a single person from any query it may call', async () => {
    const queries = reachable.filter(([, p]) => p._def.type === 'query');
    const called: string[] = [];
    for (const [path] of queries) {
      for (const input of INPUTS[path] ?? [undefined]) {
        const res = await analyst.query(path, input);
        // A query that refuses (bad input, not found) returns no data at all: nothing to leak.
        if (res.status === 200) called.push(path);
        expect(leaks(res.data, path), `${path} ${JSON.stringify(input)}`).toEqual([]);
        expect(leaks(res.error), `${path} error`).toEqual([]);
      }
    }
    // Every statistics query answered, so the scan above covered real figures.
    expect(called).toEqual(expect.arrayContaining(['stats.dashboard', 'stats.transparency']));
  });

  it("finds the seed's personal data where it belongs (the scan can fail)", async () => {
    const head = new TestClient(server.url, server.origin);
    expect((await head.login('responsabile.c1')).status).toBe(200);
    const queue = await head.query('queue.list', {});
    expect(queue.status).toBe(200);
    expect(leaks(queue.data).length).toBeGreaterThan(0);
  });

  it('has statistics whose types carry no field about a person', () => {
    type Out = inferRouterOutputs<AppRouter>;
    type Keys<T> = T extends readonly (infer U)[] ? Keys<U> : T extends object ? { [K in keyof T]-?: K | Keys<T[K]> }[keyof T] : never;
    /** Keys whose value is free text (a wide string, not a union of literal codes). */
    type TextKeys<T> = T extends readonly (infer U)[]
      ? TextKeys<U>
      : T extends object
        ? { [K in keyof T]-?: (string extends T[K] ? K : never) | TextKeys<T[K]> }[keyof T]
        : never;
    type Personal =
      | 'id'
      | 'dossierId'
      | 'personId'
      | 'reference'
      | 'protocolNumber'
      | 'codiceFiscale'
      | 'givenName'
      | 'familyName'
      | 'name'
      | 'applicantName'
      | 'description'
      | 'answers'
      | 'text'
      | 'userId';
    expectTypeOf<Extract<Keys<Out['stats']['dashboard']>, Personal>>().toEqualTypeOf<never>();
    expectTypeOf<Extract<Keys<Out['stats']['transparency']>, Personal>>().toEqualTypeOf<never>();
    // No statistic carries the n it was computed over: beside the protected counts it could give one away.
    expectTypeOf<Extract<Keys<Out['stats']['dashboard']> | Keys<Out['stats']['transparency']>, 'n'>>().toEqualTypeOf<never>();
    // The only text is filters, months, codes and labels of services, lines and offices.
    expectTypeOf<
      Exclude<TextKeys<Out['stats']['dashboard']>, 'from' | 'to' | 'service' | 'office' | 'today' | 'month' | 'key' | 'label'>
    >().toEqualTypeOf<never>();
    expectTypeOf<
      Exclude<TextKeys<Out['stats']['transparency']>, 'from' | 'to' | 'computedAt' | 'serviceCode' | 'title'>
    >().toEqualTypeOf<never>();
  });
});
