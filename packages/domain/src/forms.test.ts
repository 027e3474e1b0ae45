import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FormDefinition, Question } from './catalogue-types.ts';
import {
  isIsoDate,
  normalizeItalianPhone,
  pruneAnswers,
  todayInPalermo,
  validateAnswer,
  validateAnswers,
  visibleQuestions,
} from './forms.ts';
import { formDefinitionProblems } from './form-definition.ts';

const TODAY = { today: '2025-06-15' };

function q(kind: Question['kind'], extra: Partial<Question> = {}): Question {
  return { id: 'x', kind, label: 'Domanda', required: true, ...extra };
}

const FORM: FormDefinition = {
  version: 1,
  questions: [
    q('yesno', { id: 'livesAlone' }),
    q('choice', {
      id: 'helper',
      showIf: { questionId: 'livesAlone', equals: false },
      options: [
        { value: 'family', label: 'Un familiare' },
        { value: 'other', label: 'Altra persona' },
      ],
    }),
    q('phone', { id: 'helperPhone', showIf: { questionId: 'helper', equals: 'family' } }),
    q('textarea', { id: 'notes', required: false }),
  ],
};

describe('visibleQuestions', () => {
  const ids = (answers: Record<string, string | number | boolean>) => visibleQuestions(FORM, answers).map((x) => x.id);

  it('hides conditional steps until their condition holds', () => {
    expect(ids({})).toEqual(['livesAlone', 'notes']);
    expect(ids({ livesAlone: true })).toEqual(['livesAlone', 'notes']);
    expect(ids({ livesAlone: false })).toEqual(['livesAlone', 'helper', 'notes']);
    expect(ids({ livesAlone: false, helper: 'family' })).toEqual(['livesAlone', 'helper', 'helperPhone', 'notes']);
  });

  it('hides a step whose condition rests on a hidden answer', () => {
    // helper was answered, then livesAlone changed: helperPhone must go too.
    expect(ids({ livesAlone: true, helper: 'family' })).toEqual(['livesAlone', 'notes']);
  });

  it('compares strictly: "false" is not false', () => {
    expect(ids({ livesAlone: 'false' })).toEqual(['livesAlone', 'notes']);
  });

  it('never shows a step that depends on a later or unknown question', () => {
    const form: FormDefinition = {
      version: 1,
      questions: [q('text', { id: 'a', showIf: { questionId: 'b', equals: 'x' } }), q('text', { id: 'b' })],
    };
    expect(visibleQuestions(form, { a: 'x', b: 'x' }).map((x) => x.id)).toEqual(['b']);
  });

  it('ignores inherited properties of the answers object', () => {
    const form: FormDefinition = { version: 1, questions: [q('text', { id: 'toString' })] };
    expect(validateAnswers(form, {}, TODAY)).toEqual([{ questionId: 'toString', code: 'required' }]);
  });
});

describe('validateAnswer', () => {
  it.each([
    ['text', undefined, 'required'],
    ['text', null, 'required'],
    ['text', '   ', 'required'],
    ['text', 'Via Roma', null],
    ['text', 'a'.repeat(200), null],
    ['text', 'a'.repeat(201), 'too_long'],
    ['text', 42, 'required'],
    ['textarea', 'a'.repeat(2000), null],
    ['textarea', 'a'.repeat(2001), 'too_long'],
    ['number', 3, null],
    ['number', 2.5, 'not_a_number'],
    ['number', '3', 'not_a_number'],
    ['number', Number.NaN, 'not_a_number'],
    ['money', 0, null],
    ['money', 936000, null],
    ['money', -1, 'too_small'],
    ['money', 10.5, 'not_a_number'],
    ['date', '2025-06-15', null],
    ['date', '2024-02-29', null],
    ['date', '2023-02-29', 'invalid_date'],
    ['date', '2025-13-01', 'invalid_date'],
    ['date', '15/06/2025', 'invalid_date'],
    ['date', '1899-12-31', 'invalid_date'],
    ['date', '2025-06-16', 'future_date'],
    ['yesno', false, null],
    ['yesno', 'no', 'invalid_choice'],
    ['phone', '333 123 4567', null],
    ['phone', '+39 091 000 0100', null],
    ['phone', '12345', 'invalid_phone'],
    ['email', 'anna.bianchi@example.it', null],
    ['email', 'anna.bianchi@example', 'invalid_email'],
    ['email', 'anna bianchi@example.it', 'invalid_email'],
  ] as const)('%s %j -> %s', (kind, value, code) => {
    expect(validateAnswer(q(kind), value, TODAY)).toBe(code);
  });

  it('lets optional questions be left blank, but checks them when answered', () => {
    expect(validateAnswer(q('email', { required: false }), '', TODAY)).toBeNull();
    expect(validateAnswer(q('email', { required: false }), 'nope', TODAY)).toBe('invalid_email');
  });

  it('applies min, max and maxLength', () => {
    const people = q('number', { min: 1, max: 20 });
    expect(validateAnswer(people, 0)).toBe('too_small');
    expect(validateAnswer(people, 1)).toBeNull();
    expect(validateAnswer(people, 20)).toBeNull();
    expect(validateAnswer(people, 21)).toBe('too_large');
    expect(validateAnswer(q('money', { max: 500_00 }), 500_01)).toBe('too_large');
    expect(validateAnswer(q('text', { maxLength: 5 }), 'Palermo')).toBe('too_long');
    // Counted in characters, not UTF-16 units.
    expect(validateAnswer(q('text', { maxLength: 3 }), 'àèì')).toBeNull();
  });

  it('accepts only the options of a choice', () => {
    const choice = q('choice', { options: [{ value: 'a', label: 'A' }] });
    expect(validateAnswer(choice, 'a')).toBeNull();
    expect(validateAnswer(choice, 'b')).toBe('invalid_choice');
    expect(validateAnswer(choice, true)).toBe('invalid_choice');
  });

  it('accepts any past date and no future one', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(validateAnswer(q('date'), iso, TODAY)).toBe(iso <= TODAY.today ? null : 'future_date');
      }),
    );
  });
});

describe('dates and phones', () => {
  it('knows real dates', () => {
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-4-30')).toBe(false);
  });

  it('takes today in Palermo, not in UTC', () => {
    // 23:30 UTC on 31 Dec is already New Year in Palermo.
    expect(todayInPalermo(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
    expect(todayInPalermo(new Date('2025-07-15T10:00:00Z'))).toBe('2025-07-15');
  });

  it('gives the formatter date for every minute around midnight and the summer-time changes (the hourly cache)', () => {
    const fresh = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });
    const starts = ['2025-03-29T20:00:00Z', '2025-10-25T20:00:00Z', '2024-12-31T20:00:00Z', '1968-05-25T20:00:00Z', '2031-03-29T20:00:00Z'];
    for (const start of starts) {
      const from = Date.parse(start);
      // Forwards and then backwards, a minute at a time, across two local midnights.
      const minutes = Array.from({ length: 36 * 60 }, (_, i) => from + i * 60_000);
      for (const t of [...minutes, ...minutes.reverse()])
        expect(todayInPalermo(new Date(t)), new Date(t).toISOString()).toBe(fresh.format(t));
    }
  });

  it.each([
    ['3331234567', '+393331234567'],
    ['+39 333 123 4567', '+393331234567'],
    ['0039 333.123.4567', '+393331234567'],
    ['091/6543210', '+390916543210'],
    ['(091) 654-3210', '+390916543210'],
    ['333123456', '+39333123456'],
    ['33312345678', null],
    ['1234567', null],
    ['+44 20 7946 0000', null],
    ['333 123 456a', null],
  ])('normalizeItalianPhone(%j) = %j', (input, expected) => {
    expect(normalizeItalianPhone(input)).toBe(expected);
  });
});

describe('validateAnswers and pruneAnswers', () => {
  it('reports problems of shown questions only, in form order', () => {
    expect(validateAnswers(FORM, {}, TODAY)).toEqual([{ questionId: 'livesAlone', code: 'required' }]);
    expect(validateAnswers(FORM, { livesAlone: false, helper: 'family', helperPhone: 'x' }, TODAY)).toEqual([
      { questionId: 'helperPhone', code: 'invalid_phone' },
    ]);
    expect(validateAnswers(FORM, { livesAlone: true, helper: 'nonsense', extra: 1 }, TODAY)).toEqual([]);
  });

  it('drops answers to hidden and unknown questions', () => {
    expect(pruneAnswers(FORM, { livesAlone: true, helper: 'family', helperPhone: '3331234567', notes: 'ok', extra: 1 })).toEqual({
      livesAlone: true,
      notes: 'ok',
    });
  });

  it('prunes to a fixed point: a pruned set of answers shows the same questions', () => {
    const answer = fc.oneof(fc.boolean(), fc.constantFrom('family', 'other', 'x'), fc.string());
    const answers = fc.record(
      { livesAlone: answer, helper: answer, helperPhone: answer, notes: answer, extra: answer },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answers, (a) => {
        const pruned = pruneAnswers(FORM, a);
        expect(visibleQuestions(FORM, pruned)).toEqual(visibleQuestions(FORM, a));
        expect(pruneAnswers(FORM, pruned)).toEqual(pruned);
        expect(validateAnswers(FORM, pruned, TODAY)).toEqual(validateAnswers(FORM, a, TODAY));
      }),
    );
  });
});

describe('formDefinitionProblems', () => {
  it('accepts a sound form', () => {
    expect(formDefinitionProblems(FORM)).toEqual([]);
  });

  it('finds broken forms', () => {
    const broken: FormDefinition = {
      version: 0,
      questions: [
        q('choice', { id: 'a', options: [{ value: 'x', label: 'X' }] }),
        q('text', { id: 'a', min: 1 }),
        q('text', { id: 'b', showIf: { questionId: 'a', equals: 'y' } }),
        q('text', { id: 'c', showIf: { questionId: 'z', equals: 'y' } }),
        q('yesno', { id: 'Bad-id' }),
        q('number', { id: 'd', min: 5, max: 1, showIf: { questionId: 'Bad-id', equals: 'yes' } }),
      ],
    };
    const problems = formDefinitionProblems(broken);
    expect(problems).toHaveLength(8);
    expect(problems.join('\n')).toMatch(/version/);
    expect(problems.join('\n')).toMatch(/used twice/);
    expect(problems.join('\n')).toMatch(/not an earlier question/);
  });
});
