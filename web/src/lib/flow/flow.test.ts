import { describe, expect, it } from 'vitest';
import type { Draft } from '../device/draft-types.ts';
import { firstIncompleteStep, isStepId, stepAfter, stepBefore, stepPosition, stepsFor } from './flow.ts';
import { emptyDraft } from '../test/fixtures.ts';

/** A real 1x1 PNG: the smallest drawn signature. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';

const person = (source: 'known' | 'new'): NonNullable<Draft['applicant']> => ({
  source,
  codiceFiscale: 'RSSMRA80A01G273Z',
  givenName: 'Mario',
  familyName: 'Rossi',
  phone: '',
  phoneAsked: true,
  circoscrizione: 4,
});

describe('the request flow', () => {
  it('asks a new person for CF, name and circoscrizione, a known one only for the phone', () => {
    expect(stepsFor({ ...emptyDraft(), applicant: person('new') })).toEqual([
      'persona',
      'codice-fiscale',
      'nome',
      'telefono',
      'circoscrizione',
      'servizio',
      'consenso',
      'riepilogo',
    ]);
    expect(stepsFor({ ...emptyDraft(), applicant: person('known') })).toEqual(['persona', 'telefono', 'servizio', 'consenso', 'riepilogo']);
  });

  it('adds the service questions, following showIf', () => {
    const draft: Draft = { ...emptyDraft(), applicant: person('known'), serviceCode: 'PA-ACC-01', serviceVersion: 1 };
    const base = stepsFor(draft).filter((s) => s.startsWith('d-'));
    expect(base).toEqual(['d-topic', 'd-story', 'd-meeting', 'd-interpreter']);
    const withOther = stepsFor({ ...draft, answers: { topic: 'altro', interpreter: true } }).filter((s) => s.startsWith('d-'));
    expect(withOther).toEqual(['d-topic', 'd-topicOther', 'd-story', 'd-meeting', 'd-interpreter', 'd-interpreterLanguage']);
  });

  it('resumes at the first unanswered step, an optional one answered empty included', () => {
    const draft: Draft = { ...emptyDraft(), applicant: person('known'), serviceCode: 'PA-ACC-01', serviceVersion: 1 };
    expect(firstIncompleteStep(emptyDraft())).toBe('persona');
    expect(firstIncompleteStep(draft)).toBe('d-topic');
    expect(firstIncompleteStep({ ...draft, answers: { topic: 'soldi' } })).toBe('d-story');
    expect(firstIncompleteStep({ ...draft, answers: { topic: 'soldi', story: '' } })).toBe('d-meeting');
  });

  it('goes back to the riepilogo after a change, unless the change opened a new question', () => {
    const done: Draft = {
      ...emptyDraft(),
      applicant: person('known'),
      serviceCode: 'PA-ACC-01',
      serviceVersion: 1,
      answers: { topic: 'soldi', story: '', meeting: 'ufficio', interpreter: false },
      consent: { method: 'signature', witnessName: '', signature: PNG, collectedAt: '2026-11-26T10:00:00.000Z' },
    };
    expect(stepAfter(done, 'telefono', true)).toBe('riepilogo');
    // A signature method without the signature drawn is not a consent yet.
    const { signature: _, ...unsigned } = done.consent!;
    expect(stepAfter({ ...done, consent: unsigned }, 'telefono', true)).toBe('consenso');
    expect(stepAfter({ ...done, answers: { ...done.answers, topic: 'altro' } }, 'd-topic', true)).toBe('d-topicOther');
    expect(stepAfter(done, 'telefono', false)).toBe('servizio');
  });

  it('numbers the steps and knows the one before', () => {
    const draft: Draft = { ...emptyDraft(), applicant: person('new') };
    expect(stepPosition(draft, 'nome')).toEqual({ index: 3, total: 8 });
    expect(stepBefore(draft, 'nome')).toBe('codice-fiscale');
    expect(stepBefore(draft, 'persona')).toBeNull();
  });

  it('recognises step ids from the URL', () => {
    expect(isStepId('riepilogo')).toBe(true);
    expect(isStepId('d-topic')).toBe(true);
    expect(isStepId('d-')).toBe(false);
    expect(isStepId('admin')).toBe(false);
  });
});
