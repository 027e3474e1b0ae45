import { describe, expect, it } from 'vitest';
import type { Question } from '@icaro/domain';
import { it as core } from '../i18n/it.ts';
import { itExtra } from '../i18n/it-extra.ts';
import { mergeMessages } from '../i18n/merge.ts';
import { answerErrorMessage, displayAnswer, parseAnswer, parseEuroToCents, rawFromValue } from './answers.ts';

const messages = mergeMessages(core, itExtra);

const q = (kind: Question['kind'], extra: Partial<Question> = {}): Question => ({
  id: 'x',
  kind,
  label: 'Domanda',
  required: true,
  ...extra,
});
const raw = (text = '', day = '', month = '', year = '') => ({ text, day, month, year });
const euro = (c: number) => `€ ${(c / 100).toFixed(2)}`;

describe('answers', () => {
  it('reads euros the Italian way and the plain way', () => {
    expect(parseEuroToCents('1.234,56')).toBe(123456);
    expect(parseEuroToCents('250')).toBe(25000);
    expect(parseEuroToCents('250,5')).toBe(25050);
    expect(parseEuroToCents('€ 30')).toBe(3000);
    expect(parseEuroToCents('1.500')).toBe(150000);
    expect(parseEuroToCents('12.5')).toBe(1250);
    expect(parseEuroToCents('dieci')).toBeNull();
    expect(parseEuroToCents('1,234,5')).toBeNull();
  });

  it('turns three date fields into an ISO date', () => {
    expect(parseAnswer(q('date'), raw('', '7', '3', '1950'))).toEqual({ ok: true, value: '1950-03-07' });
    expect(parseAnswer(q('date'), raw('', '', '', ''))).toEqual({ ok: true, value: undefined });
    expect(parseAnswer(q('date'), raw('', '7', 'marzo', '1950'))).toEqual({ ok: false, code: 'invalid_date' });
    expect(parseAnswer(q('date'), raw('', '7', '3', '50'))).toEqual({ ok: false, code: 'invalid_date' });
  });

  it('parses whole numbers, yes/no and text', () => {
    expect(parseAnswer(q('number'), raw(' 4 '))).toEqual({ ok: true, value: 4 });
    expect(parseAnswer(q('number'), raw('4,5'))).toEqual({ ok: false, code: 'not_a_number' });
    expect(parseAnswer(q('yesno'), raw('no'))).toEqual({ ok: true, value: false });
    expect(parseAnswer(q('text'), raw('  ciao '))).toEqual({ ok: true, value: 'ciao' });
  });

  it('gives back the inputs of a stored value', () => {
    expect(rawFromValue(q('money'), 25050)).toEqual(raw('250,50'));
    expect(rawFromValue(q('date'), '1950-03-07')).toEqual(raw('', '7', '3', '1950'));
    expect(rawFromValue(q('yesno'), true)).toEqual(raw('yes'));
    for (const [question, value] of [
      [q('money'), 123456],
      [q('date'), '2001-12-31'],
      [q('number'), 3],
    ] as const) {
      expect(parseAnswer(question, rawFromValue(question, value))).toEqual({ ok: true, value });
    }
  });

  it('makes range messages specific, in euros for money', () => {
    expect(answerErrorMessage(messages, q('number', { min: 4 }), 'too_small', euro)).toBe('Il valore deve essere almeno 4');
    expect(answerErrorMessage(messages, q('money', { max: 50000 }), 'too_large', euro)).toBe('Il valore deve essere al massimo € 500.00');
    expect(answerErrorMessage(messages, q('choice'), 'required', euro)).toBe(messages.formErrors.invalid_choice);
  });

  it('shows answers in words', () => {
    const choice = q('choice', { options: [{ value: 'ufficio', label: 'In ufficio' }] });
    expect(displayAnswer(messages, choice, 'ufficio', euro, (d) => d)).toBe('In ufficio');
    expect(displayAnswer(messages, q('yesno'), true, euro, (d) => d)).toBe('Sì');
    expect(displayAnswer(messages, q('text'), '', euro, (d) => d)).toBe('Non indicato');
  });
});
