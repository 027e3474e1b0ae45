/**
 * The wire protocol between device and server (ARCHITECTURE.md, "Sync protocol").
 * Both sides import these types; the server validates with the schemas below.
 */
import * as z from 'zod/mini';
import type { ContactField, DossierState, NeedKind, PeopleBand, Role, Urgency, UserArea } from '@icaro/domain';
import { MUTATION_NAMES, type MutationName } from './mutations.ts';

export const MAX_MUTATIONS_PER_PUSH = 500;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;

export const mutationEnvelopeSchema = z.strictObject({
  id: z.uuid(),
  seq: z.number().check(z.int(), z.positive()),
  name: z.enum(MUTATION_NAMES),
  args: z.unknown(),
  at: z.iso.datetime({ offset: true }),
});
export type MutationEnvelope = { id: string; seq: number; name: MutationName; args: unknown; at: string };

export const pushRequestSchema = z.strictObject({
  clientId: z.uuid(),
  mutations: z.array(mutationEnvelopeSchema).check(z.minLength(1), z.maxLength(MAX_MUTATIONS_PER_PUSH)),
});
export type PushRequest = { clientId: string; mutations: MutationEnvelope[] };

/** Why the server refused a mutation. The device maps each code to a message for the user. */
export const REFUSAL_CODES = [
  'forbidden',
  'invalid',
  'not_found',
  'transition_not_allowed',
  'reason_required',
  'stale_state',
  'consent_required',
  'id_conflict',
  'out_of_order',
  'unsupported_version',
  /** The operator's association is not (yet) approved by the city: it cannot file. */
  'association_not_approved',
  'internal',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type MutationOutcome =
  | { id: string; seq: number; status: 'applied'; result: unknown }
  | { id: string; seq: number; status: 'refused'; code: RefusalCode; detail?: string };

export interface PushResponse {
  /** The highest seq of this client that the server has processed (applied or refused). */
  lastSeq: number;
  outcomes: MutationOutcome[];
}

export const pullRequestSchema = z.strictObject({
  /** null: from the beginning of this user's scope. */
  cursor: z.nullable(z.number().check(z.int(), z.nonnegative())),
  limit: z.optional(z.number().check(z.int(), z.positive(), z.maximum(MAX_PULL_LIMIT))),
});
export type PullRequest = { cursor: number | null; limit?: number };

export interface StatusEventView {
  id: string;
  from: DossierState | null;
  to: DossierState;
  at: string;
  actorName: string;
  actorRole: Role;
  reason: string | null;
}

export interface DossierView {
  id: string;
  reference: string;
  serviceCode: string;
  serviceVersion: number;
  status: DossierState;
  applicant: {
    personId: string;
    codiceFiscale: string;
    givenName: string;
    familyName: string;
    /** Contact data as the server holds it (absent in views pulled before it was sent). */
    phone?: string | null;
    email?: string | null;
    /** Residence from the anagrafe: null until an extract gives it. */
    address?: string | null;
    householdId?: string | null;
    /** The circoscrizione of residence, which may differ from the dossier's after a move. */
    residence?: number;
  };
  circoscrizione: number;
  officeId: string;
  associationId: string | null;
  filedBy: { userId: string; name: string; role: Role };
  /** When the device recorded the submission. */
  submittedAt: string;
  /** When the server received it. */
  receivedAt: string;
  protocolNumber: string | null;
  protocolledAt: string | null;
  assignedToName: string | null;
  /** The assigned officer's user id (absent in views pulled before assignment existed). */
  assignedTo?: string | null;
  /** End of the legal term and its 80% mark while the clock runs (see QueueRow). */
  dueDate?: string | null;
  warnDate?: string | null;
  answers: Record<string, string | number | boolean>;
  /**
   * Set when the server left the sensitive answers out (health, disability, income): staff
   * other than the filer read them through the audited `dossier.sensitive` procedure.
   */
  sensitiveWithheld?: true;
  events: StatusEventView[];
  updatedAt: string;
  /** Changes the anagrafe made to the applicant's registry data since the dossier was filed. */
  registryChanges?: RegistryChangeView[];
  /** An open flag: the applicant moved to another circoscrizione (the head may transfer). */
  moveFlag?: MoveFlagView | null;
  /** Open conflicts on the applicant's contact data, raised through this dossier. */
  conflicts?: ConflictView[];
}

export interface RegistryChangeView {
  field: 'address' | 'circoscrizione' | 'household_id';
  oldValue: string | null;
  newValue: string | null;
  /** data_variazione of the extract row, when the registry gave it. */
  changedOn: string | null;
  recordedAt: string;
}

export interface MoveFlagView {
  id: string;
  from: number;
  to: number;
  createdAt: string;
}

/** Who wrote one side of a conflict, and when. */
export interface ConflictSideView {
  value: string | null;
  /** Null when the value predates write tracking (given when the request was filed). */
  byName: string | null;
  byRole: Role | null;
  at: string | null;
}

export interface ConflictView {
  id: string;
  field: ContactField;
  /** The value the device saw before its change. */
  baseValue: string | null;
  server: ConflictSideView;
  device: ConflictSideView;
  createdAt: string;
}

/** A needs report as its association and the staff of its circoscrizione see it. */
export interface NeedsReportView {
  id: string;
  /** The filing association; null when a listed professional filed it. */
  associationId: string | null;
  /** Who filed it, as staff read it: the association's name, or the professional's name and qualification. */
  associationName: string;
  /** The filing professional of the albo (issue 6 §4), if any. */
  professionalId?: string | null;
  circoscrizione: number;
  officeId: string;
  userArea: UserArea;
  need: NeedKind;
  peopleBand: PeopleBand;
  urgency: Urgency;
  description: string;
  observedOn: string;
  submittedAt: string;
  receivedAt: string;
}

export type Change =
  | { entity: 'dossier'; op: 'put'; id: string; data: DossierView }
  | { entity: 'dossier'; op: 'del'; id: string }
  | { entity: 'needs_report'; op: 'put'; id: string; data: NeedsReportView }
  | { entity: 'needs_report'; op: 'del'; id: string };

export interface PullResponse {
  cursor: number;
  more: boolean;
  /** The cursor is older than the oldest kept tombstone: drop local copies and re-pull. */
  reset: boolean;
  changes: Change[];
}
