/**
 * The data subject's rights (GDPR arts. 15-17, QUALITY.md §2): which of a person's data may
 * be corrected, and the retention rule that decides whether an erasure is refused or done.
 * Pure: the server applies it, the web shows its codes in plain Italian.
 */
import { FINAL_STATES, type DossierState } from './lifecycle.ts';
import { isIsoDate } from './forms.ts';
import { validateCodiceFiscale } from './codice-fiscale.ts';
import { normalizeContact } from './contact.ts';

/** The fields of a person's record a rectification (art. 16) may correct. */
export const CORRECTABLE_FIELDS = ['givenName', 'familyName', 'birthDate', 'sex', 'codiceFiscale', 'phone', 'email', 'address'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** Kinds of written requests the data protection officer records. */
export const PRIVACY_REQUEST_KINDS = ['access', 'rectification', 'erasure'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

/**
 * Why an erasure is refused while a retention applies (art. 17(3) GDPR):
 * - 'legal_obligation': (b) compliance with a legal obligation, here the archive
 *   obligations of the public administration (D.Lgs. 42/2004 art. 30; DPR 445/2000 art. 68,
 *   the archive's retention plan) and, for economic benefits, accounting records;
 * - 'legal_claims': (e) the establishment, exercise or defence of legal claims (appeals and
 *   recovery of benefits unduly paid, within the limitation periods);
 * - 'procedure_open': a procedure is still running, so the data are needed for the very
 *   task in the public interest they were collected for (art. 6(1)(e) and 17(1)(a) not met).
 */
export const ERASURE_REFUSAL_BASES = ['legal_obligation', 'legal_claims', 'procedure_open'] as const;
export type ErasureRefusalBasis = (typeof ERASURE_REFUSAL_BASES)[number];

/** The retention of one dossier: until which day it must be kept, or open (no end yet). */
export interface DossierRetention {
  dossierId: string;
  status: string;
  /** The day the dossier reached a final state, or null while it runs. */
  closedOn: string | null;
  /** The first day its content may be erased; null while the procedure is open. */
  erasableFrom: string | null;
}

/** Adds whole calendar years to an ISO date; 29 February becomes 1 March in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  return t.toISOString().slice(0, 10);
}

/** A dossier's retention: `years` after the day it closed (the day after which it may go). */
export function dossierRetention(dossier: { id: string; status: string; closedOn: string | null }, years: number): DossierRetention {
  const final = FINAL_STATES.includes(dossier.status as DossierState);
  const closedOn = final ? dossier.closedOn : null;
  return { dossierId: dossier.id, status: dossier.status, closedOn, erasableFrom: closedOn ? addYears(closedOn, years) : null };
}

export type ErasureDecision =
  { outcome: 'allowed' } | { outcome: 'refused'; bases: ErasureRefusalBasis[]; erasableFrom: string | null; dossiers: DossierRetention[] };

/**
 * Art. 17: allowed when every dossier of the person has passed its retention on `today`;
 * otherwise refused with the bases and the first day the whole erasure can be done (null
 * while a procedure is open: the date cannot be known yet).
 */
export function decideErasure(retentions: readonly DossierRetention[], today: string): ErasureDecision {
  const held = retentions.filter((r) => r.erasableFrom === null || r.erasableFrom > today);
  if (held.length === 0) return { outcome: 'allowed' };
  const open = held.some((r) => r.erasableFrom === null);
  const bases: ErasureRefusalBasis[] = open ? ['procedure_open', 'legal_obligation', 'legal_claims'] : ['legal_obligation', 'legal_claims'];
  const erasableFrom = open ? null : held.map((r) => r.erasableFrom!).reduce((a, b) => (a > b ? a : b));
  return { outcome: 'refused', bases, erasableFrom, dossiers: held };
}

export type CorrectionCheck = { ok: true; value: string | null } | { ok: false; error: 'required' | 'invalid' };

/** Checks and normalises a corrected value before it is recorded. */
export function checkCorrection(field: CorrectableField, raw: string): CorrectionCheck {
  const value = raw.trim();
  switch (field) {
    case 'givenName':
    case 'familyName':
      if (!value) return { ok: false, error: 'required' };
      return value.length <= 100 ? { ok: true, value } : { ok: false, error: 'invalid' };
    case 'birthDate':
      if (!value) return { ok: false, error: 'required' };
      return isIsoDate(value) && value >= '1900-01-01' ? { ok: true, value } : { ok: false, error: 'invalid' };
    case 'sex':
      return value === 'M' || value === 'F' ? { ok: true, value } : { ok: false, error: value ? 'invalid' : 'required' };
    case 'codiceFiscale': {
      if (!value) return { ok: false, error: 'required' };
      const cf = validateCodiceFiscale(value.toUpperCase());
      return cf.ok ? { ok: true, value: value.toUpperCase() } : { ok: false, error: 'invalid' };
    }
    case 'phone':
    case 'email': {
      const n = normalizeContact(field, value);
      return n.ok ? { ok: true, value: n.value } : { ok: false, error: 'invalid' };
    }
    case 'address':
      return value.length <= 200 ? { ok: true, value: value || null } : { ok: false, error: 'invalid' };
  }
}
