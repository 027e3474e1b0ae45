/**
 * The albo application on the device: the same rule as the server's (packages/domain
 * albo.ts) for inline errors, and the server's field errors read back the same way.
 */
import {
  ALBO_LANGUAGES,
  validateAlboApplication,
  type AlboApplicationInput,
  type AlboField,
  type AlboFieldError,
  type AlboLanguage,
} from '@icaro/domain';
import type { Messages } from '$lib/i18n/index.svelte.ts';
import type { FieldError } from '$lib/components/ErrorSummary.svelte';

/** The order of the form, so the error summary lists errors as the fields come. */
export const ALBO_FIELD_ORDER: readonly AlboField[] = [
  'givenName',
  'familyName',
  'codiceFiscale',
  'email',
  'phone',
  'qualification',
  'professionalOrder',
  'registrationNumber',
  'description',
  'userAreas',
  'languages',
  'circoscrizioni',
  'associationIds',
  'publish',
];

export function emptyApplication(): AlboApplicationInput {
  return {
    codiceFiscale: '',
    givenName: '',
    familyName: '',
    email: '',
    phone: '',
    qualification: '',
    professionalOrder: '',
    registrationNumber: '',
    userAreas: [],
    languages: [],
    circoscrizioni: [],
    associationIds: [],
    publish: [],
    description: '',
  };
}

/** Field errors in form order, as the error summary wants them (the field id is the field name). */
export function toFieldErrors(errors: Partial<Record<AlboField, AlboFieldError>>, m: Messages): FieldError[] {
  return ALBO_FIELD_ORDER.flatMap((field) => {
    const code = errors[field];
    return code ? [{ id: `albo-${field}`, message: `${m.albo.fieldNames[field]}: ${m.albo.errors[code]}` }] : [];
  });
}

export function checkApplication(input: AlboApplicationInput): Partial<Record<AlboField, AlboFieldError>> {
  return validateAlboApplication(input);
}

/** The server's refusal of an application: `{ code: 'invalid', fields }` as JSON in the message. */
export function parseServerFields(message: string): Partial<Record<AlboField, AlboFieldError>> | null {
  try {
    const body = JSON.parse(message) as { code?: string; fields?: Partial<Record<AlboField, AlboFieldError>> };
    return body.code === 'invalid' && body.fields ? body.fields : null;
  } catch {
    return null;
  }
}

/** A language's name: Italian from the domain list, else the browser's name for the code. */
export function languageName(code: AlboLanguage, locale: string): string {
  if (locale === 'it') return ALBO_LANGUAGES[code];
  if (code === 'lis') return 'Italian Sign Language (LIS)';
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? ALBO_LANGUAGES[code];
  } catch {
    return ALBO_LANGUAGES[code];
  }
}
