import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LIFE_SITUATIONS, type AnswerValue, type Question } from './catalogue-types.ts';
import { CATALOGUE, LIFE_SITUATION_LABELS, findService, servicesBySituation } from './catalogue.ts';
import { formDefinitionProblems } from './form-definition.ts';
import { pruneAnswers, sensitiveQuestionIds, splitSensitiveAnswers, validateAnswers, visibleQuestions } from './forms.ts';

const TODAY = '2025-06-15';

/** The table of DOMAIN.md: code, SIUSS, user area. */
const DOMAIN_TABLE = [
  ['PA-ACC-01', null, 'multiutenza'],
  ['PA-POV-01', 'A1.04', 'poverta'],
  ['PA-POV-02', 'A1.06', 'poverta'],
  ['PA-POV-03', 'A1.05', 'poverta'],
  ['PA-POV-04', 'A2.01', 'poverta'],
  ['PA-FAM-01', 'A1.04', 'famiglia_minori'],
  ['PA-FAM-02', 'A1.02', 'famiglia_minori'],
  ['PA-MIN-01', 'A2.02', 'famiglia_minori'],
  ['PA-MIN-02', 'A1.07', 'famiglia_minori'],
  ['PA-ANZ-01', 'A2.07', 'anziani'],
  ['PA-ANZ-02', 'A2.08', 'anziani'],
  ['PA-ANZ-03', 'A1.14', 'anziani'],
  ['PA-DIS-01', 'A1.16', 'disabili'],
  ['PA-DIS-02', 'A1.12', 'disabili'],
  ['PA-SAN-01', 'A1.10', 'multiutenza'],
] as const;

describe('CATALOGUE', () => {
  it('holds the 15 services of DOMAIN.md with their SIUSS codes and user areas', () => {
    expect(CATALOGUE.map((s) => [s.code, s.siuss, s.userArea])).toEqual(DOMAIN_TABLE);
  });

  it.each(CATALOGUE.map((s) => [s.code, s] as const))('%s is complete and sound', (_code, s) => {
    expect(s.version).toBe(1);
    for (const field of [s.title, s.summary, s.description, s.whoCanApply]) expect(field.trim()).not.toBe('');
    // One sentence for lists.
    expect(s.summary).toMatch(/^[^.]+\.$/);
    expect(s.documents.every((d) => d.trim() !== '')).toBe(true);
    // Law 241/1990: 30 days unless a rule says otherwise, up to 90 without a stated reason.
    expect([30, 60, 90]).toContain(s.termDays);
    expect(s.dayKind).toBe('calendar');
    if (s.iseeThresholdCents !== null) {
      expect(Number.isSafeInteger(s.iseeThresholdCents)).toBe(true);
      expect(s.iseeThresholdCents).toBeGreaterThan(0);
      expect(s.documents.join(' ')).toMatch(/ISEE/);
    }
    expect(s.lifeSituations.length).toBeGreaterThan(0);
    expect(s.form.questions.length).toBeGreaterThanOrEqual(3);
    expect(s.form.questions.length).toBeLessThanOrEqual(7);
    expect(formDefinitionProblems(s.form)).toEqual([]);
  });

  it('states the ISEE threshold in words where one applies', () => {
    // Italian style: 9.360 and 20.382,90 (Intl's it-IT does not group four-digit numbers).
    const euros = (cents: number) => {
      const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+$)/g, '.');
      return cents % 100 ? `${whole},${String(cents % 100).padStart(2, '0')}` : whole;
    };
    for (const s of CATALOGUE) {
      if (s.iseeThresholdCents !== null) expect(s.whoCanApply, s.code).toContain(`${euros(s.iseeThresholdCents)} euro`);
    }
    expect(findService('PA-POV-01')?.iseeThresholdCents).toBe(9_360_00);
    expect(findService('PA-ANZ-03')?.termDays).toBe(90);
  });

  it('marks as sensitive every service about health, disability or minors', () => {
    for (const s of CATALOGUE) {
      const aboutHealthDisabilityMinors =
        s.userArea === 'disabili' || s.code.startsWith('PA-MIN-') || s.lifeSituations.includes('salute') || s.lifeSituations.includes('disabilita');
      if (aboutHealthDisabilityMinors) expect(s.sensitive, s.code).toBe(true);
    }
    expect(findService('PA-POV-01')?.sensitive).toBe(false);
  });

  it('never asks what the applicant block already holds', () => {
    const applicantBlock = /codice fiscale|come ti chiami|tuo nome|tuo cognome|tuo (numero di )?telefono|circoscrizione|indirizzo di casa|dove abiti/i;
    const applicantIds = /^(codiceFiscale|cf|name|givenName|familyName|surname|phone|circoscrizione)$/i;
    for (const s of CATALOGUE) {
      for (const q of s.form.questions) {
        expect(q.label, `${s.code} ${q.id}`).not.toMatch(applicantBlock);
        expect(q.id, s.code).not.toMatch(applicantIds);
      }
    }
  });

  it('uses conditional steps and optional questions', () => {
    const questions = CATALOGUE.flatMap((s) => s.form.questions);
    expect(questions.filter((q) => q.showIf).length).toBeGreaterThanOrEqual(10);
    expect(questions.filter((q) => !q.required).length).toBeGreaterThanOrEqual(10);
    const kinds = new Set(questions.map((q) => q.kind));
    for (const kind of ['text', 'textarea', 'number', 'money', 'date', 'choice', 'yesno', 'phone'] as const) expect(kinds).toContain(kind);
  });
});

describe('findService and servicesBySituation', () => {
  it('finds services by code', () => {
    expect(findService('PA-FAM-02')?.title).toBe('Assegno di maternità dei Comuni');
    expect(findService('pa-fam-02')).toBeUndefined();
    expect(findService('PA-XXX-99')).toBeUndefined();
  });

  it('lists services by life situation, in catalogue order, leaving none empty', () => {
    expect(servicesBySituation('anziani').map((s) => s.code)).toEqual(['PA-ANZ-01', 'PA-ANZ-02', 'PA-ANZ-03']);
    expect(servicesBySituation('casa').map((s) => s.code)).toEqual(['PA-POV-03', 'PA-POV-04']);
    for (const situation of LIFE_SITUATIONS) {
      expect(servicesBySituation(situation).length, situation).toBeGreaterThan(0);
      expect(LIFE_SITUATION_LABELS[situation].trim(), situation).not.toBe('');
    }
  });
});

// --- every form accepts what a careful citizen would answer -----------------------

function validAnswer(q: Question): fc.Arbitrary<AnswerValue> {
  switch (q.kind) {
    case 'text':
    case 'textarea':
      return fc.stringMatching(/^[A-Za-zàèìòù' ]*[a-z][A-Za-zàèìòù' ]*$/).filter((s) => s.trim().length <= (q.maxLength ?? 200));
    case 'number':
      return fc.integer({ min: q.min ?? 0, max: q.max ?? 1000 });
    case 'money':
      return fc.integer({ min: q.min ?? 0, max: q.max ?? 100_000_00 });
    case 'date':
      return fc
        .date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'choice':
      return fc.constantFrom(...(q.options ?? []).map((o) => o.value));
    case 'yesno':
      return fc.boolean();
    case 'phone':
      return fc.constantFrom('333 123 4567', '+39 091 000 0100', '3201234567');
    case 'email':
      return fc.constantFrom('anna@example.it', 'mario.rossi@comune.palermo.example');
  }
}

describe('catalogue forms', () => {
  it.each(CATALOGUE.map((s) => [s.code, s] as const))('%s accepts any valid set of answers', (_code, s) => {
    const answers = fc.record(
      Object.fromEntries(s.form.questions.map((q) => [q.id, validAnswer(q)])),
      { requiredKeys: s.form.questions.filter((q) => q.required).map((q) => q.id) },
    );
    fc.assert(
      fc.property(answers, (a) => {
        expect(validateAnswers(s.form, a, { today: TODAY })).toEqual([]);
        expect(validateAnswers(s.form, pruneAnswers(s.form, a), { today: TODAY })).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it.each(CATALOGUE.map((s) => [s.code, s] as const))('%s asks for every required step left empty', (_code, s) => {
    const required = visibleQuestions(s.form, {}).filter((q) => q.required).map((q) => q.id);
    expect(required.length).toBeGreaterThan(0);
    expect(validateAnswers(s.form, {}, { today: TODAY })).toEqual(required.map((questionId) => ({ questionId, code: 'required' })));
  });
});

describe('sensitive questions', () => {
  it('are marked on health, disability and income details only', () => {
    const marked = CATALOGUE.flatMap((s) => [...sensitiveQuestionIds(s.form)].map((id) => `${s.code}:${id}`));
    expect(marked.length).toBeGreaterThan(10);
    expect(marked.some((m) => m.endsWith(':disabilityKind'))).toBe(true);
    expect(marked.some((m) => m.endsWith(':householdSize'))).toBe(false);
  });

  it('split answers into the open part and the sensitive part', () => {
    const form = { version: 1, questions: [yesnoQ('a'), { ...yesnoQ('b'), sensitive: true as const }] };
    expect(splitSensitiveAnswers(form, { a: true, b: false })).toEqual({ open: { a: true }, sensitive: { b: false } });
  });
});

function yesnoQ(id: string) {
  return { id, kind: 'yesno' as const, label: id, required: true };
}
