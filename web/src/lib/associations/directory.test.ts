import { describe, expect, it } from 'vitest';
import { filterDirectory, parseNeed, type DirectoryEntry } from './directory.ts';

const entry = (id: string, userAreas: DirectoryEntry['userAreas'], circoscrizioni: number[], serviceCodes: string[]): DirectoryEntry => ({
  id,
  name: id,
  runtsNumber: 'R',
  description: '',
  userAreas,
  circoscrizioni,
  serviceCodes,
  address: '',
  phone: '',
  email: '',
  website: null,
  openingHours: '',
});

describe('the directory search', () => {
  const all = [entry('a', ['anziani'], [3, 4], ['PA-ANZ-01']), entry('b', ['poverta'], [1], ['PA-POV-02'])];

  it('filters by user area, by service and by circoscrizione', () => {
    expect(filterDirectory(all, parseNeed('anziani'), null).map((e) => e.id)).toEqual(['a']);
    expect(filterDirectory(all, parseNeed('PA-POV-02'), null).map((e) => e.id)).toEqual(['b']);
    expect(filterDirectory(all, null, 4).map((e) => e.id)).toEqual(['a']);
    expect(filterDirectory(all, parseNeed('anziani'), 1)).toEqual([]);
  });

  it('ignores a need it does not know', () => {
    expect(parseNeed('PA-XXX-99')).toBeNull();
    expect(filterDirectory(all, parseNeed('nonsense'), null)).toHaveLength(2);
  });
});
