import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@icaro/domain';
import type { Draft } from '../device/draft-types.ts';
import { documentForStep, firstIncompleteStep, isStepDone, isStepId, stepsFor } from './flow.ts';
import { buildSubmitArgs } from './submit.ts';
import { emptyDraft } from '../test/fixtures.ts';

// Contributo economico straordinario: the ISEE and the receipts of the urgent expense.
const service = CATALOGUE.find((s) => s.code === 'PA-POV-01')!;
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function draftWith(extra: Partial<Draft> = {}): Draft {
  return {
    ...emptyDraft(),
    applicant: {
      source: 'known',
      codiceFiscale: 'RSSMRA80A01G273Z',
      givenName: 'Mario',
      familyName: 'Rossi',
      phone: '',
      phoneAsked: true,
      circoscrizione: 4,
    },
    serviceCode: service.code,
    serviceVersion: service.version,
    ...extra,
  };
}

describe('document pages of the request flow', () => {
  it('adds one page per document the service asks for, after its questions', () => {
    const steps = stepsFor(draftWith());
    const docs = steps.filter((s) => s.startsWith('documento-'));
    expect(docs).toEqual(service.documents.map((_, i) => `documento-${i + 1}`));
    expect(steps.indexOf(docs[0]!)).toBeGreaterThan(Math.max(...steps.map((s, i) => (s.startsWith('d-') ? i : -1))));
    expect(steps.at(-1)).toBe('riepilogo');
    expect(documentForStep(draftWith(), 'documento-2')).toEqual({ index: 1, label: service.documents[1] });
    expect(documentForStep(draftWith(), `documento-${service.documents.length + 1}`)).toBeUndefined();
    expect(isStepId('documento-1')).toBe(true);
    expect(isStepId('documento-0')).toBe(false);
    expect(isStepId('documento-x')).toBe(false);
  });

  it('counts a document page as done once seen, attached or not, so resuming skips it', () => {
    const draft = draftWith({ documentsAsked: [0] });
    expect(isStepDone(draft, 'documento-1')).toBe(true);
    expect(isStepDone(draft, 'documento-2')).toBe(false);
  });

  it('sends the files attached for this service, by hash, and drops files left from another service', () => {
    const draft = draftWith({
      answers: { reason: 'bollette', amountCents: 15000, householdSize: 2, otherSupport: false },
      documentsAsked: service.documents.map((_, i) => i),
      attachments: [
        { sha256: SHA_A, name: 'isee.pdf', mime: 'application/pdf', size: 1000, documentKind: service.documents[0] },
        { sha256: SHA_B, name: 'vecchio.jpg', mime: 'image/jpeg', size: 1000, documentKind: 'Un documento di un altro servizio' },
      ],
      consent: { method: 'verbal_witness', witnessName: 'Giuseppe Verdi', collectedAt: new Date().toISOString() },
    });
    expect(firstIncompleteStep(draft)).toBe('riepilogo');
    const built = buildSubmitArgs(draft, '01890a5d-ac96-774b-bcce-b302099a8057');
    if (!built.ok) throw new Error(`missing ${built.missing}`);
    expect(built.args.attachments).toEqual([{ sha256: SHA_A, name: 'isee.pdf', documentKind: service.documents[0] }]);
  });
});
