import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATALOGUE } from './catalogue.ts';
import { createCatalogueSearch } from './catalogue-search.ts';
import { createFuzzySearch, editDistance, searchWords, wordMatch } from './search.ts';

const search = createCatalogueSearch(CATALOGUE);
const codes = (q: string) => search(q).map((s) => s.code);

describe('searchWords', () => {
  it('drops case, accents and apostrophes', () => {
    expect(searchWords('Disabilità, L’ASILO nido!')).toEqual(['disabilita', 'l', 'asilo', 'nido']);
  });
});

describe('editDistance', () => {
  it.each([
    ['nido', 'nido', 0],
    ['nio', 'nido', 1],
    ['anzani', 'anziani', 1],
    ['afitto', 'affitto', 1],
    ['aflitto', 'affitto', 1],
    ['anizani', 'anziani', 1], // two letters swapped count once
    ['mensa', 'casa', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('is symmetric, zero only for equal words, and never above the longer length', () => {
    const word = fc.stringMatching(/^[a-z]{0,10}$/);
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });

  it('gives up past the limit with limit + 1', () => {
    expect(editDistance('mensa', 'trasporto', 2)).toBe(3);
  });
});

describe('wordMatch', () => {
  it('prefers exact over prefix over typo', () => {
    expect(wordMatch('nido', 'nido')).toBeGreaterThan(wordMatch('ni', 'nido'));
    expect(wordMatch('anzi', 'anziani')).toBeGreaterThan(wordMatch('anzani', 'anziani'));
    expect(wordMatch('anzani', 'anziani')).toBeGreaterThan(0);
  });

  it('does not stretch short words into long ones', () => {
    expect(wordMatch('nio', 'anziani')).toBe(0);
    expect(wordMatch('di', 'da')).toBe(0);
  });
});

describe('the catalogue search', () => {
  it.each([
    ['asilo nio', 'PA-MIN-02'],
    ['asilo nido', 'PA-MIN-02'],
    ['nido', 'PA-MIN-02'],
    ['afitto', 'PA-POV-03'],
    ['mensa', 'PA-POV-04'],
    ['buoni spessa', 'PA-POV-02'],
    ['trasporto disabili', 'PA-DIS-01'],
    ['casa di riposo', 'PA-ANZ-03'],
    ['maternita', 'PA-FAM-02'],
    ['matrenità', 'PA-FAM-02'],
  ])('“%s” puts %s first', (query, code) => {
    expect(codes(query)[0]).toBe(code);
  });

  it('finds the services for older people from a misspelt “anzani”', () => {
    const found = codes('anzani');
    expect(found.slice(0, 3).sort()).toEqual(['PA-ANZ-01', 'PA-ANZ-02', 'PA-ANZ-03']);
  });

  it('finds nothing for words that mean nothing here, and for an empty query', () => {
    expect(codes('zzqx')).toEqual([]);
    expect(codes('')).toEqual([]);
    expect(codes('  di per  ')).toEqual([]);
  });

  it('every service is found by its own title, first', () => {
    for (const s of CATALOGUE) expect(codes(s.title)[0]).toBe(s.code);
  });

  it('keeps the given order among equal scores', () => {
    const find = createFuzzySearch(['b tre', 'a tre'], (x) => [{ text: x, weight: 1 }]);
    expect(find('tre').map((h) => h.item)).toEqual(['b tre', 'a tre']);
  });
});
