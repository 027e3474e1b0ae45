import { describe, expect, it } from 'vitest';
import type { PublicProfessional } from '@icaro/domain';
import { parseNeed } from '../associations/directory.ts';
import { filterProfessionals, parseLanguage } from './directory.ts';

const pro = (id: string, p: Partial<PublicProfessional>): PublicProfessional => ({
  id,
  name: id,
  qualification: 'Psicologo',
  professionalOrder: 'Ordine',
  registrationNumber: '1',
  description: '',
  listedUntil: '2028-01-01',
  email: null,
  phone: null,
  languages: [],
  userAreas: [],
  circoscrizioni: [],
  associations: [],
  ...p,
});

describe('the professionals of the directory', () => {
  const all = [
    pro('a', { languages: ['it', 'ar'], userAreas: ['famiglia_minori'], circoscrizioni: [1, 2] }),
    pro('b', { languages: ['it', 'lis'], userAreas: ['anziani'], circoscrizioni: [5] }),
    // Published nothing but the register's fields: found only without filters.
    pro('c', {}),
  ];

  it('filters by language, area, a service (by its area) and circoscrizione, over the published fields only', () => {
    expect(filterProfessionals(all, null, null, null).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(filterProfessionals(all, null, null, 'ar').map((p) => p.id)).toEqual(['a']);
    expect(filterProfessionals(all, parseNeed('anziani'), null, null).map((p) => p.id)).toEqual(['b']);
    expect(filterProfessionals(all, parseNeed('PA-ANZ-01'), null, null).map((p) => p.id)).toEqual(['b']);
    expect(filterProfessionals(all, null, 2, 'it').map((p) => p.id)).toEqual(['a']);
    expect(filterProfessionals(all, parseNeed('anziani'), 1, null)).toEqual([]);
  });

  it('ignores a language it does not know', () => {
    expect(parseLanguage('xx')).toBeNull();
    expect(parseLanguage('lis')).toBe('lis');
  });
});
