/**
 * Turns a finished draft into the `dossier.submit@1` arguments. The dossier id is made
 * on the device (UUIDv7), so an offline submission has its final id and reference at once.
 */
import { CONSENT_TEXT_VERSION, makeReference, normalizeItalianPhone, pruneAnswers, validateAnswers, type Answers } from '@icaro/domain';
import type { SubmitArgs } from '@icaro/sync';
import type { Draft } from '$lib/device';
import { serviceByCode } from './catalogue.ts';
import { firstIncompleteStep, type StepId } from './flow.ts';

/** The version of the consent text the operator reads to the citizen. */
export { CONSENT_TEXT_VERSION };

export type BuildResult = { ok: true; args: SubmitArgs } | { ok: false; missing: StepId };

export function buildSubmitArgs(draft: Draft, dossierId: string): BuildResult {
  const missing = firstIncompleteStep(draft);
  const service = serviceByCode(draft.serviceCode);
  const a = draft.applicant;
  const consent = draft.consent;
  if (missing !== 'riepilogo' || !service || !a || a.circoscrizione === null || (!consent && !draft.self)) {
    return { ok: false, missing: missing === 'riepilogo' ? 'servizio' : missing };
  }
  const answers = withoutBlanks(pruneAnswers(service.form, draft.answers));
  const firstError = validateAnswers(service.form, answers)[0];
  if (firstError) return { ok: false, missing: `d-${firstError.questionId}` };
  const phone = a.phone.trim() === '' ? null : normalizeItalianPhone(a.phone);
  return {
    ok: true,
    args: {
      dossierId,
      reference: makeReference(dossierId),
      serviceCode: service.code,
      serviceVersion: service.version,
      applicant: {
        codiceFiscale: a.codiceFiscale,
        givenName: a.givenName,
        familyName: a.familyName,
        ...(phone ? { phone } : {}),
        circoscrizione: a.circoscrizione,
      },
      answers,
      ...documentRefs(draft, service.documents, consent && !draft.self && consent.method === 'scanned_delega' ? consent.delegaSha256 : undefined),
      // A citizen's own request has no consent record; an operator's always has one.
      ...(consent && !draft.self
        ? {
            consent: {
              method: consent.method,
              ...(consent.method === 'verbal_witness' ? { witnessName: consent.witnessName } : {}),
              ...(consent.method === 'signature' && consent.signature ? { signature: consent.signature } : {}),
              ...(consent.method === 'scanned_delega' && consent.delegaSha256 ? { delegaSha256: consent.delegaSha256 } : {}),
              textVersion: CONSENT_TEXT_VERSION,
              collectedAt: consent.collectedAt,
            },
          }
        : {}),
    },
  };
}

/**
 * The files attached for the service's documents (files left from another service are not
 * sent), and the scanned delega of an assisted request, so the office can open it.
 */
function documentRefs(draft: Draft, documents: readonly string[], delegaSha256?: string): Pick<SubmitArgs, 'attachments'> {
  const files = (draft.attachments ?? []).filter(
    (f) => (f.documentKind !== undefined && documents.includes(f.documentKind)) || (delegaSha256 !== undefined && f.sha256 === delegaSha256),
  );
  if (files.length === 0) return {};
  return { attachments: files.map((f) => ({ sha256: f.sha256, name: f.name, ...(f.documentKind ? { documentKind: f.documentKind } : {}) })) };
}

/** Optional questions left empty are stored as '' in the draft; the server gets nothing. */
function withoutBlanks(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== ''));
}
