import { hasPermission, type AuditReadPurpose } from '@icaro/domain';
import type { Repositories } from '../repositories/index.ts';
import type { SessionUser } from './auth.service.ts';
import { createAuditTrail } from './audit.service.ts';
import { canSeeDossier } from './scope.ts';
import { canReadSensitive } from './sensitive.ts';

/**
 * Case notes and the care plan (progetto individualizzato), issue 4 §7: sensitive
 * sections that only the assigned case officer and the office's head of procedure read
 * or write, online, never pulled to a device. Every read writes one audit row per
 * section, with the purpose, in the transaction that reads; every change writes one in
 * the transaction that changes. Another office gets not_found, as everywhere.
 */
export class CaseWorkError extends Error {
  constructor(readonly code: 'not_found' | 'forbidden' | 'stale' | 'id_conflict') {
    super(code);
  }
}

export interface CaseNoteView {
  id: string;
  body: string;
  createdAt: string;
  author: { id: string; name: string | null };
}

export interface CarePlanView {
  version: number;
  objectives: string;
  interventions: string;
  reviewOn: string | null;
  createdAt: string;
  author: { id: string; name: string | null };
}

export function createCaseWorkService(repos: Repositories, transaction: <T>(fn: () => T) => T) {
  const audit = createAuditTrail(repos.audit);

  function dossierFor(user: SessionUser, dossierId: string, write: boolean) {
    const dossier = repos.dossiers.findById(dossierId);
    if (!dossier || !canSeeDossier(user, dossier)) throw new CaseWorkError('not_found');
    if (!canReadSensitive(user, dossier)) throw new CaseWorkError('forbidden');
    if (write && !hasPermission(user.role, 'dossier.writeSensitive')) throw new CaseWorkError('forbidden');
    return dossier;
  }

  function carePlanOf(dossierId: string): CarePlanView | null {
    const p = repos.caseNotes.currentCarePlan(dossierId);
    return p
      ? {
          version: p.version,
          objectives: p.objectives,
          interventions: p.interventions,
          reviewOn: p.reviewOn,
          createdAt: p.createdAt,
          author: { id: p.authorId, name: p.authorName },
        }
      : null;
  }

  return {
    /** Reads the notes and the current care plan; two audit rows, one per section. */
    read(
      user: SessionUser,
      input: { dossierId: string; purpose: AuditReadPurpose; note?: string | undefined },
      now = new Date().toISOString(),
    ): { notes: CaseNoteView[]; carePlan: CarePlanView | null } {
      return transaction(() => {
        const dossier = dossierFor(user, input.dossierId, false);
        for (const section of ['case_notes', 'care_plan'] as const) {
          audit.append({ at: now, actor: user, dossierId: dossier.id, section, action: 'read', purpose: input.purpose, note: input.note });
        }
        const notes = repos.caseNotes.notesOf(dossier.id).map((n) => ({
          id: n.id,
          body: n.body,
          createdAt: n.createdAt,
          author: { id: n.authorId, name: n.authorName },
        }));
        return { notes, carePlan: carePlanOf(dossier.id) };
      });
    },

    /** Adds a note. The client picks its id, so a retry is recognised, not written twice. */
    addNote(
      user: SessionUser,
      input: { dossierId: string; noteId: string; body: string },
      now = new Date().toISOString(),
    ): { noteId: string } {
      return transaction(() => {
        const dossier = dossierFor(user, input.dossierId, true);
        const existing = repos.caseNotes.notesOf(dossier.id).find((n) => n.id === input.noteId);
        if (existing) {
          if (existing.body !== input.body.trim() || existing.authorId !== user.id) throw new CaseWorkError('id_conflict');
          return { noteId: existing.id };
        }
        repos.caseNotes.insertNote({ id: input.noteId, dossierId: dossier.id, authorId: user.id, body: input.body.trim(), createdAt: now });
        audit.append({ at: now, actor: user, dossierId: dossier.id, section: 'case_notes', action: 'change', purpose: 'case_note' });
        return { noteId: input.noteId };
      });
    },

    /**
     * Saves a new version of the care plan. `baseVersion` is the version the writer saw
     * (0 for none): if someone saved in between, it is refused as stale, not overwritten.
     */
    saveCarePlan(
      user: SessionUser,
      input: {
        dossierId: string;
        versionId: string;
        baseVersion: number;
        objectives: string;
        interventions: string;
        reviewOn?: string | null | undefined;
      },
      now = new Date().toISOString(),
    ): { version: number } {
      return transaction(() => {
        const dossier = dossierFor(user, input.dossierId, true);
        const current = repos.caseNotes.currentCarePlan(dossier.id);
        if (current?.id === input.versionId) return { version: current.version };
        if ((current?.version ?? 0) !== input.baseVersion) throw new CaseWorkError('stale');
        const version = input.baseVersion + 1;
        repos.caseNotes.insertCarePlan({
          id: input.versionId,
          dossierId: dossier.id,
          version,
          objectives: input.objectives.trim(),
          interventions: input.interventions.trim(),
          reviewOn: input.reviewOn ?? null,
          authorId: user.id,
          createdAt: now,
        });
        audit.append({
          at: now,
          actor: user,
          dossierId: dossier.id,
          section: 'care_plan',
          action: 'change',
          purpose: 'care_plan',
          note: `v${version}`,
        });
        return { version };
      });
    },
  };
}
export type CaseWorkService = ReturnType<typeof createCaseWorkService>;
