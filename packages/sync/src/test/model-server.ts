/**
 * An in-memory reference server: the protocol's server semantics as ARCHITECTURE.md
 * states them, small enough to be obviously right, for the engine's tests.
 *
 * - push: mutations applied in seq order; each mutation's effect and its id are
 *   recorded together (one "transaction"); a known id returns the stored outcome, the
 *   same id with a different payload is refused as id_conflict; a seq at or below the
 *   client's last processed seq with an unknown id is refused as out_of_order.
 * - pull: a change log where each dossier row carries the version of its last write;
 *   deletions are tombstones; pages in version order; a cursor older than the
 *   tombstone horizon is told to reset.
 */
import { checkTransition, hasPermission, isOfficeRole, type DossierState, type Role } from '@icaro/domain';
import { MUTATION_SCHEMAS, type MutationName, type SubmitArgs, type TransitionArgs } from '../mutations.ts';
import {
  pushRequestSchema,
  pullRequestSchema,
  DEFAULT_PULL_LIMIT,
  type Change,
  type DossierView,
  type MutationOutcome,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type RefusalCode,
} from '../protocol.ts';
import { TransportError } from '../types.ts';
import { provisionalOfficeId } from '../view.ts';

export interface ModelUser {
  id: string;
  name: string;
  role: Role;
  associationId?: string | null;
}

interface Row {
  version: number;
  data: DossierView | null; // null: tombstone
}

interface Processed {
  name: MutationName;
  args: string; // canonical JSON, to tell a replay from a different payload
  outcome: MutationOutcome;
}

type Refusal = { code: RefusalCode; detail?: string };
type Applied = { result: unknown };

/** A JSON string with sorted keys: two equal payloads give the same string. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

export class ModelServer {
  #version = 0;
  /** Tombstones at or below this version have been dropped. */
  #horizon = 0;
  #clock = Date.parse('2026-01-01T00:00:00.000Z');
  #protocol = 0;
  readonly #rows = new Map<string, Row>();
  readonly #processed = new Map<string, Processed>();
  readonly #lastSeq = new Map<string, number>();
  /** How many times each mutation id had an effect: I2 says at most once. */
  readonly effects = new Map<string, number>();
  /** Every processed (not replayed) mutation, in processing order. */
  readonly log: { clientId: string; seq: number; id: string; dossierId: string | null; status: 'applied' | 'refused'; code?: RefusalCode }[] = [];
  /** Requests received, for assertions on what the device sent. */
  readonly received: { kind: 'push' | 'pull'; userId: string; request: unknown }[] = [];

  get version(): number {
    return this.#version;
  }

  push(user: ModelUser, request: PushRequest, options: { crashAfter?: number } = {}): PushResponse {
    this.received.push({ kind: 'push', userId: user.id, request: structuredClone(request) });
    if (!pushRequestSchema.safeParse(request).success) throw new TransportError('bad_request', 'Malformed push');
    const outcomes: MutationOutcome[] = [];
    const sorted = [...request.mutations].sort((a, b) => a.seq - b.seq);
    for (const [i, m] of sorted.entries()) {
      if (options.crashAfter !== undefined && i >= options.crashAfter) throw new TransportError('server', 'Crashed mid-batch');
      const known = this.#processed.get(m.id);
      if (known) {
        const same = known.name === m.name && known.args === canonical(m.args);
        outcomes.push(same ? known.outcome : { id: m.id, seq: m.seq, status: 'refused', code: 'id_conflict' });
        continue;
      }
      const last = this.#lastSeq.get(request.clientId) ?? 0;
      if (m.seq <= last) {
        outcomes.push({ id: m.id, seq: m.seq, status: 'refused', code: 'out_of_order' });
        continue;
      }
      // One transaction: the effect, the stored outcome and the client's last seq.
      const r = this.#apply(user, m.id, m.name, m.args, m.at);
      const outcome: MutationOutcome = 'result' in r ? { id: m.id, seq: m.seq, status: 'applied', result: r.result } : { id: m.id, seq: m.seq, status: 'refused', ...r };
      this.#processed.set(m.id, { name: m.name, args: canonical(m.args), outcome });
      this.#lastSeq.set(request.clientId, m.seq);
      const dossierId = (m.args as { dossierId?: string } | null)?.dossierId ?? null;
      const code = outcome.status === 'refused' ? outcome.code : undefined;
      this.log.push({ clientId: request.clientId, seq: m.seq, id: m.id, dossierId, status: outcome.status, ...(code ? { code } : {}) });
      outcomes.push(outcome);
    }
    return { lastSeq: this.#lastSeq.get(request.clientId) ?? 0, outcomes };
  }

  pull(user: ModelUser, request: PullRequest): PullResponse {
    this.received.push({ kind: 'pull', userId: user.id, request: structuredClone(request) });
    if (!pullRequestSchema.safeParse(request).success) throw new TransportError('bad_request', 'Malformed pull');
    const limit = request.limit ?? DEFAULT_PULL_LIMIT;
    const reset = request.cursor !== null && request.cursor < this.#horizon;
    const from = reset ? 0 : (request.cursor ?? 0);
    const rows = [...this.#rows.entries()]
      .filter(([, row]) => row.version > from && (row.data === null || this.#visible(user, row.data)))
      .sort(([, a], [, b]) => a.version - b.version);
    // A page that starts below the horizon runs on to it: otherwise the next page's
    // cursor would itself be older than the horizon and be told to reset again.
    const page = rows.filter(([, row], i) => i < limit || row.version <= this.#horizon);
    const more = page.length < rows.length;
    const changes: Change[] = page.map(([id, row]) =>
      row.data === null ? { entity: 'dossier', op: 'del', id } : { entity: 'dossier', op: 'put', id, data: structuredClone(row.data) },
    );
    // Everything below the first row not sent is covered, so the cursor may go up to it:
    // after a reset this lifts the cursor past the horizon even when the newest dropped
    // tombstone has no live row at its version.
    const next = rows[page.length];
    return { cursor: more && next ? next[1].version - 1 : this.#version, more, reset, changes };
  }

  /** What a user may see, as the server holds it: what a converged device must show. */
  scope(user: ModelUser): DossierView[] {
    return [...this.#rows.values()].flatMap((r) => (r.data && this.#visible(user, r.data) ? [structuredClone(r.data)] : []));
  }

  dossier(id: string): DossierView | undefined {
    const data = this.#rows.get(id)?.data;
    return data ? structuredClone(data) : undefined;
  }

  /** Another writer (staff at the office) acting directly on the server. */
  act(user: ModelUser, id: string, args: Omit<TransitionArgs, 'dossierId'>): Applied | Refusal {
    return this.#apply(user, `server-${this.#tick()}`, 'dossier.transition@1', { dossierId: id, ...args }, this.#at());
  }

  delete(id: string): void {
    if (this.#rows.get(id)?.data) this.#rows.set(id, { version: ++this.#version, data: null });
  }

  /** Drops every tombstone, as retention would after the longest offline spell. */
  compactTombstones(): void {
    for (const [id, row] of this.#rows) if (row.data === null) this.#rows.delete(id);
    this.#horizon = this.#version;
  }

  #visible(user: ModelUser, d: DossierView): boolean {
    return isOfficeRole(user.role) || d.filedBy.userId === user.id;
  }

  #apply(user: ModelUser, id: string, name: MutationName, args: unknown, at: string): Applied | Refusal {
    const schema = MUTATION_SCHEMAS[name];
    if (!schema) return { code: 'unsupported_version' };
    const parsed = schema.safeParse(args);
    if (!parsed.success) return { code: 'invalid', detail: parsed.error.issues.map((i) => i.message).join('; ') };
    const r = name === 'dossier.submit@1' ? this.#submit(user, id, parsed.data as SubmitArgs, at) : this.#transition(user, id, parsed.data as TransitionArgs, at);
    if ('result' in r) this.effects.set(id, (this.effects.get(id) ?? 0) + 1);
    return r;
  }

  #submit(user: ModelUser, id: string, a: SubmitArgs, at: string): Applied | Refusal {
    if (!hasPermission(user.role, 'dossier.file')) return { code: 'forbidden' };
    if (this.#rows.has(a.dossierId)) return { code: 'id_conflict', detail: 'A dossier with this id exists' };
    const receivedAt = this.#at();
    this.#write({
      id: a.dossierId,
      reference: a.reference,
      serviceCode: a.serviceCode,
      serviceVersion: a.serviceVersion,
      status: 'INVIATA',
      applicant: { personId: `P-${a.applicant.codiceFiscale}`, codiceFiscale: a.applicant.codiceFiscale, givenName: a.applicant.givenName, familyName: a.applicant.familyName },
      circoscrizione: a.applicant.circoscrizione,
      officeId: provisionalOfficeId(a.applicant.circoscrizione),
      associationId: user.associationId ?? null,
      filedBy: { userId: user.id, name: user.name, role: user.role },
      submittedAt: at,
      receivedAt,
      protocolNumber: null,
      protocolledAt: null,
      assignedToName: null,
      answers: { ...a.answers },
      events: [{ id, from: null, to: 'INVIATA', at: receivedAt, actorName: user.name, actorRole: user.role, reason: null }],
      updatedAt: receivedAt,
    });
    return { result: { dossierId: a.dossierId } };
  }

  #transition(user: ModelUser, id: string, a: TransitionArgs, _at: string): Applied | Refusal {
    const current = this.#rows.get(a.dossierId)?.data;
    if (!current || !this.#visible(user, current)) return { code: 'not_found' };
    if (current.status !== a.from) return { code: 'stale_state', detail: `The dossier is now ${current.status}` };
    const check = checkTransition(a.from, a.to, user.role, a.reason);
    if (!check.ok) {
      const code: Record<typeof check.refusal, RefusalCode> = { not_allowed: 'transition_not_allowed', role_not_allowed: 'forbidden', reason_required: 'reason_required' };
      return { code: code[check.refusal] };
    }
    const now = this.#at();
    const protocolled = a.to === 'PROTOCOLLATA';
    const next: DossierView = {
      ...current,
      status: a.to,
      protocolNumber: protocolled ? `PG-${String(++this.#protocol).padStart(6, '0')}` : current.protocolNumber,
      protocolledAt: protocolled ? now : current.protocolledAt,
      events: [...current.events, { id, from: a.from, to: a.to, at: now, actorName: user.name, actorRole: user.role, reason: a.reason ?? null }],
      updatedAt: now,
    };
    this.#write(next);
    return { result: { dossierId: next.id, status: next.status satisfies DossierState, protocolNumber: next.protocolNumber } };
  }

  #write(data: DossierView): void {
    this.#rows.set(data.id, { version: ++this.#version, data });
  }

  #tick(): number {
    return ++this.#clock;
  }

  #at(): string {
    return new Date((this.#clock += 1000)).toISOString();
  }
}
