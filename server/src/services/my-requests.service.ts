import type { Repositories } from '../repositories/index.ts';
import type { PersonRow } from '../repositories/persons.repo.ts';
import type { SessionUser } from './auth.service.ts';

/** What a citizen's device needs to file for themselves or a household member without asking it again. */
export interface KnownPersonFacts {
  codiceFiscale: string;
  givenName: string;
  familyName: string;
  circoscrizione: number;
  phone: string | null;
}

export interface CitizenPeople {
  self: KnownPersonFacts;
  /** The other members of the citizen's registry household (anagrafe), the eldest first. */
  household: KnownPersonFacts[];
}

function facts(p: PersonRow): KnownPersonFacts {
  return {
    codiceFiscale: p.codiceFiscale,
    givenName: p.givenName,
    familyName: p.familyName,
    circoscrizione: p.circoscrizione,
    phone: p.phone,
  };
}

/**
 * "Le mie richieste": the people a citizen may file for (themselves and their household,
 * the same rule as dossier.submit's), so the flow prefills what the city already knows
 * (WCAG 3.3.7). Null for anyone who is not a citizen with a person record.
 */
export function citizenPeople(repos: Repositories, user: SessionUser): CitizenPeople | null {
  if (user.role !== 'citizen' || !user.personId) return null;
  const self = repos.persons.findById(user.personId);
  if (!self) return null;
  const household = self.householdId ? repos.persons.findByHousehold(self.householdId).filter((p) => p.id !== self.id) : [];
  return { self: facts(self), household: household.map(facts) };
}
