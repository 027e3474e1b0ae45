import { findService, sensitiveQuestionIds, type Answers } from '@icaro/domain';
import type { DossierView } from '@icaro/sync';
import type { CatalogueRepo } from '../repositories/catalogue.repo.ts';
import type { DossierRow } from '../repositories/dossiers.repo.ts';
import type { SessionUser } from './auth.service.ts';
import { canSeeDossier, mediatorSeesSensitive } from './scope.ts';

/**
 * Sensitive answers (issue 4 §7): health, disability and income details, flagged on the
 * catalogue's questions. Only the assigned case officer and the office's head of
 * procedure may read them, and each read is audited (dossier.sensitive).
 */
export function canReadSensitive(
  user: SessionUser,
  dossier: Pick<DossierRow, 'officeId' | 'associationId' | 'personId' | 'assignedTo'>,
): boolean {
  if (!canSeeDossier(user, dossier)) return false;
  if (user.role === 'head_of_procedure') return true;
  return user.role === 'case_officer' && dossier.assignedTo === user.id;
}

/**
 * Who gets the sensitive answers in a pull, without an audited read: the applicant and
 * whoever filed the dossier (they wrote them). Everyone else gets the view without them.
 */
export function receivesSensitiveInPull(user: SessionUser, view: Pick<DossierView, 'filedBy' | 'id'>): boolean {
  // A mediator only when the officer granted it (issue 6 §2; the grant is audited).
  return user.role === 'citizen' || view.filedBy.userId === user.id || mediatorSeesSensitive(user, view.id);
}

/** The sensitive question ids of a service version: the stored form's flags and the catalogue's. */
export function sensitiveIdsFor(catalogue: CatalogueRepo, code: string, version: number): Set<string> {
  const ids = new Set<string>();
  const stored = catalogue.find(code, version);
  if (stored) for (const id of sensitiveQuestionIds(stored.form)) ids.add(id);
  const current = findService(code);
  if (current?.version === version) for (const id of sensitiveQuestionIds(current.form)) ids.add(id);
  return ids;
}

export function pickAnswers(answers: Answers, ids: Set<string>, keep: boolean): Answers {
  const out: Answers = {};
  for (const [id, value] of Object.entries(answers)) if (ids.has(id) === keep) out[id] = value;
  return out;
}

/** The view without its sensitive answers, marked so the device can say why. */
export function withoutSensitive(catalogue: CatalogueRepo, view: DossierView): DossierView {
  const ids = sensitiveIdsFor(catalogue, view.serviceCode, view.serviceVersion);
  if (!Object.keys(view.answers).some((id) => ids.has(id))) return view;
  return { ...view, answers: pickAnswers(view.answers, ids, false), sensitiveWithheld: true };
}
