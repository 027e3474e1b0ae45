import { describe, expect, it } from 'vitest';
import { knownPeople, searchPeople } from './people.ts';
import { dossier, uuid } from '../test/fixtures.ts';

describe('known people', () => {
  const rows = [
    dossier(uuid(), { submittedAt: '2026-01-01T00:00:00Z', circoscrizione: 2 }),
    dossier(uuid(), { submittedAt: '2026-03-01T00:00:00Z', circoscrizione: 4 }),
    dossier(uuid(), {
      submittedAt: '2026-02-01T00:00:00Z',
      applicant: { personId: 'p2', codiceFiscale: 'NCLLCU80A41G273X', givenName: 'Lucia', familyName: 'Nicolò' },
    }),
  ];

  it('lists each codice fiscale once, most recent first, with the latest circoscrizione', () => {
    const people = knownPeople(rows);
    expect(people.map((p) => [p.givenName, p.circoscrizione])).toEqual([
      ['Mario', 4],
      ['Lucia', 4],
    ]);
  });

  it('matches every word typed, ignoring case and accents', () => {
    const people = knownPeople(rows);
    expect(searchPeople(people, 'nicolo lu', 10).map((p) => p.givenName)).toEqual(['Lucia']);
    expect(searchPeople(people, 'rssmra', 10).map((p) => p.givenName)).toEqual(['Mario']);
    expect(searchPeople(people, '', 1)).toHaveLength(1);
  });
});
