import type { Role } from './roles.ts';

/**
 * The request lifecycle of DOMAIN.md as one pure state machine, shared by the device
 * (to show only the allowed actions) and the server (to enforce them).
 * BOZZA exists only on the device and never reaches the server.
 */
export const DOSSIER_STATES = [
  'BOZZA',
  'INVIATA',
  'PROTOCOLLATA',
  'ASSEGNATA',
  'ISTRUTTORIA',
  'INTEGRAZIONE_RICHIESTA',
  'VALUTAZIONE',
  'PREAVVISO_DINIEGO',
  'AMMESSA',
  'IN_LISTA_ATTESA',
  'RESPINTA',
  'IRRICEVIBILE',
  'RITIRATA',
  'IN_EROGAZIONE',
  'CHIUSA',
  'REVOCATA',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** States in which the dossier is finished: nothing but reading is left. */
export const FINAL_STATES: readonly DossierState[] = ['RESPINTA', 'IRRICEVIBILE', 'RITIRATA', 'CHIUSA', 'REVOCATA'];

/** States during which the legal clock does not run. */
export const SUSPENDING_STATES: readonly DossierState[] = ['INTEGRAZIONE_RICHIESTA', 'PREAVVISO_DINIEGO'];

const OFFICE = ['front_desk', 'case_officer', 'head_of_procedure'] as const satisfies readonly Role[];
const CASEWORK = ['case_officer', 'head_of_procedure'] as const satisfies readonly Role[];
const HEAD = ['head_of_procedure'] as const satisfies readonly Role[];
const APPLICANT = ['citizen', 'association_operator', 'front_desk'] as const satisfies readonly Role[];

export interface Transition {
  readonly from: DossierState;
  readonly to: DossierState;
  readonly roles: readonly Role[];
  /** A written reason is compulsory (rejection, 10-bis notice, revocation...). */
  readonly needsReason: boolean;
  /**
   * 'action': a bare change of state (dossier.transition@1). 'answer': taken only as the
   * effect of the applicant answering an integration request (dossier.respond@1), never
   * as a bare transition, so nobody can end a suspension without sending the answer.
   */
  readonly via: TransitionVia;
}

export type TransitionVia = 'action' | 'answer';

function t(from: DossierState, to: DossierState, roles: readonly Role[], needsReason = false, via: TransitionVia = 'action'): Transition {
  return { from, to, roles, needsReason, via };
}

const WITHDRAWABLE: readonly DossierState[] = [
  'INVIATA',
  'PROTOCOLLATA',
  'ASSEGNATA',
  'ISTRUTTORIA',
  'INTEGRAZIONE_RICHIESTA',
  'VALUTAZIONE',
  'PREAVVISO_DINIEGO',
  'IN_LISTA_ATTESA',
];

export const TRANSITIONS: readonly Transition[] = [
  t('BOZZA', 'INVIATA', APPLICANT),
  t('INVIATA', 'PROTOCOLLATA', OFFICE),
  t('INVIATA', 'IRRICEVIBILE', OFFICE, true),
  t('PROTOCOLLATA', 'ASSEGNATA', HEAD),
  t('PROTOCOLLATA', 'IRRICEVIBILE', CASEWORK, true),
  t('ASSEGNATA', 'ASSEGNATA', HEAD), // reassignment
  t('ASSEGNATA', 'ISTRUTTORIA', CASEWORK),
  t('ISTRUTTORIA', 'INTEGRAZIONE_RICHIESTA', CASEWORK, true),
  t('INTEGRAZIONE_RICHIESTA', 'ISTRUTTORIA', CASEWORK),
  // The applicant's answer (message and/or the missing documents) ends the suspension and
  // gives the dossier back to the case officer: the clock runs again from the answer.
  // Answering is the applicant's side: the citizen, or the operator who filed for them.
  t('INTEGRAZIONE_RICHIESTA', 'ISTRUTTORIA', APPLICANT, false, 'answer'),
  t('ISTRUTTORIA', 'VALUTAZIONE', CASEWORK),
  t('VALUTAZIONE', 'ISTRUTTORIA', CASEWORK),
  t('VALUTAZIONE', 'PREAVVISO_DINIEGO', HEAD, true),
  t('PREAVVISO_DINIEGO', 'VALUTAZIONE', CASEWORK),
  t('VALUTAZIONE', 'AMMESSA', HEAD),
  t('VALUTAZIONE', 'IN_LISTA_ATTESA', HEAD),
  t('IN_LISTA_ATTESA', 'AMMESSA', HEAD),
  t('VALUTAZIONE', 'RESPINTA', HEAD, true),
  t('PREAVVISO_DINIEGO', 'RESPINTA', HEAD, true),
  t('AMMESSA', 'IN_EROGAZIONE', CASEWORK),
  t('IN_EROGAZIONE', 'CHIUSA', CASEWORK),
  t('IN_EROGAZIONE', 'REVOCATA', HEAD, true),
  t('AMMESSA', 'REVOCATA', HEAD, true),
  ...WITHDRAWABLE.map((from) => t(from, 'RITIRATA', ['citizen', 'association_operator'])),
];

export type TransitionRefusal = 'not_allowed' | 'role_not_allowed' | 'reason_required';

export type TransitionCheck = { ok: true; transition: Transition } | { ok: false; refusal: TransitionRefusal };

export function checkTransition(
  from: DossierState,
  to: DossierState,
  role: Role,
  reason?: string | null,
  via: TransitionVia = 'action',
): TransitionCheck {
  const candidates = TRANSITIONS.filter((x) => x.from === from && x.to === to && x.via === via);
  const transition = candidates.find((x) => x.roles.includes(role)) ?? candidates[0];
  if (!transition) return { ok: false, refusal: 'not_allowed' };
  if (!transition.roles.includes(role)) return { ok: false, refusal: 'role_not_allowed' };
  if (transition.needsReason && !(reason && reason.trim().length > 0)) return { ok: false, refusal: 'reason_required' };
  return { ok: true, transition };
}

/** The transitions a role may take from a state: what the device offers as actions. */
export function allowedTransitions(from: DossierState, role: Role): readonly Transition[] {
  return TRANSITIONS.filter((x) => x.from === from && x.via === 'action' && x.roles.includes(role));
}

export function isFinal(state: DossierState): boolean {
  return FINAL_STATES.includes(state);
}

export function isClockSuspended(state: DossierState): boolean {
  return SUSPENDING_STATES.includes(state);
}
