import type { Answers, ConsentMethod } from '@icaro/domain';
import type { AttachedFile } from './attachment-store.ts';

/** The citizen a request is for, as the operator entered or picked them. */
export interface DraftApplicant {
  /** 'known': picked from the association's dossiers, so CF and names are not asked again. */
  source: 'known' | 'new';
  codiceFiscale: string;
  givenName: string;
  familyName: string;
  phone: string;
  /** The (optional) phone page was answered, even if left empty. */
  phoneAsked: boolean;
  circoscrizione: number | null;
}

export interface DraftConsent {
  method: ConsentMethod;
  witnessName: string;
  /** `signature`: the signature drawn on screen, a PNG data URL. */
  signature?: string;
  /** `scanned_delega`: the SHA-256 of the delega's photo or file, among the draft's attachments. */
  delegaSha256?: string;
  collectedAt: string;
}

/** A citizen's own facts and their registry household's, kept on the device for offline filing (myRequests.people). */
export type { CitizenPeople, KnownPersonFacts } from '@icaro/server/router';

/** A request being filled in. Saved after every step so a reload resumes it (QUALITY §1.4). */
export interface Draft {
  id: string;
  createdAt: string;
  updatedAt: string;
  applicant: DraftApplicant | null;
  serviceCode: string | null;
  serviceVersion: number | null;
  answers: Answers;
  consent: DraftConsent | null;
  /** Documents attached so far (issue 3 §3); the bytes are in the attachment store. */
  attachments?: AttachedFile[];
  /** The indexes of the service's documents whose page was seen (attached or not). */
  documentsAsked?: number[];
  /**
   * Set when a citizen files for themselves or their household: their own codice fiscale,
   * and whether they have household members to choose from. No consent step then.
   */
  self?: { codiceFiscale: string; household: boolean };
}
