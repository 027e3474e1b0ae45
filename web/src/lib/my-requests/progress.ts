/**
 * "Le mie richieste" (issue 3 §4): where a dossier stands, in terms a citizen can act on.
 * Pure: computed on the device from the synced status events with the same deadline rules
 * as the server (packages/domain deadlines), so it works offline and agrees with the office.
 */
import { addDays, computeDeadline, PREAVVISO_DINIEGO_REPLY_DAYS, todayInPalermo, type IsoDate, type LegalTerm } from '@icaro/domain';
import type { DossierView } from '@icaro/sync';

export type DeadlineInfo =
  /** Not protocolled yet: the clock has not started. */
  | { kind: 'none' }
  | { kind: 'running'; dueDate: IsoDate; daysLeft: number; working: boolean }
  /** Waiting for the applicant (documents, or a reply to a 10-bis notice). */
  | { kind: 'suspended'; dueDate: IsoDate }
  | { kind: 'overdue'; dueDate: IsoDate }
  | { kind: 'decided'; on: IsoDate };

export interface WaitingFor {
  kind: 'integration' | 'preavviso';
  /** When the office asked (ISO timestamp of the event). */
  at: string;
  /** What the office wrote; null if it wrote nothing. */
  reason: string | null;
  /** A 10-bis notice: the last day to reply. */
  replyBy: IsoDate | null;
}

export interface Progress {
  deadline: DeadlineInfo;
  waiting: WaitingFor | null;
}

export function dossierProgress(
  dossier: Pick<DossierView, 'status' | 'events' | 'dueDate'>,
  term: LegalTerm | undefined,
  now: Date,
): Progress {
  return { deadline: deadlineInfo(dossier, term, now), waiting: waitingFor(dossier) };
}

function deadlineInfo(dossier: Pick<DossierView, 'events' | 'dueDate'>, term: LegalTerm | undefined, now: Date): DeadlineInfo {
  if (!term) return { kind: 'none' };
  const d = computeDeadline(dossier.events, term, now);
  if (d.decidedOn) return { kind: 'decided', on: d.decidedOn };
  if (d.status === 'none' || !d.dueDate) return { kind: 'none' };
  if (d.status === 'suspended') return { kind: 'suspended', dueDate: d.dueDate };
  // The server's due date once synced (it is the office's own); the device's until then.
  const dueDate = dossier.dueDate ?? d.dueDate;
  if (d.status === 'overdue' || todayInPalermo(now) > dueDate) return { kind: 'overdue', dueDate };
  return { kind: 'running', dueDate, daysLeft: Math.max(0, d.daysLeft ?? 0), working: term.dayKind === 'working' };
}

function waitingFor(dossier: Pick<DossierView, 'status' | 'events'>): WaitingFor | null {
  const kind = dossier.status === 'INTEGRAZIONE_RICHIESTA' ? 'integration' : dossier.status === 'PREAVVISO_DINIEGO' ? 'preavviso' : null;
  if (!kind) return null;
  const asked = [...dossier.events]
    .filter((e) => e.to === dossier.status)
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
    .at(-1);
  if (!asked) return { kind, at: '', reason: null, replyBy: null };
  const reason = asked.reason?.trim() || null;
  const replyBy = kind === 'preavviso' ? addDays(todayInPalermo(new Date(asked.at)), PREAVVISO_DINIEGO_REPLY_DAYS) : null;
  return { kind, at: asked.at, reason, replyBy };
}
