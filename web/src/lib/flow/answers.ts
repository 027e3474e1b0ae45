/**
 * Between what people type and what the form stores: euros typed the Italian way become
 * integer cents, three date fields become an ISO date, "Sì"/"No" become booleans. The
 * rules about valid answers stay in @icaro/domain (validateAnswer); this only converts.
 */
import { DEFAULT_MAX_LENGTH, type AnswerValue, type FormErrorCode, type Question } from '@icaro/domain';
import type { Messages } from '$lib/i18n/types.ts';

/** The raw text of a question's inputs; dates use three parts. */
export interface RawAnswer {
  text: string;
  day: string;
  month: string;
  year: string;
}

export type Parsed = { ok: true; value: AnswerValue | undefined } | { ok: false; code: FormErrorCode };

/** "1.234,56", "1234.5", "€ 30" → cents. Null when it is not an amount. */
export function parseEuroToCents(input: string): number | null {
  let s = input.replace(/[\s€]/g, '').replace(/euro$/i, '');
  if (s === '') return null;
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, fraction = ''] = s.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function formatCentsForInput(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, '0')}`;
}

/** Turns the inputs of a question into a stored value, or a domain error code. */
export function parseAnswer(question: Question, raw: RawAnswer): Parsed {
  switch (question.kind) {
    case 'number': {
      const s = raw.text.trim();
      if (s === '') return { ok: true, value: undefined };
      return /^-?\d+$/.test(s) ? { ok: true, value: Number(s) } : { ok: false, code: 'not_a_number' };
    }
    case 'money': {
      if (raw.text.trim() === '') return { ok: true, value: undefined };
      const cents = parseEuroToCents(raw.text);
      return cents === null ? { ok: false, code: 'not_a_number' } : { ok: true, value: cents };
    }
    case 'date': {
      const [d, m, y] = [raw.day.trim(), raw.month.trim(), raw.year.trim()];
      if (d === '' && m === '' && y === '') return { ok: true, value: undefined };
      if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { ok: false, code: 'invalid_date' };
      return { ok: true, value: `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` };
    }
    case 'yesno':
      return { ok: true, value: raw.text === 'yes' ? true : raw.text === 'no' ? false : undefined };
    default:
      return { ok: true, value: raw.text.trim() === '' ? undefined : raw.text.trim() };
  }
}

/** The inputs to show for a stored value (to come back to a step, or to edit it). */
export function rawFromValue(question: Question, value: AnswerValue | undefined): RawAnswer {
  const raw: RawAnswer = { text: '', day: '', month: '', year: '' };
  if (value === undefined || value === '') return raw;
  if (question.kind === 'money' && typeof value === 'number') raw.text = formatCentsForInput(value);
  else if (question.kind === 'date' && typeof value === 'string') {
    const [y = '', m = '', d = ''] = value.split('-');
    Object.assign(raw, { year: y, month: String(Number(m)), day: String(Number(d)) });
  } else if (question.kind === 'yesno') raw.text = value === true ? 'yes' : 'no';
  else raw.text = String(value);
  return raw;
}

/** The message for an error code, made specific with the question's limits. */
export function answerErrorMessage(m: Messages, question: Question, code: FormErrorCode, euro: (cents: number) => string): string {
  const limit = (n: number) => (question.kind === 'money' ? euro(n) : String(n));
  if (code === 'too_small' && question.min !== undefined) return m.formErrorRange.min(limit(question.min));
  if (code === 'too_large' && question.max !== undefined) return m.formErrorRange.max(limit(question.max));
  if (code === 'too_long') {
    const max = question.maxLength ?? (question.kind === 'textarea' ? DEFAULT_MAX_LENGTH.textarea : DEFAULT_MAX_LENGTH.text);
    return m.formErrorRange.maxLength(max);
  }
  if (code === 'required' && (question.kind === 'choice' || question.kind === 'yesno')) return m.formErrors.invalid_choice;
  return m.formErrors[code];
}

/** How a stored answer reads on the riepilogo and the dossier pages. */
export function displayAnswer(m: Messages, question: Question | undefined, value: AnswerValue, euro: (c: number) => string, date: (iso: string) => string): string {
  if (value === '') return m.flow.review.notGiven;
  if (typeof value === 'boolean') return value ? m.flow.yes : m.flow.no;
  if (!question) return String(value);
  if (question.kind === 'money' && typeof value === 'number') return euro(value);
  if (question.kind === 'date' && typeof value === 'string') return date(value);
  if (question.kind === 'choice') return question.options?.find((o) => o.value === value)?.label ?? String(value);
  return String(value);
}
