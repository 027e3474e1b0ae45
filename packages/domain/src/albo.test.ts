import { describe, expect, it } from 'vitest';
import { alboExpiry, alboLapsed, alboReminderDay, publicProfessional, validateAlboApplication, type AlboApplicationInput } from './albo.ts';
import { encodeCodiceFiscale } from './codice-fiscale.ts';

const good: AlboApplicationInput = {
  codiceFiscale: encodeCodiceFiscale({ familyName: 'Russo', givenName: 'Ada', birthDate: '1980-04-10', sex: 'F', belfiore: 'G273' }),
  givenName: 'Ada',
  familyName: 'Russo',
  email: 'ada@example.org',
  phone: '+39 333 1234567',
  qualification: 'Assistente sociale',
  professionalOrder: 'Ordine degli Assistenti sociali',
  registrationNumber: 'AS-1',
  userAreas: ['anziani'],
  languages: ['it', 'lis'],
  circoscrizioni: [1, 8],
  associationIds: [],
  publish: ['email'],
  description: '',
};

describe('the albo application rule', () => {
  it('accepts a complete application', () => {
    expect(validateAlboApplication(good)).toEqual({});
  });

  it('names every wrong field at once', () => {
    const errors = validateAlboApplication({
      ...good,
      codiceFiscale: 'RSSDAA80D50G273Z',
      givenName: ' ',
      email: 'ada@',
      phone: 'abc',
      userAreas: [],
      languages: ['xx' as never],
      circoscrizioni: [9],
      publish: ['codiceFiscale' as never],
      description: 'x'.repeat(601),
    });
    expect(errors).toEqual({
      codiceFiscale: 'codice_fiscale',
      givenName: 'required',
      email: 'email',
      phone: 'phone',
      userAreas: 'choose_one',
      languages: 'invalid',
      circoscrizioni: 'invalid',
      publish: 'invalid',
      description: 'too_long',
    });
  });
});

describe('the public directory entry', () => {
  const listing = {
    id: 'p1',
    givenName: 'Ada',
    familyName: 'Russo',
    qualification: 'Assistente sociale',
    professionalOrder: 'Ordine',
    registrationNumber: 'AS-1',
    description: '',
    expiresOn: '2028-01-31',
    email: 'ada@example.org',
    phone: '333',
    languages: ['it' as const],
    userAreas: ['anziani' as const],
    circoscrizioni: [1],
    associations: ['Solidarietà Kalsa'],
  };

  it('shows only what the professional agreed to publish', () => {
    expect(publicProfessional({ ...listing, publish: [] })).toMatchObject({
      email: null,
      phone: null,
      languages: [],
      userAreas: [],
      circoscrizioni: [],
      associations: [],
    });
    expect(publicProfessional({ ...listing, publish: ['phone', 'languages'] })).toMatchObject({
      email: null,
      phone: '333',
      languages: ['it'],
      userAreas: [],
    });
  });
});

describe('the listing calendar', () => {
  it('lasts two years, to the day before', () => {
    expect(alboExpiry('2026-11-26')).toBe('2028-11-25');
    expect(alboExpiry('2024-02-29')).toBe('2026-02-28');
    expect(alboExpiry('2026-01-01')).toBe('2027-12-31');
  });

  it('reminds 30 days before the last day, and lapses the day after it', () => {
    expect(alboReminderDay('2028-03-01')).toBe('2028-01-31');
    expect(alboLapsed('2028-03-01', '2028-03-01')).toBe(false);
    expect(alboLapsed('2028-03-01', '2028-03-02')).toBe(true);
  });
});
