/**
 * Starts a request on the device. A citizen's draft is for themselves, with what the
 * city already knows prefilled (WCAG 3.3.7): the codice fiscale, name and circoscrizione
 * are not asked, and the phone on file is offered. A service chosen in the catalogue is
 * preset too. Works offline with the facts kept from the last time online.
 */
import type { CitizenPeople, Draft, UserStore } from '$lib/device';
import { serviceByCode } from './catalogue.ts';

/** Asks the server for the citizen's people, keeping them on the device; falls back to the kept copy. */
export async function loadCitizenPeople(store: UserStore): Promise<CitizenPeople | undefined> {
  try {
    const { api } = await import('$lib/api/client.ts');
    const people = await api.myRequests.people.query();
    await store.savePeople(people);
    return people;
  } catch {
    return store.getPeople();
  }
}

export function presetDraft(draft: Draft, role: string, people: CitizenPeople | undefined, serviceCode: string | null): Draft {
  const service = serviceByCode(serviceCode);
  const next: Draft = service ? { ...draft, serviceCode: service.code, serviceVersion: service.version } : { ...draft };
  if (role !== 'citizen' || !people) return next;
  const { self } = people;
  return {
    ...next,
    self: { codiceFiscale: self.codiceFiscale, household: people.household.length > 0 },
    applicant: {
      source: 'known',
      codiceFiscale: self.codiceFiscale,
      givenName: self.givenName,
      familyName: self.familyName,
      phone: self.phone ?? '',
      phoneAsked: false,
      circoscrizione: self.circoscrizione,
    },
  };
}
