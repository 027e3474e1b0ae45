/**
 * The device's view: the server's state with the still-pending mutations replayed on
 * top (ARCHITECTURE.md, "Sync protocol"). Pure: the same inputs give the same view.
 *
 * Refused mutations are not replayed, but they surface on their dossier with the
 * reason, and a refused submission still shows its dossier, so nothing the user typed
 * disappears before they have seen why and dismissed it.
 */
import { normalizeContact, officeForCircoscrizione, type DossierState, type Role } from '@icaro/domain';
import type { DossierView, RefusalCode, StatusEventView } from './protocol.ts';
import type { AssignArgs, SubmitArgs, TransitionArgs, UpdateContactArgs } from './mutations.ts';
import type { OutboxEntry } from './types.ts';

export interface LocalDossier extends DossierView {
  /** At least one mutation on this dossier waits in the outbox ("in attesa di invio"). */
  pending: boolean;
  /** When the oldest of those mutations was made. */
  pendingSince?: string;
  /** The latest refused mutation on this dossier, until the user dismisses it. */
  refused?: { code: RefusalCode; detail?: string };
}

export interface ViewContext {
  user: { id: string; name: string; role: Role; associationId?: string | null };
  /** The time of projection. The view itself is dated by each mutation's `at`. */
  now: string;
}

/** The office competent for a circoscrizione, as the device shows it until the server says. */
export function provisionalOfficeId(circoscrizione: number): string {
  try {
    return officeForCircoscrizione(circoscrizione).id;
  } catch {
    // An entry written by an older version with an out-of-range number: still show it.
    return `UFF-C${circoscrizione}`;
  }
}

type Mutator = (current: LocalDossier | undefined, entry: OutboxEntry, ctx: ViewContext) => LocalDossier | undefined;

const MUTATORS: Record<OutboxEntry['name'], Mutator> = {
  'dossier.submit@1': (current, entry, ctx) => current ?? optimisticDossier(entry.args as SubmitArgs, entry, ctx),
  'dossier.transition@1': (current, entry, ctx) => {
    const args = entry.args as TransitionArgs;
    if (!current || current.status !== args.from) return current;
    const event = statusEvent(entry, args.from, args.to, ctx, args.reason ?? null);
    return { ...current, status: args.to, events: [...current.events, event], updatedAt: entry.at };
  },
  'dossier.assign@1': (current, entry, ctx) => {
    const args = entry.args as AssignArgs;
    if (!current || current.status !== args.from) return current;
    const event = statusEvent(entry, args.from, 'ASSEGNATA', ctx, null);
    return {
      ...current,
      status: 'ASSEGNATA',
      assignedTo: args.officerId,
      assignedToName: args.officerName ?? null,
      events: [...current.events, event],
      updatedAt: entry.at,
    };
  },
  // Shown at once on the device; if the server finds a conflict, its own value comes back
  // with the next pull, and the conflict with it.
  'person.updateContact@1': (current, entry) => {
    const args = entry.args as UpdateContactArgs;
    if (!current) return current;
    const normal = normalizeContact(args.field, args.value);
    const value = normal.ok ? normal.value : args.value;
    return { ...current, applicant: { ...current.applicant, [args.field]: value }, updatedAt: entry.at };
  },
  // A needs report is not about a dossier (it has no dossierId, so it never reaches here).
  'needs.report@1': (current) => current,
  // The answer to an integration request gives the dossier back to the office at once on
  // the device; the server's event replaces this one with the next pull.
  'dossier.respond@1': (current, entry, ctx) => {
    if (!current || current.status !== 'INTEGRAZIONE_RICHIESTA') return current;
    const event = statusEvent(entry, 'INTEGRAZIONE_RICHIESTA', 'ISTRUTTORIA', ctx, null);
    return { ...current, status: 'ISTRUTTORIA', events: [...current.events, event], updatedAt: entry.at };
  },
};

/** The dossier a mutation is about, or undefined for a mutation this view does not know. */
function dossierIdOf(entry: OutboxEntry): string | undefined {
  const args = entry.args as { dossierId?: unknown } | null;
  return typeof args?.dossierId === 'string' ? args.dossierId : undefined;
}

export function projectDossiers(server: readonly DossierView[], outbox: readonly OutboxEntry[], ctx: ViewContext): LocalDossier[] {
  const byId = new Map<string, LocalDossier>();
  for (const d of server) byId.set(d.id, { ...d, pending: false });

  const ordered = [...outbox].sort((a, b) => a.seq - b.seq);
  for (const entry of ordered) {
    const id = dossierIdOf(entry);
    const mutate = MUTATORS[entry.name];
    if (id === undefined || !mutate) continue;
    const current = byId.get(id);
    if (entry.status === 'refused') {
      // Not replayed; a refused submission still shows what was typed.
      const shown = current ?? (entry.name === 'dossier.submit@1' ? mutate(undefined, entry, ctx) : undefined);
      if (shown) byId.set(id, { ...shown, refused: refusalOf(entry) });
      continue;
    }
    const next = mutate(current, entry, ctx);
    if (!next) continue;
    byId.set(id, { ...next, pending: true, pendingSince: current?.pendingSince ?? entry.at });
  }
  return [...byId.values()];
}

function refusalOf(entry: OutboxEntry): { code: RefusalCode; detail?: string } {
  const code = entry.refusal?.code ?? 'internal';
  const detail = entry.refusal?.detail;
  return detail === undefined ? { code } : { code, detail };
}

function statusEvent(entry: OutboxEntry, from: DossierState | null, to: DossierState, ctx: ViewContext, reason: string | null): StatusEventView {
  return { id: entry.id, from, to, at: entry.at, actorName: ctx.user.name, actorRole: ctx.user.role, reason };
}

function optimisticDossier(args: SubmitArgs, entry: OutboxEntry, ctx: ViewContext): LocalDossier {
  const { applicant } = args;
  return {
    id: args.dossierId,
    reference: args.reference,
    serviceCode: args.serviceCode,
    serviceVersion: args.serviceVersion,
    status: 'INVIATA',
    // The person record is matched or created by the server.
    applicant: { personId: '', codiceFiscale: applicant.codiceFiscale, givenName: applicant.givenName, familyName: applicant.familyName },
    circoscrizione: applicant.circoscrizione,
    officeId: provisionalOfficeId(applicant.circoscrizione),
    associationId: ctx.user.associationId ?? null,
    filedBy: { userId: ctx.user.id, name: ctx.user.name, role: ctx.user.role },
    submittedAt: entry.at,
    receivedAt: '',
    protocolNumber: null,
    protocolledAt: null,
    assignedToName: null,
    answers: { ...args.answers },
    events: [statusEvent(entry, null, 'INVIATA', ctx, null)],
    updatedAt: entry.at,
    pending: false,
  };
}
