/**
 * The citizens an association has already filed for, taken from the dossiers on the
 * device, so an operator can pick them offline instead of typing them again.
 */
import type { DossierView } from '@icaro/sync';

export interface KnownPerson {
  codiceFiscale: string;
  givenName: string;
  familyName: string;
  circoscrizione: number;
  /** The latest dossier's submission time: the most recent people come first. */
  lastSeen: string;
}

export function knownPeople(dossiers: readonly DossierView[]): KnownPerson[] {
  const byCf = new Map<string, KnownPerson>();
  for (const d of dossiers) {
    const cf = d.applicant.codiceFiscale;
    const seen = byCf.get(cf);
    if (seen && seen.lastSeen >= d.submittedAt) continue;
    byCf.set(cf, {
      codiceFiscale: cf,
      givenName: d.applicant.givenName,
      familyName: d.applicant.familyName,
      circoscrizione: d.circoscrizione,
      lastSeen: d.submittedAt,
    });
  }
  return [...byCf.values()].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('it')
    .replace(/\s+/g, ' ')
    .trim();
}

/** People whose name or codice fiscale contains every word typed, accents ignored. */
export function searchPeople(people: readonly KnownPerson[], query: string, limit: number): KnownPerson[] {
  const words = fold(query).split(' ').filter(Boolean);
  const hits = words.length === 0
    ? people
    : people.filter((p) => {
        const hay = fold(`${p.givenName} ${p.familyName} ${p.codiceFiscale}`);
        return words.every((w) => hay.includes(w));
      });
  return hits.slice(0, limit);
}
