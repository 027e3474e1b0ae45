/**
 * The needs report form's rules: what is missing or wrong, and the mutation's args.
 * Pure, so it is tested without a browser; the limits come from the shared domain.
 */
import {
  NEED_KINDS,
  NEEDS_DESCRIPTION_MAX,
  PEOPLE_BANDS,
  URGENCIES,
  USER_AREAS,
  type NeedKind,
  type PeopleBand,
  type Urgency,
  type UserArea,
} from '@icaro/domain';
import type { NeedsReportArgs } from '@icaro/sync';

export interface NeedsFormValues {
  circoscrizione: string;
  userArea: UserArea | null;
  need: string;
  peopleBand: PeopleBand | null;
  urgency: Urgency | null;
  description: string;
  day: string;
  month: string;
  year: string;
}

export type NeedsFormError = 'required' | 'descriptionRequired' | 'descriptionTooLong' | 'dateInvalid';
export type NeedsField = 'circoscrizione' | 'userArea' | 'need' | 'peopleBand' | 'urgency' | 'description' | 'observedOn';

export function emptyNeedsForm(today: string): NeedsFormValues {
  const [year, month, day] = today.split('-') as [string, string, string];
  return { circoscrizione: '', userArea: null, need: '', peopleBand: null, urgency: null, description: '', day: String(Number(day)), month: String(Number(month)), year };
}

function isoDate(v: NeedsFormValues): string | null {
  if (!/^\d{1,2}$/.test(v.day.trim()) || !/^\d{1,2}$/.test(v.month.trim()) || !/^\d{4}$/.test(v.year.trim())) return null;
  const [d, m, y] = [Number(v.day), Number(v.month), Number(v.year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Each field's problem, in the order the fields appear. */
export function validateNeedsForm(v: NeedsFormValues, today: string): Partial<Record<NeedsField, NeedsFormError>> {
  const errors: Partial<Record<NeedsField, NeedsFormError>> = {};
  if (!/^[1-8]$/.test(v.circoscrizione)) errors.circoscrizione = 'required';
  if (!v.userArea || !USER_AREAS.includes(v.userArea)) errors.userArea = 'required';
  if (!(NEED_KINDS as readonly string[]).includes(v.need)) errors.need = 'required';
  if (!v.peopleBand || !PEOPLE_BANDS.includes(v.peopleBand)) errors.peopleBand = 'required';
  if (!v.urgency || !URGENCIES.includes(v.urgency)) errors.urgency = 'required';
  const text = v.description.trim();
  if (text === '') errors.description = 'descriptionRequired';
  else if (text.length > NEEDS_DESCRIPTION_MAX) errors.description = 'descriptionTooLong';
  const date = isoDate(v);
  if (!date || date > today || date < '2000-01-01') errors.observedOn = 'dateInvalid';
  return errors;
}

/** The mutation's args; call only when validateNeedsForm found nothing. */
export function needsReportArgs(v: NeedsFormValues, reportId: string): NeedsReportArgs {
  return {
    reportId,
    circoscrizione: Number(v.circoscrizione),
    userArea: v.userArea!,
    need: v.need as NeedKind,
    peopleBand: v.peopleBand!,
    urgency: v.urgency!,
    description: v.description.trim(),
    observedOn: isoDate(v)!,
  };
}
