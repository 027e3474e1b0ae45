/**
 * Synthetic requests for tests and benchmarks: valid codici fiscali that belong to
 * nobody, answers that satisfy each service's form, and mutation envelopes.
 */
import { uuidv7 } from 'uuidv7';
import { CATALOGUE, encodeCodiceFiscale, makeReference, type CatalogueService } from '@icaro/domain';
import type { Applicant, MutationEnvelope, MutationName, SubmitArgs } from '@icaro/sync';
import { generateAnswers } from '../src/seed/answers.ts';
import { Random } from '../src/seed/random.ts';

const GIVEN = ['Anna', 'Rosa', 'Lucia', 'Maria'] as const;
const FAMILY = ['Prova', 'Esempio', 'Campione', 'Modello', 'Saggio'] as const;

/** The n-th synthetic applicant: distinct codici fiscali for n below 16,800. */
export function syntheticApplicant(n: number, circoscrizione = 1 + (n % 8)): Applicant {
  const givenName = GIVEN[n % GIVEN.length]!;
  const familyName = FAMILY[Math.floor(n / 3360) % FAMILY.length]!;
  const birthDate = new Date(Date.UTC(1930 + (n % 70), Math.floor(n / 70) % 12, 1 + (Math.floor(n / 840) % 28))).toISOString().slice(0, 10);
  const codiceFiscale = encodeCodiceFiscale({ familyName, givenName, birthDate, sex: 'F', belfiore: 'G273' });
  return { codiceFiscale, givenName, familyName, circoscrizione };
}

/** A real (1x1) PNG as a data URL: the smallest signature the server accepts. */
export const TEST_SIGNATURE_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';

export function submitArgs(
  random: Random,
  applicant: Applicant,
  overrides: Partial<SubmitArgs> = {},
  service: CatalogueService = CATALOGUE[1]!,
): SubmitArgs {
  const dossierId = uuidv7();
  return {
    dossierId,
    reference: makeReference(dossierId),
    serviceCode: service.code,
    serviceVersion: service.version,
    applicant,
    answers: generateAnswers(service.form, random, new Date().toISOString().slice(0, 10)),
    consent: { method: 'signature', signature: TEST_SIGNATURE_PNG, textVersion: '2026-1', collectedAt: new Date().toISOString() },
    ...overrides,
  };
}

export function envelope(seq: number, name: MutationName, args: unknown, id = uuidv7()): MutationEnvelope {
  return { id, seq, name, args, at: new Date().toISOString() };
}

export { Random };
