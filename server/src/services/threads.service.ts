/**
 * Internal communications between offices (issue 4 §5): the dossier's staff thread,
 * questions and transmissions between offices, their acknowledgement and answer, and
 * the per-user unread counts.
 *
 * Decisions (docs/architecture.md, "Internal communications"):
 * - The thread lives only on the server. It may carry sensitive free text, so it is never
 *   in a device pull; staff read and write it online, and an SSE poke to the offices
 *   concerned tells their screens to refresh.
 * - Who sees what is `threadAccess` in scope.ts: the dossier's office sees the whole
 *   thread; an office that sent or received a request sees that request's entries and the
 *   dossier's summary (no answers, notes or other requests).
 * - A transmission is a formal handover to another circoscrizione's office, by the head
 *   of procedure, before the assessment starts: the dossier moves at once (assignment
 *   cleared, audited, both offices' devices learn it through pull), and the receiving
 *   head of procedure acknowledges it, which is its first answer.
 */
import { randomUUID } from 'node:crypto';
import {
  OFFICES,
  canTransmitFrom,
  findOffice,
  hasPermission,
  internalRequestState,
  secondsBetween,
  type InternalRequestKind,
  type InternalRequestState,
} from '@icaro/domain';
import type { Db } from '../db/client.ts';
import type { Repositories } from '../repositories/index.ts';
import type { DossierRow } from '../repositories/dossiers.repo.ts';
import type { InboxRow, InternalRequestRow, ThreadEntryRow, ThreadMessageRow } from '../repositories/threads.repo.ts';
import type { ChangeScope } from '../repositories/sync.repo.ts';
import type { SessionUser } from './auth.service.ts';
import { createAuditTrail } from './audit.service.ts';
import { ChangeRecorder } from './changes.ts';
import { threadAccess, type ThreadAccess } from './scope.ts';
import { refreshMovedDossier } from './stats-keeper.ts';

export type ThreadErrorCode =
  'not_found' | 'forbidden' | 'office' | 'not_transmittable' | 'already_acknowledged' | 'already_answered' | 'empty';

export class ThreadError extends Error {
  constructor(readonly code: ThreadErrorCode) {
    super(code);
  }
}

export interface ThreadRequestView {
  id: string;
  kind: InternalRequestKind;
  state: InternalRequestState;
  fromOffice: { id: string; name: string };
  toOffice: { id: string; name: string };
  subject: string;
  requestedAt: string;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  firstAnswerSeconds: number | null;
  /** The caller's office received it and may still acknowledge or answer it. */
  mayAcknowledge: boolean;
  mayAnswer: boolean;
}

export interface ThreadView {
  access: Exclude<ThreadAccess, 'none'>;
  myOfficeId: string;
  dossier: {
    id: string;
    reference: string;
    serviceCode: string;
    status: string;
    protocolNumber: string | null;
    officeId: string;
    officeName: string;
    circoscrizione: number;
    personName: string;
    codiceFiscale: string;
  };
  requests: ThreadRequestView[];
  entries: ThreadEntryRow[];
  unread: number;
  /** The last entry the caller had seen before this view (entries above it are new). */
  lastReadId: number;
  /** Offices a question may go to (every office but one's own). */
  askTargets: { id: string; name: string }[];
  /** Circoscrizione offices the dossier may be transmitted to; empty when not allowed. */
  transmitTargets: { id: string; name: string }[];
}

export interface InboxItem extends InboxRow {
  state: InternalRequestState;
  direction: 'received' | 'sent';
}

type Tx = <T>(fn: () => T) => T;

export function createThreadsService(db: Db, repos: Repositories, notify: (scopes: ChangeScope[]) => void) {
  const tx: Tx = (fn) => db.$client.transaction(fn)();
  const trail = createAuditTrail(repos.audit);
  const officeScope = (...ids: string[]): ChangeScope[] =>
    [...new Set(ids)].map((officeId) => ({ officeId, associationId: null, personId: null }));

  function load(user: SessionUser, dossierId: string): { dossier: DossierRow; access: Exclude<ThreadAccess, 'none'> } {
    const dossier = repos.dossiers.findById(dossierId);
    if (!dossier) throw new ThreadError('not_found');
    const access = threadAccess(user, dossier, (officeId) => repos.threads.officeTookPart(dossier.id, officeId));
    if (access === 'none') throw new ThreadError('not_found');
    return { dossier, access };
  }

  /** A request the caller's office may see (it sent or received it, or owns the dossier). */
  function loadRequest(
    user: SessionUser,
    requestId: string,
  ): { request: InternalRequestRow; dossier: DossierRow; access: Exclude<ThreadAccess, 'none'> } {
    const request = repos.threads.requestById(requestId);
    if (!request) throw new ThreadError('not_found');
    const { dossier, access } = load(user, request.dossierId);
    if (access !== 'full' && request.fromOfficeId !== user.officeId && request.toOfficeId !== user.officeId)
      throw new ThreadError('not_found');
    return { request, dossier, access };
  }

  /** Writes a thread entry: seen by its author, news for the colleagues of the offices concerned. */
  function addEntry(entry: Omit<ThreadMessageRow, 'id'>, officeIds: readonly string[]): number {
    const id = repos.threads.insertMessage(entry);
    // Writing in a thread means having read it: the author's marker moves to the new entry.
    repos.threads.markRead(entry.authorId, entry.dossierId, id, entry.createdAt);
    repos.threads.recountUnread(entry.authorId, entry.authorOfficeId, entry.dossierId);
    const others = repos.threads
      .threadUsers(officeIds)
      .filter((u) => u.id !== entry.authorId)
      .map((u) => u.id);
    repos.threads.bumpUnread(others, entry.dossierId);
    return id;
  }

  function requestView(user: SessionUser, r: InternalRequestRow): ThreadRequestView {
    const receiver = r.toOfficeId === user.officeId;
    const headOnly = r.kind === 'transmission' && !hasPermission(user.role, 'dossier.assign');
    return {
      id: r.id,
      kind: r.kind,
      state: internalRequestState(r),
      fromOffice: { id: r.fromOfficeId, name: findOffice(r.fromOfficeId)?.name ?? r.fromOfficeId },
      toOffice: { id: r.toOfficeId, name: findOffice(r.toOfficeId)?.name ?? r.toOfficeId },
      subject: r.subject,
      requestedAt: r.requestedAt,
      acknowledgedAt: r.acknowledgedAt,
      answeredAt: r.answeredAt,
      firstAnswerSeconds: r.firstAnswerSeconds,
      mayAcknowledge: receiver && !r.acknowledgedAt && !headOnly,
      mayAnswer: receiver && !r.answeredAt && r.kind === 'question',
    };
  }

  function text(value: string): string {
    const trimmed = value.trim();
    if (!trimmed) throw new ThreadError('empty');
    return trimmed;
  }

  return {
    /** The thread of one dossier, as far as the caller's office may see it. */
    view(user: SessionUser, dossierId: string): ThreadView {
      const { dossier, access } = load(user, dossierId);
      const officeId = user.officeId!;
      const summary = repos.threads.summary(dossier.id)!;
      const requests = repos.threads
        .requestsOfDossier(dossier.id)
        .filter((r) => access === 'full' || r.fromOfficeId === officeId || r.toOfficeId === officeId)
        .map((r) => requestView(user, r));
      const mayTransmit = access === 'full' && hasPermission(user.role, 'dossier.assign') && canTransmitFrom(dossier.status);
      return {
        access,
        myOfficeId: officeId,
        dossier: summary,
        requests,
        entries: repos.threads.entries(dossier.id, officeId),
        unread: repos.threads.unreadFor(user.id, officeId, dossier.id),
        lastReadId: repos.threads.readMarker(user.id, dossier.id),
        askTargets: access === 'full' ? OFFICES.filter((o) => o.id !== officeId).map((o) => ({ id: o.id, name: o.name })) : [],
        transmitTargets: mayTransmit
          ? OFFICES.filter((o) => o.circoscrizione !== null && o.id !== dossier.officeId).map((o) => ({ id: o.id, name: o.name }))
          : [],
      };
    },

    /** A note on the thread: of the dossier's office, or inside a request (either office). */
    post(
      user: SessionUser,
      input: { dossierId: string; requestId?: string | undefined; body: string },
      now = new Date().toISOString(),
    ): { id: number } {
      const body = text(input.body);
      const result = tx(() => {
        const { dossier, access } = input.requestId ? loadRequest(user, input.requestId) : load(user, input.dossierId);
        if (dossier.id !== input.dossierId) throw new ThreadError('not_found');
        if (!input.requestId && access !== 'full') throw new ThreadError('forbidden');
        const request = input.requestId ? repos.threads.requestById(input.requestId) : undefined;
        const noteOffices = request ? [dossier.officeId, request.fromOfficeId, request.toOfficeId] : [dossier.officeId];
        const id = addEntry(
          {
            dossierId: dossier.id,
            requestId: input.requestId ?? null,
            kind: 'note',
            authorId: user.id,
            authorOfficeId: user.officeId!,
            body,
            createdAt: now,
          },
          noteOffices,
        );
        return { id, offices: request ? [dossier.officeId, request.fromOfficeId, request.toOfficeId] : [dossier.officeId] };
      });
      notify(officeScope(...result.offices));
      return { id: result.id };
    },

    /** A formal question from the dossier's office to another office. */
    ask(
      user: SessionUser,
      input: { dossierId: string; toOfficeId: string; subject: string; body: string },
      now = new Date().toISOString(),
    ): { requestId: string } {
      const subject = text(input.subject);
      const body = text(input.body);
      const result = tx(() => {
        const { dossier, access } = load(user, input.dossierId);
        if (access !== 'full') throw new ThreadError('forbidden');
        if (input.toOfficeId === user.officeId || !findOffice(input.toOfficeId)) throw new ThreadError('office');
        const requestId = randomUUID();
        repos.threads.insertRequest(newRequest(requestId, dossier.id, 'question', user, input.toOfficeId, subject, body, now));
        addEntry(
          {
            dossierId: dossier.id,
            requestId,
            kind: 'question',
            authorId: user.id,
            authorOfficeId: user.officeId!,
            body,
            createdAt: now,
          },
          [dossier.officeId, input.toOfficeId],
        );
        return { requestId, offices: [dossier.officeId, input.toOfficeId] };
      });
      notify(officeScope(...result.offices));
      return { requestId: result.requestId };
    },

    /**
     * A formal handover of the dossier to another circoscrizione's office, by the head of
     * procedure, before the assessment starts. The dossier moves now; the receiving head
     * of procedure acknowledges it.
     */
    transmit(
      user: SessionUser,
      input: { dossierId: string; toOfficeId: string; subject: string; body: string },
      now = new Date().toISOString(),
    ): { requestId: string } {
      const subject = text(input.subject);
      const body = text(input.body);
      const changes = new ChangeRecorder(repos.sync);
      const result = tx(() => {
        const { dossier, access } = load(user, input.dossierId);
        if (access !== 'full' || !hasPermission(user.role, 'dossier.assign')) throw new ThreadError('forbidden');
        const target = findOffice(input.toOfficeId);
        if (!target || target.circoscrizione === null || target.id === dossier.officeId) throw new ThreadError('office');
        if (!canTransmitFrom(dossier.status)) throw new ThreadError('not_transmittable');
        const requestId = randomUUID();
        repos.threads.insertRequest(newRequest(requestId, dossier.id, 'transmission', user, target.id, subject, body, now));
        addEntry(
          {
            dossierId: dossier.id,
            requestId,
            kind: 'transmission',
            authorId: user.id,
            authorOfficeId: user.officeId!,
            body,
            createdAt: now,
          },
          [dossier.officeId, target.id],
        );
        repos.threads.moveDossier(dossier.id, target.circoscrizione, target.id, now);
        // The reports' statistics follow the dossier to its new office.
        refreshMovedDossier(repos, dossier.id);
        trail.append({
          at: now,
          actor: user,
          dossierId: dossier.id,
          section: 'assignment',
          action: 'change',
          purpose: 'transmission',
          note: `${dossier.officeId}->${target.id}`,
        });
        // The old office's devices drop it (it is out of their scope now), the new one's get it.
        const scope = { associationId: dossier.associationId, personId: dossier.personId };
        changes.put('dossier', dossier.id, { ...scope, officeId: dossier.officeId }, now);
        changes.put('dossier', dossier.id, { ...scope, officeId: target.id }, now);
        return { requestId };
      });
      notify(changes.touched);
      return result;
    },

    /** The receiving office takes the request in charge (a transmission: its head of procedure). */
    acknowledge(user: SessionUser, requestId: string, now = new Date().toISOString()): ThreadRequestView {
      const result = tx(() => {
        const { request, dossier } = loadRequest(user, requestId);
        if (request.toOfficeId !== user.officeId) throw new ThreadError('forbidden');
        if (request.kind === 'transmission' && !hasPermission(user.role, 'dossier.assign')) throw new ThreadError('forbidden');
        if (request.acknowledgedAt) throw new ThreadError('already_acknowledged');
        const first = request.kind === 'transmission' && !request.firstAnswerAt ? firstAnswer(request, now) : null;
        repos.threads.acknowledge(request.id, user.id, now, first);
        addEntry(
          {
            dossierId: dossier.id,
            requestId: request.id,
            kind: 'acknowledgement',
            authorId: user.id,
            authorOfficeId: user.officeId!,
            body: '',
            createdAt: now,
          },
          [dossier.officeId, request.fromOfficeId, request.toOfficeId],
        );
        return { request: repos.threads.requestById(request.id)!, offices: [dossier.officeId, request.fromOfficeId, request.toOfficeId] };
      });
      notify(officeScope(...result.offices));
      return requestView(user, result.request);
    },

    /** The receiving office's written answer to a question (it takes it in charge too, if not yet). */
    answer(user: SessionUser, input: { requestId: string; body: string }, now = new Date().toISOString()): ThreadRequestView {
      const body = text(input.body);
      const result = tx(() => {
        const { request, dossier } = loadRequest(user, input.requestId);
        if (request.toOfficeId !== user.officeId || request.kind !== 'question') throw new ThreadError('forbidden');
        if (request.answeredAt) throw new ThreadError('already_answered');
        if (!request.acknowledgedAt) repos.threads.acknowledge(request.id, user.id, now, null);
        repos.threads.answer(request.id, user.id, now, body, request.firstAnswerAt ? null : firstAnswer(request, now));
        addEntry(
          {
            dossierId: dossier.id,
            requestId: request.id,
            kind: 'answer',
            authorId: user.id,
            authorOfficeId: user.officeId!,
            body,
            createdAt: now,
          },
          [dossier.officeId, request.fromOfficeId, request.toOfficeId],
        );
        return { request: repos.threads.requestById(request.id)!, offices: [dossier.officeId, request.fromOfficeId, request.toOfficeId] };
      });
      notify(officeScope(...result.offices));
      return requestView(user, result.request);
    },

    /** The caller has seen the thread up to entry `upTo` (capped at the last entry). */
    markRead(user: SessionUser, input: { dossierId: string; upTo: number }, now = new Date().toISOString()): { unread: number } {
      const { dossier } = load(user, input.dossierId);
      const upTo = Math.min(input.upTo, repos.threads.lastMessageId(dossier.id));
      if (upTo > 0) {
        tx(() => {
          repos.threads.markRead(user.id, dossier.id, upTo, now);
          repos.threads.recountUnread(user.id, user.officeId!, dossier.id);
        });
      }
      return { unread: repos.threads.unreadTotal(user.id) };
    },

    /** Entries the caller has not seen, over every thread they may see. */
    unread(user: SessionUser): { unread: number } {
      if (!user.officeId) return { unread: 0 };
      return { unread: repos.threads.unreadTotal(user.id) };
    },

    /** Requests to and from the caller's office: open ones first, then the newest. */
    inbox(user: SessionUser, limit = 200): InboxItem[] {
      if (!user.officeId) return [];
      const officeId = user.officeId;
      return repos.threads.inbox(user.id, officeId, limit).map((r) => ({
        ...r,
        state: internalRequestState(r),
        direction: r.toOfficeId === officeId ? 'received' : 'sent',
      }));
    },
  };
}
export type ThreadsService = ReturnType<typeof createThreadsService>;

function newRequest(
  id: string,
  dossierId: string,
  kind: InternalRequestKind,
  user: SessionUser,
  toOfficeId: string,
  subject: string,
  body: string,
  now: string,
): InternalRequestRow {
  return {
    id,
    dossierId,
    kind,
    fromOfficeId: user.officeId!,
    toOfficeId,
    subject,
    body,
    requestedBy: user.id,
    requestedAt: now,
    acknowledgedAt: null,
    acknowledgedBy: null,
    answeredAt: null,
    answeredBy: null,
    answer: null,
    firstAnswerAt: null,
    firstAnswerSeconds: null,
    answeredByOffice: null,
  };
}

function firstAnswer(request: InternalRequestRow, at: string): { at: string; seconds: number; officeId: string } {
  return { at, seconds: secondsBetween(request.requestedAt, at), officeId: request.toOfficeId };
}
