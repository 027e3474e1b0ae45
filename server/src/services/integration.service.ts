/**
 * Documents named by dossiers, and the applicant's answer to an integration request
 * (issue 3 §3 and §4).
 *
 * Records and files travel apart: a request or an answer names its documents by SHA-256
 * and is accepted whether or not the bytes have arrived yet; staff see "in arrivo"
 * until they do (attachments.service.ts receives them).
 *
 * The answer (dossier.respond@1) ends the suspension of the legal term: the lifecycle's
 * 'answer' transition INTEGRAZIONE_RICHIESTA -> ISTRUTTORIA, open to the applicant's
 * side only (the citizen, or the operator who files for them), within their scope. It
 * is recorded as a status event by its author, so the deadline rule sees the suspension
 * end on the day the office received the answer.
 */
import { uuidv7 } from 'uuidv7';
import { checkTransition, cleanAttachmentName } from '@icaro/domain';
import type { AttachmentRef, MutationResults, RespondArgs } from '@icaro/sync';
import type { Repositories } from '../repositories/index.ts';
import type { DossierDocument } from '../repositories/attachments.repo.ts';
import type { DossierRow } from '../repositories/dossiers.repo.ts';
import type { SessionUser } from './auth.service.ts';
import type { MutationContext } from './dossier.service.ts';
import { MutationRefused } from './errors.ts';
import { canSeeDossier } from './scope.ts';
import type { DueDateKeeper } from './queue.service.ts';
import type { createAuditTrail } from './audit.service.ts';

/** Links the documents a record names to its dossier (a document already linked keeps its first link). */
export function linkAttachments(
  repos: Repositories,
  ctx: MutationContext,
  dossierId: string,
  refs: readonly AttachmentRef[],
  answerId: string | null,
): void {
  const seen = new Set<string>();
  repos.attachments.link(
    refs
      .filter((r) => !seen.has(r.sha256) && seen.add(r.sha256))
      .map((r) => ({
        dossierId,
        sha256: r.sha256,
        name: cleanAttachmentName(r.name),
        documentKind: r.documentKind?.trim() || null,
        answerId,
        addedBy: ctx.user.id,
        addedAt: ctx.now,
      })),
  );
}

export function respondToIntegration(
  deps: { repos: Repositories; dueDates: DueDateKeeper; audit: ReturnType<typeof createAuditTrail> },
  ctx: MutationContext,
  args: RespondArgs,
  answeredAt: string,
): { result: MutationResults['dossier.respond@1']; dossier: DossierRow } {
  const { repos, dueDates, audit } = deps;
  const { user } = ctx;
  const dossier = repos.dossiers.findById(args.dossierId);
  // Outside the user's scope it is reported as missing: its existence is not disclosed.
  if (!dossier || !canSeeDossier(user, dossier)) throw new MutationRefused('not_found');
  if (dossier.status !== 'INTEGRAZIONE_RICHIESTA') throw new MutationRefused('stale_state', dossier.status);
  const check = checkTransition('INTEGRAZIONE_RICHIESTA', 'ISTRUTTORIA', user.role, null, 'answer');
  if (!check.ok) throw new MutationRefused('forbidden');
  const message = args.message.trim();
  if (!message && args.attachments.length === 0) throw new MutationRefused('invalid', 'answer:empty');
  if (repos.attachments.findAnswer(args.answerId)) throw new MutationRefused('id_conflict', 'answer');

  repos.attachments.insertAnswer({ id: args.answerId, dossierId: dossier.id, authorId: user.id, message, answeredAt, receivedAt: ctx.now });
  linkAttachments(repos, ctx, dossier.id, args.attachments, args.answerId);
  repos.dossiers.updateStatus({ id: dossier.id, status: 'ISTRUTTORIA', protocolNumber: null, protocolledAt: null, updatedAt: ctx.now });
  repos.dossiers.insertEvent({
    id: uuidv7(),
    dossierId: dossier.id,
    fromStatus: 'INTEGRAZIONE_RICHIESTA',
    toStatus: 'ISTRUTTORIA',
    actorId: user.id,
    // The message itself stays in dossier_answers; the event says what happened.
    reason: null,
    at: ctx.now,
  });
  audit.append({
    at: ctx.now,
    actor: user,
    dossierId: dossier.id,
    section: 'status',
    action: 'change',
    purpose: 'transition',
    note: 'INTEGRAZIONE_RICHIESTA->ISTRUTTORIA:answer',
  });
  dueDates.refresh(dossier);
  return { result: { dossierId: dossier.id, answerId: args.answerId, status: 'ISTRUTTORIA' }, dossier };
}

export interface DossierDocuments {
  documents: (DossierDocument & { received: boolean })[];
  answers: { id: string; message: string; authorName: string; answeredAt: string; receivedAt: string }[];
}

/** What a dossier's reader sees of its documents and answers; undefined outside their scope. */
export function documentsOf(repos: Repositories, user: SessionUser, dossierId: string): DossierDocuments | undefined {
  const dossier = repos.dossiers.findById(dossierId);
  if (!dossier || !canSeeDossier(user, dossier)) return undefined;
  return {
    documents: repos.attachments.documentsFor(dossierId).map((d) => ({ ...d, received: d.size !== null })),
    answers: repos.attachments.answersFor(dossierId).map((a) => ({
      id: a.id,
      message: a.message,
      authorName: a.authorName,
      answeredAt: a.answeredAt,
      receivedAt: a.receivedAt,
    })),
  };
}
