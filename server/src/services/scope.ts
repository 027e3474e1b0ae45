import { hasPermission, isOfficeRole } from '@icaro/domain';
import type { Scope } from '../repositories/sync.repo.ts';
import type { DossierRow } from '../repositories/dossiers.repo.ts';
import type { SessionUser } from './auth.service.ts';

/**
 * Object-level access: the one home of "which dossiers may this user see".
 * Pull filtering and mutation checks both derive from it.
 */
export function scopeOf(user: SessionUser): Scope {
  if (isOfficeRole(user.role) && user.officeId) return { kind: 'office', officeId: user.officeId };
  if (user.role === 'association_operator' && user.associationId) return { kind: 'association', associationId: user.associationId };
  if (user.role === 'citizen' && user.personId) return { kind: 'person', personId: user.personId };
  // A professional sees only the dossiers they mediate on (`user.mediations`, loaded at
  // every request), through their own key in the change log.
  if (user.role === 'professional') return { kind: 'user', userId: user.id };
  return { kind: 'none' };
}

/**
 * A citizen sees the dossiers about them and those they filed themselves, such as one for
 * a member of their household (pass `filedBy` to grant the latter).
 */
export function canSeeDossier(
  user: SessionUser,
  dossier: Pick<DossierRow, 'officeId' | 'associationId' | 'personId'> & { filedBy?: string | null; id?: string },
): boolean {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case 'office':
      return dossier.officeId === scope.officeId;
    case 'association':
      return dossier.associationId === scope.associationId;
    case 'person':
      return dossier.personId === scope.personId || (!!dossier.filedBy && dossier.filedBy === user.id);
    case 'user':
      return isMediatorOf(user, dossier.id);
    case 'none':
      return false;
  }
}

/** A professional added to this dossier as a mediator, and not removed (issue 6 §2). */
export function isMediatorOf(user: SessionUser, dossierId: string | undefined): boolean {
  return user.role === 'professional' && !!dossierId && (user.mediations ?? []).some((m) => m.dossierId === dossierId);
}

/** A mediator whose officer granted them the dossier's sensitive answers (audited when granted). */
export function mediatorSeesSensitive(user: SessionUser, dossierId: string): boolean {
  return user.role === 'professional' && (user.mediations ?? []).some((m) => m.dossierId === dossierId && m.sensitive);
}

/**
 * Needs reports: the staff of the circoscrizione's office (who hold `needs.read`) and the
 * filing association's operators. Analysts and the public get aggregates only.
 */
export function canSeeNeedsReport(
  user: SessionUser,
  report: { officeId: string; associationId: string | null; professionalId?: string | null },
): boolean {
  const scope = scopeOf(user);
  if (scope.kind === 'office') return hasPermission(user.role, 'needs.read') && report.officeId === scope.officeId;
  if (scope.kind === 'association') return report.associationId === scope.associationId;
  // A professional: the reports they filed themselves.
  if (scope.kind === 'user') return !!report.professionalId && report.professionalId === user.professionalId;
  return false;
}

/**
 * A dossier's internal thread (issue 4 §5), staff only (`thread.use`):
 * - 'full': staff of the dossier's office see the whole thread and the dossier;
 * - 'requests': staff of an office that sent or received a request about the dossier
 *   (e.g. the Ragioneria, another circoscrizione, the office that transmitted it) see
 *   those requests' entries and the dossier's summary, nothing else of it;
 * - 'none' for everyone else, citizens, operators, professionals, analysts and auditors
 *   included (reported as not found, like a dossier out of scope).
 */
export type ThreadAccess = 'full' | 'requests' | 'none';

export function threadAccess(
  user: SessionUser,
  dossier: Pick<DossierRow, 'officeId'>,
  officeTookPart: (officeId: string) => boolean,
): ThreadAccess {
  if (!hasPermission(user.role, 'thread.use') || !user.officeId) return 'none';
  if (isOfficeRole(user.role) && dossier.officeId === user.officeId) return 'full';
  return officeTookPart(user.officeId) ? 'requests' : 'none';
}
