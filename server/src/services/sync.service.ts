import crypto from 'node:crypto';
import {
  MUTATION_SCHEMAS,
  type Change,
  type DossierView,
  type MutationEnvelope,
  type MutationName,
  type MutationOutcome,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '@icaro/sync';
import { DEFAULT_PULL_LIMIT } from '@icaro/sync';
import { createChangeCounter, createSavepointRunner, type Db } from '../db/client.ts';
import type { Repositories } from '../repositories/index.ts';
import type { SessionUser } from './auth.service.ts';
import { ChangeRecorder } from './changes.ts';
import type { DossierService, MutationContext } from './dossier.service.ts';
import { MutationRefused } from './errors.ts';
import type { PokeHub } from './pokes.ts';
import type { NeedsService } from './needs.service.ts';
import { canSeeNeedsReport } from './scope.ts';
import { canSeeDossier, scopeOf } from './scope.ts';
import { receivesSensitiveInPull, withoutSensitive } from './sensitive.ts';
import type { Logger } from '../logger.ts';
import { addApplicantFacts, createConflictsService, type ConflictsService } from './conflicts.service.ts';

export class ClientOwnershipError extends Error {}

/** A mutation failed after writing: redo the push with it inside a savepoint. */
class RetryInSavepoint extends Error {
  constructor(readonly mutationId: string) {
    super('retry in savepoint');
  }
}

type ApplyResult = { status: 'applied'; result: unknown } | { status: 'refused'; code: MutationRefused['code']; detail?: string };

/** SQLite errors that mean "try the whole push again later", not "this mutation is bad". */
const TRANSIENT = new Set(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_LOCKED']);

export function createSyncService(deps: {
  db: Db;
  repos: Repositories;
  dossiers: DossierService;
  needs: NeedsService;
  pokes: PokeHub;
  log: Logger;
  conflicts?: ConflictsService;
  now?: () => Date;
}) {
  const { db, repos, dossiers, needs, pokes, log } = deps;
  const now = deps.now ?? (() => new Date());
  const inSavepoint = createSavepointRunner(db);
  const changeCount = createChangeCounter(db);
  const conflicts = deps.conflicts ?? createConflictsService(db, repos, (changes) => pokes.notify(changes.touched));

  const handlers: {
    [N in MutationName]: (ctx: MutationContext, args: unknown, m: MutationEnvelope) => unknown;
  } = {
    'dossier.submit@1': (ctx, args) => dossiers.submit(ctx, args as never),
    'dossier.transition@1': (ctx, args) => dossiers.transition(ctx, args as never),
    'dossier.assign@1': (ctx, args) => dossiers.assign(ctx, args as never),
    'needs.report@1': (ctx, args) => needs.report(ctx, args as never),
    'person.updateContact@1': (ctx, args, m) => conflicts.updateContact(ctx, args as never, m.id, m.at),
    'dossier.respond@1': (ctx, args, m) => dossiers.respond(ctx, args as never, m.at),
  };

  /**
   * Applies one mutation. The common case runs without a savepoint (one costs about as
   * much as the mutation's inserts): handlers refuse before they write. If a mutation
   * fails after writing anything, the whole push is rolled back and run again with
   * that mutation inside a savepoint, so a refusal never leaves a partial effect.
   */
  function applyOne(ctx: MutationContext, m: MutationEnvelope, guarded: ReadonlySet<string>): ApplyResult {
    const parsed = MUTATION_SCHEMAS[m.name].safeParse(m.args);
    if (!parsed.success) return { status: 'refused', code: 'invalid', detail: 'args' };
    const run = () => handlers[m.name](ctx, parsed.data, m);
    const before = guarded.has(m.id) ? -1 : changeCount();
    try {
      return { status: 'applied', result: before < 0 ? inSavepoint(run) : run() };
    } catch (error) {
      if (before >= 0 && changeCount() !== before) throw new RetryInSavepoint(m.id);
      if (error instanceof MutationRefused) {
        return { status: 'refused', code: error.code, ...(error.detail ? { detail: error.detail } : {}) };
      }
      const code = (error as { code?: string }).code;
      if (code && TRANSIENT.has(code)) throw error;
      log.error('mutation failed', { mutation: m.name, id: m.id, error: String(error) });
      return { status: 'refused', code: 'internal' };
    }
  }

  function pushOnce(user: SessionUser, request: PushRequest, guarded: ReadonlySet<string>): PushResponse {
    const at = now().toISOString();
    const recorder = new ChangeRecorder(repos.sync);
    const ctx: MutationContext = { user, now: at, changes: recorder };
    const mutations = [...request.mutations].sort((a, b) => a.seq - b.seq);
    const response = db.transaction(() => {
      const client = repos.sync.findClient(request.clientId) ?? { clientId: request.clientId, userId: user.id, lastSeq: 0, lastSeenAt: at };
      if (client.userId !== user.id) throw new ClientOwnershipError();
      const outcomes: MutationOutcome[] = [];
      for (const m of mutations) {
        const payloadHash = hashPayload(m.name, m.args);
        const previous = repos.sync.findMutation(m.id);
        if (previous) {
          outcomes.push(
            previous.payloadHash === payloadHash && previous.clientId === request.clientId
              ? storedOutcome(previous.id, previous.seq, previous.status, previous.outcome)
              : { id: m.id, seq: m.seq, status: 'refused', code: 'id_conflict' },
          );
          continue;
        }
        const result: ApplyResult = m.seq <= client.lastSeq ? { status: 'refused', code: 'out_of_order' } : applyOne(ctx, m, guarded);
        const outcome = result.status === 'applied' ? result.result : { code: result.code, detail: result.detail };
        repos.sync.recordMutation({
          id: m.id,
          clientId: request.clientId,
          seq: m.seq,
          name: m.name,
          payloadHash,
          status: result.status,
          outcome: JSON.stringify(outcome ?? null),
          processedAt: at,
        });
        outcomes.push({ id: m.id, seq: m.seq, ...result } as MutationOutcome);
        client.lastSeq = Math.max(client.lastSeq, m.seq);
      }
      repos.sync.saveClient({ ...client, lastSeenAt: at });
      return { lastSeq: client.lastSeq, outcomes };
    });
    // Only after the commit: a poke must never announce something a pull cannot see.
    if (recorder.touched.length > 0) pokes.notify(recorder.touched);
    return response;
  }

  return {
    push(user: SessionUser, request: PushRequest): PushResponse {
      const guarded = new Set<string>();
      for (;;) {
        try {
          return pushOnce(user, request, guarded);
        } catch (error) {
          if (!(error instanceof RetryInSavepoint) || guarded.has(error.mutationId)) throw error;
          guarded.add(error.mutationId);
        }
      }
    },

    pull(user: SessionUser, request: PullRequest): PullResponse {
      const limit = request.limit ?? DEFAULT_PULL_LIMIT;
      const scope = scopeOf(user);
      // One read transaction: the page and the max version come from the same snapshot.
      return db.transaction(
        () => {
          const maxVersion = repos.sync.maxVersion();
          const reset = request.cursor !== null && request.cursor > maxVersion;
          const from = reset || request.cursor === null ? 0 : request.cursor;
          const refs = repos.sync.changesAfter(scope, from, limit + 1);
          const more = refs.length > limit;
          const page = more ? refs.slice(0, limit) : refs;
          const cursor = more ? page[page.length - 1]!.version : maxVersion;
          // The latest state of each entity, once, in the order of its last change.
          const last = new Map<string, (typeof page)[number]>();
          for (const ref of page) {
            last.delete(ref.entityId);
            last.set(ref.entityId, ref);
          }
          const views =
            scope.kind === 'none' || page.length === 0
              ? new Map<string, DossierView>()
              : repos.dossiers.viewsInChangeRange(scope, from, page[page.length - 1]!.version);
          if (scope.kind !== 'none' && page.length > 0)
            addApplicantFacts(repos, views, { scope, from, to: page[page.length - 1]!.version });
          const reportIds = [...last.values()].filter((r) => r.entity === 'needs_report').map((r) => r.entityId);
          const reports = repos.needs.viewsByIds(reportIds);
          const changes: Change[] = [];
          for (const ref of last.values()) {
            if (ref.entity === 'needs_report') {
              const report = reports.get(ref.entityId);
              changes.push(
                ref.op === 'put' && report && canSeeNeedsReport(user, report)
                  ? { entity: 'needs_report', op: 'put', id: ref.entityId, data: report }
                  : { entity: 'needs_report', op: 'del', id: ref.entityId },
              );
              continue;
            }
            const view = views.get(ref.entityId);
            const visible =
              view &&
              canSeeDossier(user, {
                officeId: view.officeId,
                associationId: view.associationId,
                personId: view.applicant.personId,
                filedBy: view.filedBy.userId,
                id: view.id,
              });
            changes.push(
              ref.op === 'put' && visible
                ? {
                    entity: 'dossier',
                    op: 'put',
                    id: ref.entityId,
                    data: receivesSensitiveInPull(user, view) ? view : withoutSensitive(repos.catalogue, view),
                  }
                : { entity: 'dossier', op: 'del', id: ref.entityId },
            );
          }
          return { cursor, more, reset, changes };
        },
        { behavior: 'deferred' },
      );
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;

function storedOutcome(id: string, seq: number, status: 'applied' | 'refused', outcome: string): MutationOutcome {
  const value = JSON.parse(outcome) as unknown;
  if (status === 'applied') return { id, seq, status, result: value };
  const { code, detail } = value as {
    code: MutationRefused['code'];
    detail?: string;
  };
  return { id, seq, status, code, ...(detail ? { detail } : {}) };
}

/** A stable hash of what the mutation asks for, independent of key order. */
export function hashPayload(name: string, args: unknown): string {
  // One-shot hash: no Hash object per mutation.
  return crypto.hash('sha256', canonicalJson({ name, args }), 'base64url');
}

/**
 * JSON with object keys in code-unit order and undefined members left out, so the same
 * payload always hashes the same. Stored hashes depend on this exact text: any change
 * here must give byte-identical output (sync.test.ts pins it).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}
