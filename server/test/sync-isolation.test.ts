import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { count } from 'drizzle-orm';
import { changes } from '../src/db/schema.ts';
import { createSyncService } from '../src/services/sync.service.ts';
import { MutationRefused } from '../src/services/errors.ts';
import { toSessionUser } from '../src/services/auth.service.ts';
import type { DossierService, MutationContext } from '../src/services/dossier.service.ts';
import { createLogger } from '../src/logger.ts';
import { envelope, Random, submitArgs, syntheticApplicant } from './fixtures.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/**
 * A handler that writes a change row and then fails, as a buggy or unlucky handler
 * might: the push must leave no trace of it, and still apply the others.
 */
function serviceFailingAfterWrite(failure: () => Error) {
  const { repos, db } = server.app;
  const failing = new Set<string>();
  const dossiers = {
    submit(ctx: MutationContext, args: { dossierId: string }) {
      ctx.changes.put('dossier', args.dossierId, { officeId: 'UFF-C9', associationId: null, personId: null }, ctx.now);
      if (failing.has(args.dossierId)) throw failure();
      return { dossierId: args.dossierId };
    },
    transition() {
      throw new Error('not used');
    },
  } as unknown as DossierService;
  const sync = createSyncService({ db, repos, dossiers, needs: server.app.needs, pokes: server.app.pokes, log: createLogger('silent') });
  return { sync, failing };
}

const changeRows = () => server.app.db.select({ n: count() }).from(changes).get()!.n;

describe('a mutation that fails after writing', () => {
  for (const [label, failure, code] of [
    ['refused by a rule', () => new MutationRefused('invalid', 'late'), 'invalid'],
    ['crashing', () => new Error('boom'), 'internal'],
  ] as const) {
    it(`leaves no partial effect and does not block the rest (${label})`, () => {
      const { sync, failing } = serviceFailingAfterWrite(failure);
      const user = toSessionUser(server.app.repos.users.findByUsername('operatore.demo')!);
      const random = new Random(11);
      const [a, b, c] = [0, 1, 2].map((i) => envelope(i + 1, 'dossier.submit@1', submitArgs(random, syntheticApplicant(900 + i))));
      failing.add((b!.args as { dossierId: string }).dossierId);
      const before = changeRows();
      const clientId = uuidv7();
      const res = sync.push(user, { clientId, mutations: [a!, b!, c!] });
      expect(res.outcomes.map((o) => (o.status === 'refused' ? o.code : o.status))).toEqual(['applied', code, 'applied']);
      expect(changeRows() - before).toBe(2);
      // The refusal is stored like any other: a replay answers the same.
      expect(sync.push(user, { clientId, mutations: [b!] }).outcomes[0]).toMatchObject({ status: 'refused', code });
    });
  }
});
