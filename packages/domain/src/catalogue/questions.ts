/**
 * Small builders that keep the catalogue data readable. Every question is required
 * unless it says `required: false`.
 */
import type { ChoiceOption, Question, QuestionKind } from '../catalogue-types.ts';

type Extra = Partial<Omit<Question, 'id' | 'kind' | 'label' | 'options'>>;

function question(kind: QuestionKind, id: string, label: string, extra: Extra = {}): Question {
  return { id, kind, label, required: true, ...extra };
}

export const text = (id: string, label: string, extra?: Extra) => question('text', id, label, extra);
export const textarea = (id: string, label: string, extra?: Extra) => question('textarea', id, label, extra);
export const num = (id: string, label: string, extra?: Extra) => question('number', id, label, extra);
export const money = (id: string, label: string, extra?: Extra) => question('money', id, label, extra);
export const date = (id: string, label: string, extra?: Extra) => question('date', id, label, extra);
export const yesno = (id: string, label: string, extra?: Extra) => question('yesno', id, label, extra);
export const phone = (id: string, label: string, extra?: Extra) => question('phone', id, label, extra);

/** Options as [value, label] pairs. */
export function choice(id: string, label: string, options: readonly (readonly [string, string])[], extra: Extra = {}): Question {
  const opts: ChoiceOption[] = options.map(([value, optionLabel]) => ({ value, label: optionLabel }));
  return { ...question('choice', id, label, extra), options: opts };
}

export const ISEE_DOCUMENT = 'Attestazione ISEE in corso di validità';
