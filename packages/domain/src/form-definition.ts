/**
 * Checks that a form definition makes sense, for the catalogue seed and for an
 * administrator's edits: a broken form would strand citizens halfway through.
 */
import type { FormDefinition, Question } from './catalogue-types.ts';

const QUESTION_ID = /^[a-z][a-zA-Z0-9]*$/;

function showIfProblem(q: Question, earlier: ReadonlyMap<string, Question>): string | null {
  if (!q.showIf) return null;
  const { questionId, equals } = q.showIf;
  const target = earlier.get(questionId);
  if (!target) return `${q.id}: showIf refers to ${questionId}, which is not an earlier question`;
  switch (target.kind) {
    case 'yesno':
      return typeof equals === 'boolean' ? null : `${q.id}: showIf on a yes/no question needs true or false`;
    case 'choice':
      return target.options?.some((o) => o.value === equals) ? null : `${q.id}: showIf value ${String(equals)} is not an option of ${questionId}`;
    case 'number':
    case 'money':
      return typeof equals === 'number' ? null : `${q.id}: showIf on a number needs a number`;
    default:
      return typeof equals === 'string' ? null : `${q.id}: showIf on text needs a string`;
  }
}

function questionProblems(q: Question): string[] {
  const problems: string[] = [];
  if (!QUESTION_ID.test(q.id)) problems.push(`${q.id}: ids are camelCase letters and digits`);
  if (q.label.trim() === '') problems.push(`${q.id}: the label is empty`);
  if (q.kind === 'choice') {
    const values = (q.options ?? []).map((o) => o.value);
    if (values.length < 2) problems.push(`${q.id}: a choice needs at least two options`);
    if (new Set(values).size !== values.length) problems.push(`${q.id}: option values repeat`);
    if ((q.options ?? []).some((o) => o.label.trim() === '')) problems.push(`${q.id}: an option has no label`);
  } else if (q.options) {
    problems.push(`${q.id}: only choice questions have options`);
  }
  if (q.min !== undefined && q.max !== undefined && q.min > q.max) problems.push(`${q.id}: min is above max`);
  if ((q.min !== undefined || q.max !== undefined) && q.kind !== 'number' && q.kind !== 'money') {
    problems.push(`${q.id}: min and max apply to numbers and money only`);
  }
  if (q.maxLength !== undefined && !(Number.isInteger(q.maxLength) && q.maxLength > 0)) {
    problems.push(`${q.id}: maxLength must be a positive whole number`);
  }
  return problems;
}

/** Human-readable problems with a form definition (in English, for administrators' logs); empty when it is sound. */
export function formDefinitionProblems(form: FormDefinition): string[] {
  const problems: string[] = [];
  if (!(Number.isInteger(form.version) && form.version >= 1)) problems.push('the version must be a whole number from 1');
  if (form.questions.length === 0) problems.push('the form has no questions');
  const earlier = new Map<string, Question>();
  for (const q of form.questions) {
    if (earlier.has(q.id)) problems.push(`${q.id}: the id is used twice`);
    problems.push(...questionProblems(q));
    const showIf = showIfProblem(q, earlier);
    if (showIf) problems.push(showIf);
    earlier.set(q.id, q);
  }
  return problems;
}
