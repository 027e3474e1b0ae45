/**
 * Mediators (issue 6 §2): a case officer adds a listed professional to a dossier with a
 * stated purpose. The professional then receives that dossier, and nothing else, through
 * their own key in the change log (scope.ts, kind 'user'); the sensitive answers only if
 * the officer grants them. Removing them ends the access at the next request (the
 * session reloads mediations every time) and the next pull deletes the dossier from their
 * device. Every add, grant and removal is audited.
 */
import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/client.ts';
import type { MediatorView } from '../repositories/albo.repo.ts';
import type { Repositories } from '../repositories/index.ts';
import type { SessionUser } from './auth.service.ts';
import { createAuditTrail } from './audit.service.ts';
import { ChangeRecorder } from './changes.ts';
import type { PokeHub } from './pokes.ts';
import { canSeeDossier } from './scope.ts';
import { canReadSensitive } from './sensitive.ts';

export class MediatorError extends Error {
  constructor(readonly code: 'not_found' | 'forbidden' | 'not_listed' | 'already_added') {
    super(code);
  }
}

export function createMediatorsService(deps: { db: Db; repos: Repositories; pokes: PokeHub; now?: () => Date }) {
  const { db, repos, pokes } = deps;
  const now = deps.now ?? (() => new Date());
  const trail = createAuditTrail(repos.audit);

  /** The dossier, if the user may manage its mediators: the assigned case officer or the office's head. */
  function managedDossier(user: SessionUser, dossierId: string) {
    const dossier = repos.dossiers.findById(dossierId);
    // Outside the user's office the dossier does not exist.
    if (!dossier || !canSeeDossier(user, dossier)) throw new MediatorError('not_found');
    if (!canReadSensitive(user, dossier)) throw new MediatorError('forbidden');
    return dossier;
  }

  /** Runs a change in one transaction, then pokes the devices concerned. */
  function change<T>(fn: (recorder: ChangeRecorder, at: string) => T): T {
    const recorder = new ChangeRecorder(repos.sync);
    const at = now().toISOString();
    const result = db.$client.transaction(() => fn(recorder, at))();
    if (recorder.touched.length > 0) pokes.notify(recorder.touched);
    return result;
  }

  return {
    list(user: SessionUser, dossierId: string): MediatorView[] {
      const dossier = repos.dossiers.findById(dossierId);
      if (!dossier || !canSeeDossier(user, dossier)) throw new MediatorError('not_found');
      return repos.albo.mediatorsOf(dossierId);
    },

    add(user: SessionUser, input: { dossierId: string; professionalId: string; purpose: string; grantSensitive: boolean }): MediatorView[] {
      return change((recorder, at) => {
        const dossier = managedDossier(user, input.dossierId);
        const professional = repos.albo.findById(input.professionalId);
        if (!professional || professional.status !== 'listed' || !professional.userId) throw new MediatorError('not_listed');
        if (repos.albo.openMediator(dossier.id, professional.id)) throw new MediatorError('already_added');
        repos.albo.addMediator({
          id: uuidv7(),
          dossierId: dossier.id,
          professionalId: professional.id,
          userId: professional.userId,
          purpose: input.purpose.trim(),
          sensitiveGranted: input.grantSensitive,
          addedBy: user.id,
          addedAt: at,
          removedAt: null,
          removedBy: null,
        });
        recorder.put('dossier', dossier.id, { officeId: null, associationId: null, personId: null, userId: professional.userId }, at);
        trail.append({
          at,
          actor: user,
          dossierId: dossier.id,
          section: 'mediator',
          action: 'change',
          purpose: 'mediator',
          note: `added ${professional.id}`,
        });
        if (input.grantSensitive) {
          trail.append({
            at,
            actor: user,
            dossierId: dossier.id,
            section: 'sensitive',
            action: 'change',
            purpose: 'mediator',
            note: `granted to ${professional.id}`,
          });
        }
        return repos.albo.mediatorsOf(dossier.id);
      });
    },

    /** Grants or withdraws the sensitive answers; the device gets the dossier again, with or without them. */
    setSensitive(user: SessionUser, mediatorId: string, granted: boolean): MediatorView[] {
      return change((recorder, at) => {
        const m = repos.albo.findMediator(mediatorId);
        if (!m || m.removedAt) throw new MediatorError('not_found');
        const dossier = managedDossier(user, m.dossierId);
        if (m.sensitiveGranted === granted) return repos.albo.mediatorsOf(dossier.id);
        repos.albo.setMediatorSensitive(m.id, granted);
        recorder.put('dossier', dossier.id, { officeId: null, associationId: null, personId: null, userId: m.userId }, at);
        trail.append({
          at,
          actor: user,
          dossierId: dossier.id,
          section: 'sensitive',
          action: 'change',
          purpose: 'mediator',
          note: `${granted ? 'granted to' : 'withdrawn from'} ${m.professionalId}`,
        });
        return repos.albo.mediatorsOf(dossier.id);
      });
    },

    remove(user: SessionUser, mediatorId: string): MediatorView[] {
      return change((recorder, at) => {
        const m = repos.albo.findMediator(mediatorId);
        if (!m || m.removedAt) throw new MediatorError('not_found');
        const dossier = managedDossier(user, m.dossierId);
        repos.albo.endMediator(m.id, user.id, at);
        // A row in the professional's key: their next pull turns it into a deletion.
        recorder.put('dossier', dossier.id, { officeId: null, associationId: null, personId: null, userId: m.userId }, at);
        trail.append({
          at,
          actor: user,
          dossierId: dossier.id,
          section: 'mediator',
          action: 'change',
          purpose: 'mediator',
          note: `removed ${m.professionalId}`,
        });
        return repos.albo.mediatorsOf(dossier.id);
      });
    },
  };
}
export type MediatorsService = ReturnType<typeof createMediatorsService>;
