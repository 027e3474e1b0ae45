import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyOmocodia,
  codiceFiscaleCheckChar,
  encodeCodiceFiscale,
  normalizeCodiceFiscale,
  validateCodiceFiscale,
} from './codice-fiscale.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

describe('normalizeCodiceFiscale', () => {
  it('trims, removes inner spaces and upper-cases', () => {
    expect(normalizeCodiceFiscale('  rss mra 85t10 a562s \t')).toBe('RSSMRA85T10A562S');
  });
});

describe('validateCodiceFiscale: hand-checked codes', () => {
  /*
   * RSSMRA85T10A562S — Mario Rossi, male, 10 Dec 1985, A562 (San Giuliano Terme).
   * Odd positions (1,3,...,15): R S R 8 T 0 5 2 -> 8+12+8+19+14+1+13+5 = 80
   * Even positions (2,4,...,14): S M A 5 1 A 6 -> 18+12+0+5+1+0+6 = 42
   * 122 mod 26 = 18 -> S
   */
  it('decodes Mario Rossi', () => {
    expect(validateCodiceFiscale('RSSMRA85T10A562S', 2025)).toEqual({
      ok: true,
      value: 'RSSMRA85T10A562S',
      birthDate: '1985-12-10',
      sex: 'M',
      belfiore: 'A562',
    });
  });

  /*
   * MRTMTT25D09F205Z — Matteo Moretti, male, 9 Apr 1925, F205 (Milano).
   * Odd: M T T 2 D 9 2 5 -> 18+14+14+5+7+21+5+13 = 97
   * Even: R M T 5 0 F 0 -> 17+12+19+5+0+5+0 = 58
   * 155 mod 26 = 25 -> Z
   */
  it('decodes Matteo Moretti, with a two-digit year a century back', () => {
    const r = validateCodiceFiscale('mrtmtt25d09f205z', 2024);
    expect(r).toMatchObject({ ok: true, birthDate: '1925-04-09', sex: 'M', belfiore: 'F205' });
  });

  /*
   * BNCNNA90C55G273Q — Anna Bianchi, female, 15 Mar 1990, G273 (Palermo).
   * Day 15 + 40 = 55.
   * Odd: B C N 9 C 5 2 3 -> 0+5+20+21+5+13+5+7 = 76
   * Even: N N A 0 5 G 7 -> 13+13+0+0+5+6+7 = 44
   * 120 mod 26 = 16 -> Q
   */
  it('decodes a woman (day + 40)', () => {
    const r = validateCodiceFiscale('BNCNNA90C55G273Q', 2025);
    expect(r).toMatchObject({ ok: true, birthDate: '1990-03-15', sex: 'F', belfiore: 'G273' });
  });

  /*
   * RSSMRA85T10A56NH — omocodia level 1: position 15 '2' -> 'N'.
   * Odd sum changes from 5 to 20: 122 + 15 = 137, 137 mod 26 = 7 -> H
   */
  it('decodes an omocodic code to the same birth data', () => {
    const r = validateCodiceFiscale('RSSMRA85T10A56NH', 2025);
    expect(r).toMatchObject({ ok: true, value: 'RSSMRA85T10A56NH', birthDate: '1985-12-10', belfiore: 'A562' });
  });

  it('reads the year as the most recent one not after the reference year', () => {
    const cf = encodeCodiceFiscale({ familyName: 'Rossi', givenName: 'Mario', birthDate: '2025-01-01', sex: 'M', belfiore: 'G273' });
    expect(validateCodiceFiscale(cf, 2025)).toMatchObject({ ok: true, birthDate: '2025-01-01' });
    expect(validateCodiceFiscale(cf, 2024)).toMatchObject({ ok: true, birthDate: '1925-01-01' });
    expect(validateCodiceFiscale(cf, 2124)).toMatchObject({ ok: true, birthDate: '2025-01-01' });
  });
});

describe('validateCodiceFiscale: errors', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['RSSMRA85T10A562', 'length'],
    ['RSSMRA85T10A562SS', 'length'],
    ['RSSMR185T10A562S', 'format'], // digit among the name letters
    ['RSSMRA85T10A56ZS', 'format'], // Z is not an omocodic letter
    ['RSSMRA85T10A562-', 'format'],
    ['RSSMRA85F10A562S', 'date'], // F is not a month letter
    ['RSSMRA85T32A562S', 'date'], // day 32
    ['RSSMRA85T40A562S', 'date'], // day 40 is neither a man's nor a woman's
    ['RSSMRA85T72A562S', 'date'], // day 72 = woman's 32
    ['RSSMRA85T00A562S', 'date'],
    ['RSSMRA85T10A562A', 'check_char'],
  ] as const)('%j -> %s', (input, error) => {
    expect(validateCodiceFiscale(input, 2025)).toEqual({ ok: false, error });
  });

  it('knows leap years from the decoded century', () => {
    const leap = encodeCodiceFiscale({ familyName: 'Rossi', givenName: 'Mario', birthDate: '2000-02-29', sex: 'M', belfiore: 'G273' });
    expect(validateCodiceFiscale(leap, 2025)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    // The same code read in 1999 would mean 29 Feb 1900, which did not exist.
    expect(validateCodiceFiscale(leap, 1999)).toEqual({ ok: false, error: 'date' });
  });
});

describe('encodeCodiceFiscale', () => {
  it('reproduces the hand-checked codes', () => {
    expect(encodeCodiceFiscale({ familyName: 'Rossi', givenName: 'Mario', birthDate: '1985-12-10', sex: 'M', belfiore: 'A562' })).toBe(
      'RSSMRA85T10A562S',
    );
    expect(encodeCodiceFiscale({ familyName: 'Bianchi', givenName: 'Anna', birthDate: '1990-03-15', sex: 'F', belfiore: 'G273' })).toBe(
      'BNCNNA90C55G273Q',
    );
  });

  /*
   * Lo Bianco Francesco, 1 Jul 1948, Palermo: LBN + FNC (Francesco has 6 consonants
   * F R N C S C: take the 1st, 3rd and 4th) + 48 L 01 G273.
   * Odd: L N N 4 L 1 2 3 -> 4+20+20+9+4+0+5+7 = 69
   * Even: B F C 8 0 G 7 -> 1+5+2+8+0+6+7 = 29
   * 98 mod 26 = 20 -> U
   */
  it('takes the 1st, 3rd and 4th consonant of a given name with four or more', () => {
    expect(
      encodeCodiceFiscale({ familyName: 'Lo Bianco', givenName: 'Francesco', birthDate: '1948-07-01', sex: 'M', belfiore: 'g273' }),
    ).toBe('LBNFNC48L01G273U');
  });

  it('pads short names with vowels then X, and ignores accents and apostrophes', () => {
    const code = (familyName: string, givenName: string) =>
      encodeCodiceFiscale({ familyName, givenName, birthDate: '1950-01-01', sex: 'M', belfiore: 'G273' }).slice(0, 6);
    expect(code('Fo', 'Ugo')).toBe('FOXGUO');
    expect(code('Re', 'Al')).toBe('REXLAX');
    expect(code("D'Amico", 'Niccolò')).toBe('DMCNCL');
    expect(code('Aiello', 'Ea')).toBe('LLAEAX');
  });

  it('rejects input that cannot give a code', () => {
    const base = { familyName: 'Rossi', givenName: 'Mario', birthDate: '1985-12-10', sex: 'M', belfiore: 'A562' } as const;
    expect(() => encodeCodiceFiscale({ ...base, familyName: "'- " })).toThrow(RangeError);
    expect(() => encodeCodiceFiscale({ ...base, birthDate: '1985-02-30' })).toThrow(RangeError);
    expect(() => encodeCodiceFiscale({ ...base, birthDate: '10/12/1985' })).toThrow(RangeError);
    expect(() => encodeCodiceFiscale({ ...base, belfiore: 'A56' })).toThrow(RangeError);
  });
});

describe('applyOmocodia', () => {
  it('replaces digits from the right and recomputes the check letter', () => {
    expect(applyOmocodia('RSSMRA85T10A562S', 0)).toBe('RSSMRA85T10A562S');
    expect(applyOmocodia('RSSMRA85T10A562S', 1)).toBe('RSSMRA85T10A56NH');
    expect(applyOmocodia('RSSMRA85T10A562S', 7).slice(0, 15)).toBe('RSSMRAURTMLARSN');
  });

  it('starts again from the plain code when given an omocodic one', () => {
    expect(applyOmocodia('RSSMRA85T10A56NH', 0)).toBe('RSSMRA85T10A562S');
  });

  it('rejects bad levels and malformed codes', () => {
    expect(() => applyOmocodia('RSSMRA85T10A562S', 8)).toThrow(RangeError);
    expect(() => applyOmocodia('RSSMRA85T10A562S', 1.5)).toThrow(RangeError);
    expect(() => applyOmocodia('RSSMRA85', 1)).toThrow(RangeError);
  });
});

// --- properties -------------------------------------------------------------------

const nameArb = fc.stringMatching(/^[A-Za-zàèéìòù' ]{1,20}$/).filter((s) => /[A-Za-z]/.test(s));
const dateArb = fc
  .date({ min: new Date('1926-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const belfioreArb = fc.tuple(fc.constantFrom(...'ABCDEFGHIZ'), fc.integer({ min: 0, max: 999 })).map(([l, n]) => l + String(n).padStart(3, '0'));
const personArb = fc.record({
  familyName: nameArb,
  givenName: nameArb,
  birthDate: dateArb,
  sex: fc.constantFrom('M' as const, 'F' as const),
  belfiore: belfioreArb,
});

describe('codice fiscale properties', () => {
  it('encode -> validate gives back the birth data', () => {
    fc.assert(
      fc.property(personArb, (p) => {
        const cf = encodeCodiceFiscale(p);
        expect(validateCodiceFiscale(cf, 2025)).toEqual({ ok: true, value: cf, birthDate: p.birthDate, sex: p.sex, belfiore: p.belfiore });
      }),
    );
  });

  it('every omocodic variant validates to the same birth data', () => {
    fc.assert(
      fc.property(personArb, fc.integer({ min: 1, max: 7 }), (p, level) => {
        const cf = encodeCodiceFiscale(p);
        const variant = applyOmocodia(cf, level);
        expect(variant).not.toBe(cf);
        expect(validateCodiceFiscale(variant, 2025)).toEqual({ ok: true, value: variant, birthDate: p.birthDate, sex: p.sex, belfiore: p.belfiore });
      }),
    );
  });

  it('rejects every single-character substitution of a valid code', () => {
    fc.assert(
      fc.property(personArb, fc.integer({ min: 0, max: 7 }), (p, level) => {
        const cf = applyOmocodia(encodeCodiceFiscale(p), level);
        for (let i = 0; i < 16; i++) {
          for (const c of ALPHABET) {
            if (c === cf[i]) continue;
            const corrupted = cf.slice(0, i) + c + cf.slice(i + 1);
            expect(validateCodiceFiscale(corrupted, 2025).ok, corrupted).toBe(false);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the check letter depends on every one of the first 15 characters', () => {
    expect(codiceFiscaleCheckChar('RSSMRA85T10A562')).toBe('S');
    expect(codiceFiscaleCheckChar('RSSMRA85T10A563')).not.toBe('S');
  });
});
