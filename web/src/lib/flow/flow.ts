/**
 * The operator's request flow as a list of one-question pages, computed from the draft:
 * known citizens skip what the association already has (WCAG 3.3.7), and the service's
 * form adds its questions, with showIf conditions, once a service is chosen.
 */
import { consentProblem, validateCodiceFiscale, visibleQuestions, type Question } from '@icaro/domain';
import type { Draft } from '$lib/device';
import { serviceByCode } from './catalogue.ts';

export const QUESTION_PREFIX = 'd-';
/** One page per document the service asks for: 'documento-1', 'documento-2'... */
export const DOCUMENT_PREFIX = 'documento-';

export type FixedStep = 'persona' | 'codice-fiscale' | 'nome' | 'telefono' | 'circoscrizione' | 'servizio' | 'consenso' | 'riepilogo';
export type StepId = FixedStep | `${typeof QUESTION_PREFIX}${string}` | `${typeof DOCUMENT_PREFIX}${number}`;

const FIXED: readonly string[] = ['persona', 'codice-fiscale', 'nome', 'telefono', 'circoscrizione', 'servizio', 'consenso', 'riepilogo'];

export function isStepId(s: string): s is StepId {
  return FIXED.includes(s) || (s.startsWith(QUESTION_PREFIX) && s.length > QUESTION_PREFIX.length) || /^documento-[1-9]\d?$/.test(s);
}

export function questionsOf(draft: Draft): readonly Question[] {
  const service = serviceByCode(draft.serviceCode);
  return service ? visibleQuestions(service.form, draft.answers) : [];
}

export function stepsFor(draft: Draft): StepId[] {
  const known = draft.applicant?.source === 'known';
  // A citizen filing for themselves is not asked who it is for, unless they have a household.
  const self = draft.self;
  const steps: StepId[] = !self || self.household ? ['persona'] : [];
  if (!known) steps.push('codice-fiscale', 'nome');
  steps.push('telefono');
  if (!known) steps.push('circoscrizione');
  steps.push('servizio');
  for (const q of questionsOf(draft)) steps.push(`${QUESTION_PREFIX}${q.id}`);
  documentsOf(draft).forEach((_, i) => steps.push(`${DOCUMENT_PREFIX}${i + 1}`));
  // Consent is for filing on someone's behalf: an operator, never a citizen (assisted mode).
  if (!self) steps.push('consenso');
  steps.push('riepilogo');
  return steps;
}

/** The documents the chosen service asks for (catalogue `documents`). */
export function documentsOf(draft: Draft): readonly string[] {
  return serviceByCode(draft.serviceCode)?.documents ?? [];
}

/** The document a 'documento-N' step asks for, with its 0-based index. */
export function documentForStep(draft: Draft, step: StepId): { index: number; label: string } | undefined {
  if (!step.startsWith(DOCUMENT_PREFIX)) return undefined;
  const index = Number(step.slice(DOCUMENT_PREFIX.length)) - 1;
  const label = documentsOf(draft)[index];
  return label === undefined ? undefined : { index, label };
}

export function questionForStep(draft: Draft, step: StepId): Question | undefined {
  if (!step.startsWith(QUESTION_PREFIX)) return undefined;
  const id = step.slice(QUESTION_PREFIX.length);
  return questionsOf(draft).find((q) => q.id === id);
}

/** Whether a step holds an answer; an optional question skipped is stored as ''. */
export function isStepDone(draft: Draft, step: StepId): boolean {
  const a = draft.applicant;
  switch (step) {
    case 'persona':
      return a !== null;
    case 'codice-fiscale':
      return !!a && validateCodiceFiscale(a.codiceFiscale).ok;
    case 'nome':
      return !!a && a.givenName.trim() !== '' && a.familyName.trim() !== '';
    case 'telefono':
      return !!a && a.phoneAsked;
    case 'circoscrizione':
      return !!a && a.circoscrizione !== null;
    case 'servizio':
      return !!serviceByCode(draft.serviceCode);
    case 'consenso':
      return !!draft.consent && consentProblem(draft.consent) === null;
    case 'riepilogo':
      return false;
    default:
      // A document page counts once seen: documents are not compulsory to send a request.
      if (step.startsWith(DOCUMENT_PREFIX)) return (draft.documentsAsked ?? []).includes(Number(step.slice(DOCUMENT_PREFIX.length)) - 1);
      return Object.hasOwn(draft.answers, step.slice(QUESTION_PREFIX.length));
  }
}

/** Where to resume a draft: its first unanswered step, or the riepilogo. */
export function firstIncompleteStep(draft: Draft): StepId {
  return stepsFor(draft).find((s) => !isStepDone(draft, s)) ?? 'riepilogo';
}

/**
 * The page after `current` once it is saved. Coming from a "Modifica" link, go back to
 * the riepilogo, unless the change opened a question not yet answered.
 */
export function stepAfter(draft: Draft, current: StepId, returning: boolean): StepId {
  const steps = stepsFor(draft);
  if (returning) return firstIncompleteStep(draft);
  const i = steps.indexOf(current);
  return steps[i + 1] ?? 'riepilogo';
}

export function stepBefore(draft: Draft, current: StepId): StepId | null {
  const steps = stepsFor(draft);
  const i = steps.indexOf(current);
  return i > 0 ? steps[i - 1]! : null;
}

export function stepPosition(draft: Draft, current: StepId): { index: number; total: number } {
  const steps = stepsFor(draft);
  return { index: Math.max(0, steps.indexOf(current)) + 1, total: steps.length };
}
