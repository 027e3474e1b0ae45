/**
 * The one home of form rules: which steps are shown, and whether an answer is valid.
 * The device runs them as the citizen goes; the server runs them again on receipt.
 */
import type { AnswerValue, Answers, FormDefinition, Question } from './catalogue-types.ts';

export const FORM_ERROR_CODES = [
  'required',
  'too_long',
  'not_a_number',
  'too_small',
  'too_large',
  'invalid_date',
  'future_date',
  'invalid_choice',
  'invalid_phone',
  'invalid_email',
] as const;
export type FormErrorCode = (typeof FORM_ERROR_CODES)[number];

export interface FormError {
  questionId: string;
  code: FormErrorCode;
}

/** Length limits when a question sets none, in characters. */
export const DEFAULT_MAX_LENGTH = { text: 200, textarea: 2000 } as const;

/** Dates before this are typing errors, not birth dates of living people. */
export const EARLIEST_DATE = '1900-01-01';

const MAX_EMAIL_LENGTH = 254;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface ValidateOptions {
  /** Today as ISO YYYY-MM-DD; defaults to today in Palermo (Europe/Rome). */
  readonly today?: string;
}

/** Today's date in Palermo, whatever the time zone of the machine. */
let palermoDate: Intl.DateTimeFormat | null = null;
/**
 * Palermo's offset from UTC is a whole number of hours and changes only on the hour
 * (CET since 1893, summer time at 01:00 UTC), so the date there is the same for a whole
 * UTC hour: the formatter runs once per hour, not once per answer or event.
 */
const HOUR_MS = 3_600_000;
const CACHE_FROM = Date.UTC(1900, 0, 1);
let cachedHour = NaN;
let cachedDay = '';
export function todayInPalermo(now: Date = new Date()): string {
  const t = now.getTime();
  const hour = Math.floor(t / HOUR_MS);
  if (hour === cachedHour) return cachedDay;
  // Building a formatter costs far more than using one: validation runs per answer.
  palermoDate ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });
  const parts = palermoDate.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  if (t >= CACHE_FROM) {
    cachedHour = hour;
    cachedDay = day;
  }
  return day;
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * An Italian phone number as +39 followed by its digits, or null when it is not one.
 * Accepts spaces, dots, dashes, slashes and brackets, and a +39 or 0039 prefix. Mobiles
 * start with 3 and have 9–10 digits; landlines start with 0 and have 6–11.
 */
export function normalizeItalianPhone(s: string): string | null {
  let digits = s.replace(/[\s.\-/()]/g, '');
  if (digits.startsWith('+39')) digits = digits.slice(3);
  else if (digits.startsWith('0039')) digits = digits.slice(4);
  if (/^3\d{8,9}$/.test(digits) || /^0\d{5,10}$/.test(digits)) return `+39${digits}`;
  return null;
}

function isBlank(value: AnswerValue | null | undefined): value is null | undefined | '' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function checkRange(question: Question, n: number): FormErrorCode | null {
  if (question.min !== undefined && n < question.min) return 'too_small';
  if (question.max !== undefined && n > question.max) return 'too_large';
  return null;
}

function checkText(question: Question, value: AnswerValue, defaultMax: number): FormErrorCode | null {
  // A text step answered with a number or a boolean can only come from a broken or
  // tampered client: it is refused as if no text had been given.
  if (typeof value !== 'string') return 'required';
  const length = [...value.trim()].length;
  return length > (question.maxLength ?? defaultMax) ? 'too_long' : null;
}

function checkDate(value: AnswerValue, today: string): FormErrorCode | null {
  if (typeof value !== 'string' || !isIsoDate(value) || value < EARLIEST_DATE) return 'invalid_date';
  return value > today ? 'future_date' : null;
}

/**
 * Checks one answer against its question. Blank answers (missing, null, only spaces)
 * are an error only when the question is required.
 *
 * - number: a whole number (counts: people, children, hours), within min/max;
 * - money: integer cents, never negative, within min/max (in cents);
 * - date: a real ISO date from 1900, not after today;
 * - choice: one of the option values; yesno: a boolean.
 */
export function validateAnswer(
  question: Question,
  value: AnswerValue | null | undefined,
  options: ValidateOptions = {},
): FormErrorCode | null {
  if (isBlank(value)) return question.required ? 'required' : null;
  switch (question.kind) {
    case 'text':
      return checkText(question, value, DEFAULT_MAX_LENGTH.text);
    case 'textarea':
      return checkText(question, value, DEFAULT_MAX_LENGTH.textarea);
    case 'number':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'not_a_number';
      return checkRange(question, value);
    case 'money':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'not_a_number';
      if (value < 0) return 'too_small';
      return checkRange(question, value);
    case 'date':
      return checkDate(value, options.today ?? todayInPalermo());
    case 'choice':
      return typeof value === 'string' && (question.options ?? []).some((o) => o.value === value) ? null : 'invalid_choice';
    case 'yesno':
      return typeof value === 'boolean' ? null : 'invalid_choice';
    case 'phone':
      return typeof value === 'string' && normalizeItalianPhone(value) !== null ? null : 'invalid_phone';
    case 'email':
      return typeof value === 'string' && value.length <= MAX_EMAIL_LENGTH && EMAIL.test(value.trim()) ? null : 'invalid_email';
  }
}

function answerOf(answers: Answers, id: string): AnswerValue | undefined {
  return Object.hasOwn(answers, id) ? answers[id] : undefined;
}

/**
 * The questions to ask, in order. A step with `showIf` is shown only when the question
 * it depends on is itself shown, comes earlier, and has exactly that answer.
 */
export function visibleQuestions(form: FormDefinition, answers: Answers): readonly Question[] {
  const shown = new Set<string>();
  const out: Question[] = [];
  for (const q of form.questions) {
    const cond = q.showIf;
    if (cond && !(shown.has(cond.questionId) && answerOf(answers, cond.questionId) === cond.equals)) continue;
    shown.add(q.id);
    out.push(q);
  }
  return out;
}

/**
 * Every problem with the answers to the questions shown, in form order. Answers to
 * hidden or unknown questions are not errors: drop them with pruneAnswers.
 */
export function validateAnswers(form: FormDefinition, answers: Answers, options: ValidateOptions = {}): FormError[] {
  const errors: FormError[] = [];
  for (const q of visibleQuestions(form, answers)) {
    const code = validateAnswer(q, answerOf(answers, q.id), options);
    if (code) errors.push({ questionId: q.id, code });
  }
  return errors;
}

/** The answers to the questions shown, without those to hidden or unknown questions. */
export function pruneAnswers(form: FormDefinition, answers: Answers): Answers {
  const kept: [string, AnswerValue][] = [];
  for (const q of visibleQuestions(form, answers)) {
    const value = answerOf(answers, q.id);
    if (value !== undefined) kept.push([q.id, value]);
  }
  return Object.fromEntries(kept);
}

/** The ids of a form's sensitive questions (health, disability, income details). */
export function sensitiveQuestionIds(form: FormDefinition): Set<string> {
  const ids = new Set<string>();
  for (const q of form.questions) if (q.sensitive) ids.add(q.id);
  return ids;
}

/** Splits answers into what any staff member of the office may see and the sensitive part. */
export function splitSensitiveAnswers(form: FormDefinition, answers: Answers): { open: Answers; sensitive: Answers } {
  const ids = sensitiveQuestionIds(form);
  const open: Answers = {};
  const sensitive: Answers = {};
  for (const [id, value] of Object.entries(answers)) (ids.has(id) ? sensitive : open)[id] = value;
  return { open, sensitive };
}
