/**
 * The albo (public register) of professionals (issue 6 §2): what an application holds,
 * how it is checked, what the public directory may show, and the listing's calendar.
 * Shared by the device (the form's inline errors) and the server (the same rules again).
 */
import { validateCodiceFiscale } from './codice-fiscale.ts';
import { USER_AREAS, type UserArea } from './catalogue-types.ts';
import { CIRCOSCRIZIONE_NUMBERS } from './territory.ts';

/** A listing lasts this long from approval (or from the approval of its renewal). */
export const ALBO_LISTING_MONTHS = 24;
/** The reminder goes out this many days before the listing runs out. */
export const ALBO_REMINDER_DAYS = 30;

/** Languages a professional may say they speak: ISO 639-1 codes, with Italian names. */
export const ALBO_LANGUAGES = {
  it: 'italiano',
  en: 'inglese',
  fr: 'francese',
  es: 'spagnolo',
  de: 'tedesco',
  pt: 'portoghese',
  ro: 'romeno',
  pl: 'polacco',
  uk: 'ucraino',
  ru: 'russo',
  sq: 'albanese',
  ar: 'arabo',
  zh: 'cinese',
  bn: 'bengalese',
  ur: 'urdu',
  ta: 'tamil',
  si: 'singalese',
  tl: 'tagalog',
  wo: 'wolof',
  ff: 'fula',
  ti: 'tigrino',
  am: 'amarico',
  so: 'somalo',
  ha: 'hausa',
  lis: 'lingua dei segni italiana (LIS)',
} as const satisfies Record<string, string>;
export type AlboLanguage = keyof typeof ALBO_LANGUAGES;
export const ALBO_LANGUAGE_CODES = Object.keys(ALBO_LANGUAGES) as AlboLanguage[];

export function isAlboLanguage(code: unknown): code is AlboLanguage {
  return typeof code === 'string' && Object.hasOwn(ALBO_LANGUAGES, code);
}

/**
 * What a professional may choose to publish, field by field. Name, qualification, order
 * and registration number are the register itself and always public (the form says so).
 */
export const ALBO_PUBLISHABLE = ['email', 'phone', 'languages', 'userAreas', 'circoscrizioni', 'associations'] as const;
export type AlboPublishable = (typeof ALBO_PUBLISHABLE)[number];

export const ALBO_STATUSES = ['pending', 'info_requested', 'listed', 'rejected', 'delisted'] as const;
export type AlboStatus = (typeof ALBO_STATUSES)[number];

/** What the applicant fills in. */
export interface AlboApplicationInput {
  codiceFiscale: string;
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  qualification: string;
  professionalOrder: string;
  registrationNumber: string;
  userAreas: UserArea[];
  languages: AlboLanguage[];
  circoscrizioni: number[];
  associationIds: string[];
  publish: AlboPublishable[];
  /** What they do, in their own words: public. */
  description: string;
}

export type AlboField = keyof AlboApplicationInput;
export type AlboFieldError = 'required' | 'too_long' | 'codice_fiscale' | 'email' | 'phone' | 'choose_one' | 'invalid';

export const ALBO_TEXT_MAX = {
  givenName: 80,
  familyName: 80,
  qualification: 120,
  professionalOrder: 120,
  registrationNumber: 40,
  description: 600,
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9][0-9 ]{5,18}$/;

/** Every error of an application, by field, in the order of the form. Empty when it is good. */
export function validateAlboApplication(input: AlboApplicationInput): Partial<Record<AlboField, AlboFieldError>> {
  const errors: Partial<Record<AlboField, AlboFieldError>> = {};
  const text = (field: keyof typeof ALBO_TEXT_MAX, required: boolean) => {
    const value = input[field].trim();
    if (required && value.length === 0) errors[field] = 'required';
    else if (value.length > ALBO_TEXT_MAX[field]) errors[field] = 'too_long';
  };
  text('givenName', true);
  text('familyName', true);
  if (!input.codiceFiscale.trim()) errors.codiceFiscale = 'required';
  else if (!validateCodiceFiscale(input.codiceFiscale).ok) errors.codiceFiscale = 'codice_fiscale';
  if (!input.email.trim()) errors.email = 'required';
  else if (!EMAIL.test(input.email.trim()) || input.email.length > 200) errors.email = 'email';
  if (!input.phone.trim()) errors.phone = 'required';
  else if (!PHONE.test(input.phone.trim())) errors.phone = 'phone';
  text('qualification', true);
  text('professionalOrder', true);
  text('registrationNumber', true);
  if (input.userAreas.length === 0) errors.userAreas = 'choose_one';
  else if (!input.userAreas.every((a) => (USER_AREAS as readonly string[]).includes(a))) errors.userAreas = 'invalid';
  if (input.languages.length === 0) errors.languages = 'choose_one';
  else if (!input.languages.every(isAlboLanguage)) errors.languages = 'invalid';
  if (input.circoscrizioni.length === 0) errors.circoscrizioni = 'choose_one';
  else if (!input.circoscrizioni.every((n) => (CIRCOSCRIZIONE_NUMBERS as readonly number[]).includes(n))) errors.circoscrizioni = 'invalid';
  if (!input.publish.every((p) => (ALBO_PUBLISHABLE as readonly string[]).includes(p))) errors.publish = 'invalid';
  text('description', false);
  return errors;
}

/** A listed professional as the public directory shows them: only what they agreed to publish. */
export interface PublicProfessional {
  id: string;
  name: string;
  qualification: string;
  professionalOrder: string;
  registrationNumber: string;
  description: string;
  listedUntil: string;
  email: string | null;
  phone: string | null;
  languages: AlboLanguage[];
  userAreas: UserArea[];
  circoscrizioni: number[];
  /** Names of the approved associations they work with. */
  associations: string[];
}

export interface AlboListingData {
  id: string;
  givenName: string;
  familyName: string;
  qualification: string;
  professionalOrder: string;
  registrationNumber: string;
  description: string;
  expiresOn: string;
  email: string;
  phone: string;
  languages: AlboLanguage[];
  userAreas: UserArea[];
  circoscrizioni: number[];
  associations: string[];
  publish: readonly AlboPublishable[];
}

/** The one place that decides which personal data leaves for the directory. */
export function publicProfessional(p: AlboListingData): PublicProfessional {
  const shows = (field: AlboPublishable) => p.publish.includes(field);
  return {
    id: p.id,
    name: `${p.givenName} ${p.familyName}`,
    qualification: p.qualification,
    professionalOrder: p.professionalOrder,
    registrationNumber: p.registrationNumber,
    description: p.description,
    listedUntil: p.expiresOn,
    email: shows('email') ? p.email : null,
    phone: shows('phone') ? p.phone : null,
    languages: shows('languages') ? p.languages : [],
    userAreas: shows('userAreas') ? p.userAreas : [],
    circoscrizioni: shows('circoscrizioni') ? p.circoscrizioni : [],
    associations: shows('associations') ? p.associations : [],
  };
}

/** The last day of a listing approved on `day` (YYYY-MM-DD): ALBO_LISTING_MONTHS later, the day before. */
export function alboExpiry(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + ALBO_LISTING_MONTHS, d));
  // 29 February plus two years has no twin: Date rolls it to 1 March, which is right.
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** The first day on which the reminder for a listing ending on `expiresOn` is due. */
export function alboReminderDay(expiresOn: string): string {
  const [y, m, d] = expiresOn.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - ALBO_REMINDER_DAYS)).toISOString().slice(0, 10);
}

/** A listing is in force up to and including its last day (Palermo's calendar day). */
export function alboLapsed(expiresOn: string, today: string): boolean {
  return today > expiresOn;
}
