import { describe, expect, it } from 'vitest';
import { assistedName } from './assisted.ts';

const applicant = (personId: string, codiceFiscale: string) => ({
  personId,
  codiceFiscale,
  givenName: 'Salvatore',
  familyName: 'Cusumano',
});
const filedBy = (userId: string, role: 'citizen' | 'association_operator') => ({ userId, name: 'x', role });

describe('assistedName', () => {
  const citizen = { id: 'u1', role: 'citizen', personId: 'p1' };
  it("names a household member's request filed by the citizen, not their own", () => {
    expect(assistedName({ applicant: applicant('p2', 'CSMSVT45C02G273X'), filedBy: filedBy('u1', 'citizen') }, citizen)).toBe(
      'Salvatore Cusumano',
    );
    expect(assistedName({ applicant: applicant('p1', 'CSMRSL48L55G273P'), filedBy: filedBy('u1', 'citizen') }, citizen)).toBeNull();
  });
  it('recognises a pending request (no person id yet) by the codice fiscale when known', () => {
    const pending = { applicant: applicant('', 'CSMSVT45C02G273X'), filedBy: filedBy('u1', 'citizen') };
    expect(assistedName(pending, citizen, 'CSMRSL48L55G273P')).toBe('Salvatore Cusumano');
    expect(assistedName({ ...pending, applicant: applicant('', 'CSMRSL48L55G273P') }, citizen, 'CSMRSL48L55G273P')).toBeNull();
  });
  it("names the applicant for the operator who filed, nobody else's", () => {
    const operator = { id: 'op', role: 'association_operator', personId: null };
    expect(assistedName({ applicant: applicant('p2', 'X'), filedBy: filedBy('op', 'association_operator') }, operator)).toBe(
      'Salvatore Cusumano',
    );
    expect(assistedName({ applicant: applicant('p2', 'X'), filedBy: filedBy('other', 'association_operator') }, operator)).toBeNull();
  });
});
