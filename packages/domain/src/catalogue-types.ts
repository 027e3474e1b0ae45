/**
 * The shape of the service catalogue. The catalogue itself is data (see catalogue.ts),
 * versioned, and seeded into the server's database; these types are its contract.
 */
export const USER_AREAS = ['multiutenza', 'poverta', 'famiglia_minori', 'anziani', 'disabili'] as const;
export type UserArea = (typeof USER_AREAS)[number];

/** Life situations used to browse the catalogue ("Anziani", "Famiglia e figli"...). */
export const LIFE_SITUATIONS = ['anziani', 'famiglia', 'disabilita', 'difficolta_economiche', 'casa', 'salute', 'primo_accesso'] as const;
export type LifeSituation = (typeof LIFE_SITUATIONS)[number];

export type DayKind = 'calendar' | 'working';

export type QuestionKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money' // integer cents on the wire, euros in the UI
  | 'date' // ISO YYYY-MM-DD on the wire, three number fields in the UI
  | 'choice'
  | 'yesno'
  | 'phone'
  | 'email';

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
}

export interface ShowIf {
  readonly questionId: string;
  readonly equals: string | boolean | number;
}

export interface Question {
  readonly id: string;
  readonly kind: QuestionKind;
  /** The question itself: it becomes the page's h1. */
  readonly label: string;
  readonly hint?: string;
  readonly required: boolean;
  readonly options?: readonly ChoiceOption[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** The step is asked only when an earlier answer has this value. */
  readonly showIf?: ShowIf;
  /**
   * Health, disability or income (ISEE) details: staff other than the dossier's filer get
   * the answer only through an audited read (issue 4 §7), never in a pull.
   */
  readonly sensitive?: true;
}

export interface FormDefinition {
  readonly version: number;
  readonly questions: readonly Question[];
}

export type AnswerValue = string | number | boolean;
export type Answers = Record<string, AnswerValue>;

export interface CatalogueService {
  readonly code: string;
  readonly version: number;
  readonly title: string;
  /** One sentence for lists. */
  readonly summary: string;
  /** What it is, in plain Italian. */
  readonly description: string;
  readonly whoCanApply: string;
  readonly documents: readonly string[];
  /** ISEE ceiling in integer cents, or null when none applies. */
  readonly iseeThresholdCents: number | null;
  /** Legal term for the office to answer. */
  readonly termDays: number;
  readonly dayKind: DayKind;
  readonly siuss: string | null;
  readonly userArea: UserArea;
  readonly lifeSituations: readonly LifeSituation[];
  /** Health, disability or minors: stricter statistical disclosure rules apply. */
  readonly sensitive: boolean;
  readonly form: FormDefinition;
}

/** How a citizen's consent to be represented was collected (assisted mode). */
export const CONSENT_METHODS = ['signature', 'scanned_delega', 'verbal_witness'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
