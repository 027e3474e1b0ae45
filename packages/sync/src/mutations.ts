/**
 * The one typed mutation map shared by the device and the server. Names carry a
 * version; the server accepts the current version and the one before (ARCHITECTURE.md).
 * Each mutation has a strict args schema and a local mutator that gives the device's
 * optimistic view while the mutation waits in the outbox.
 */
import * as z from 'zod/mini';
import {
  CONTACT_FIELDS,
  DOSSIER_STATES,
  CONSENT_METHODS,
  NEED_KINDS,
  NEEDS_DESCRIPTION_MAX,
  PEOPLE_BANDS,
  SIGNATURE_MAX_CHARS,
  URGENCIES,
  USER_AREAS,
  WITNESS_NAME_MAX,
  ATTACHMENT_NAME_MAX,
  ATTACHMENTS_MAX_PER_RECORD,
  type DossierState,
} from '@icaro/domain';

export const MUTATION_NAMES = [
  'dossier.submit@1',
  'dossier.transition@1',
  'dossier.assign@1',
  'needs.report@1',
  'person.updateContact@1',
  'dossier.respond@1',
] as const;
export type MutationName = (typeof MUTATION_NAMES)[number];

const answerValue = z.union([z.string().check(z.maxLength(4000)), z.number(), z.boolean()]);

export const applicantSchema = z.strictObject({
  codiceFiscale: z.string().check(z.length(16)),
  givenName: z.string().check(z.minLength(1), z.maxLength(100)),
  familyName: z.string().check(z.minLength(1), z.maxLength(100)),
  phone: z.optional(z.string().check(z.maxLength(30))),
  circoscrizione: z.number().check(z.int(), z.minimum(1), z.maximum(8)),
});
export type Applicant = z.infer<typeof applicantSchema>;

/** How a citizen's consent to be represented was collected (assisted mode). */
export const consentSchema = z.strictObject({
  method: z.enum(CONSENT_METHODS),
  witnessName: z.optional(z.string().check(z.maxLength(WITNESS_NAME_MAX))),
  /** `signature`: the signature drawn on screen, a PNG data URL (checked by consentProblem). */
  signature: z.optional(z.string().check(z.maxLength(SIGNATURE_MAX_CHARS))),
  /** `scanned_delega`: the SHA-256 of the scanned delega, uploaded as an attachment. */
  delegaSha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
  textVersion: z.string().check(z.minLength(1), z.maxLength(20)),
  collectedAt: z.iso.datetime({ offset: true }),
});
export type Consent = z.infer<typeof consentSchema>;

/**
 * A document a record names, by the SHA-256 of its bytes. Records and files travel
 * apart (the upload queue sends the bytes): the record may reach the server first, and
 * the document shows "in arrivo" until the file does.
 */
export const attachmentRefSchema = z.strictObject({
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  name: z.string().check(z.minLength(1), z.maxLength(ATTACHMENT_NAME_MAX)),
  /** Which of the service's required documents it is, as the catalogue words it. */
  documentKind: z.optional(z.string().check(z.maxLength(300))),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;
const attachmentRefs = z.array(attachmentRefSchema).check(z.maxLength(ATTACHMENTS_MAX_PER_RECORD));

export const submitArgsSchema = z.strictObject({
  dossierId: z.uuid(),
  reference: z.string().check(z.regex(/^[A-Z0-9-]{6,20}$/)),
  serviceCode: z.string().check(z.regex(/^PA-[A-Z]{3}-\d{2}$/)),
  serviceVersion: z.number().check(z.int(), z.positive()),
  applicant: applicantSchema,
  answers: z.record(z.string().check(z.maxLength(60)), answerValue),
  consent: z.optional(consentSchema),
  /** The documents sent with the request (added in place: older devices simply send none). */
  attachments: z.optional(attachmentRefs),
});
export type SubmitArgs = z.infer<typeof submitArgsSchema>;

export const transitionArgsSchema = z.strictObject({
  dossierId: z.uuid(),
  /** The state the user saw: if the dossier has moved on, the mutation is refused as stale. */
  from: z.enum(DOSSIER_STATES),
  to: z.enum(DOSSIER_STATES),
  reason: z.optional(z.string().check(z.maxLength(2000))),
});
export type TransitionArgs = z.infer<typeof transitionArgsSchema>;

/**
 * The head of procedure assigns a protocolled dossier to a case officer of the office
 * (PROTOCOLLATA -> ASSEGNATA), or reassigns it (ASSEGNATA -> ASSEGNATA).
 */
export const assignArgsSchema = z.strictObject({
  dossierId: z.uuid(),
  /** The state the user saw, as for a transition. */
  from: z.enum(['PROTOCOLLATA', 'ASSEGNATA']),
  officerId: z.uuid(),
  /** Shown on the device until the server's view arrives; the server uses its own record. */
  officerName: z.optional(z.string().check(z.maxLength(200))),
});
export type AssignArgs = z.infer<typeof assignArgsSchema>;

/** A needs report filed from the field by an association operator (rilevazione dei bisogni). */
export const needsReportArgsSchema = z.strictObject({
  reportId: z.uuid(),
  circoscrizione: z.number().check(z.int(), z.minimum(1), z.maximum(8)),
  userArea: z.enum(USER_AREAS),
  need: z.enum(NEED_KINDS),
  peopleBand: z.enum(PEOPLE_BANDS),
  urgency: z.enum(URGENCIES),
  description: z.string().check(z.minLength(1), z.maxLength(NEEDS_DESCRIPTION_MAX)),
  /** The day the need was observed (a Europe/Rome date). */
  observedOn: z.iso.date(),
});
export type NeedsReportArgs = z.infer<typeof needsReportArgsSchema>;

/**
 * A change to the applicant's contact data, made through one of their dossiers. `base` is
 * the value the device saw: if the server's value has changed since, the server keeps both
 * in a conflict record for staff and overwrites nothing (issue 4 §9).
 */
export const updateContactArgsSchema = z.strictObject({
  dossierId: z.uuid(),
  field: z.enum(CONTACT_FIELDS),
  base: z.nullable(z.string().check(z.maxLength(254))),
  value: z.nullable(z.string().check(z.maxLength(254))),
});
export type UpdateContactArgs = z.infer<typeof updateContactArgsSchema>;

/**
 * The applicant's answer to an integration request: a message and/or the missing
 * documents. It ends the suspension (INTEGRAZIONE_RICHIESTA -> ISTRUTTORIA, the
 * lifecycle's 'answer' transition): the clock runs again from the server's receipt.
 */
export const RESPONSE_MESSAGE_MAX = 4000;
export const respondArgsSchema = z.strictObject({
  dossierId: z.uuid(),
  answerId: z.uuid(),
  message: z.string().check(z.maxLength(RESPONSE_MESSAGE_MAX)),
  attachments: attachmentRefs,
});
export type RespondArgs = z.infer<typeof respondArgsSchema>;

export interface MutationArgs {
  'dossier.submit@1': SubmitArgs;
  'dossier.transition@1': TransitionArgs;
  'dossier.assign@1': AssignArgs;
  'needs.report@1': NeedsReportArgs;
  'person.updateContact@1': UpdateContactArgs;
  'dossier.respond@1': RespondArgs;
}

export const MUTATION_SCHEMAS = {
  'dossier.submit@1': submitArgsSchema,
  'dossier.transition@1': transitionArgsSchema,
  'dossier.assign@1': assignArgsSchema,
  'needs.report@1': needsReportArgsSchema,
  'person.updateContact@1': updateContactArgsSchema,
  'dossier.respond@1': respondArgsSchema,
} as const satisfies Record<MutationName, z.ZodMiniType>;

/** Results the server returns for applied mutations. */
export interface MutationResults {
  'dossier.submit@1': { dossierId: string };
  'dossier.transition@1': { dossierId: string; status: DossierState; protocolNumber: string | null };
  'dossier.assign@1': { dossierId: string; status: 'ASSEGNATA'; assignedTo: string };
  'needs.report@1': { reportId: string };
  /** `conflict`: the server kept its value and recorded both; staff will decide. */
  'person.updateContact@1': { dossierId: string; outcome: 'applied' | 'unchanged' | 'conflict'; conflictId?: string };
  'dossier.respond@1': { dossierId: string; answerId: string; status: 'ISTRUTTORIA' };
}
