/**
 * Internal communications between offices (issue 4 §5): the pure rules both the server
 * and the staff screens use.
 */
import type { DossierState } from './lifecycle.ts';

export const INTERNAL_REQUEST_KINDS = ['question', 'transmission'] as const;
export type InternalRequestKind = (typeof INTERNAL_REQUEST_KINDS)[number];

/** Where a request stands, from the receiving office's point of view. */
export type InternalRequestState = 'open' | 'acknowledged' | 'answered';

export const THREAD_LIMITS = { subject: 120, body: 4000 } as const;

/**
 * A question is answered when it has its written answer; a transmission when the
 * receiving head of procedure has taken the dossier in charge (that is its answer).
 */
export function internalRequestState(r: {
  kind: InternalRequestKind;
  acknowledgedAt: string | null;
  answeredAt: string | null;
}): InternalRequestState {
  if (r.answeredAt || (r.kind === 'transmission' && r.acknowledgedAt)) return 'answered';
  return r.acknowledgedAt ? 'acknowledged' : 'open';
}

/**
 * A dossier may be transmitted to another circoscrizione's office only before the
 * assessment starts (as the anagrafe transfer): later, the assessing office stays in
 * charge and asks the other office questions instead.
 */
export const TRANSMITTABLE_STATES: readonly DossierState[] = ['INVIATA', 'PROTOCOLLATA', 'ASSEGNATA'];

export function canTransmitFrom(status: string): boolean {
  return (TRANSMITTABLE_STATES as readonly string[]).includes(status);
}

/** Whole seconds from the request to its first answer (never negative). */
export function secondsBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
}
