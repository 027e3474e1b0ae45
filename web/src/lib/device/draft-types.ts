import type { Answers, ConsentMethod } from '@icaro/domain';

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
  collectedAt: string;
}

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
}
