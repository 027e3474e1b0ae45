import type { SubmitArgs } from '@icaro/sync';
import type { Draft } from '$lib/device';

/** A refused submission back as a draft, to correct on the riepilogo and send with a new id. */
export function draftFromSubmission(id: string, args: SubmitArgs): Draft {
  const at = new Date().toISOString();
  return {
    id,
    createdAt: at,
    updatedAt: at,
    applicant: {
      source: 'new',
      codiceFiscale: args.applicant.codiceFiscale,
      givenName: args.applicant.givenName,
      familyName: args.applicant.familyName,
      phone: args.applicant.phone ?? '',
      phoneAsked: true,
      circoscrizione: args.applicant.circoscrizione,
    },
    serviceCode: args.serviceCode,
    serviceVersion: args.serviceVersion,
    answers: { ...args.answers },
    consent: args.consent
      ? { method: args.consent.method, witnessName: args.consent.witnessName ?? '', collectedAt: args.consent.collectedAt }
      : null,
  };
}
