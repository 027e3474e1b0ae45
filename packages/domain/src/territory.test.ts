import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CIRCOSCRIZIONI,
  OFFICES,
  circoscrizioniOfQuartiere,
  findOffice,
  isCircoscrizioneNumber,
  officeForCircoscrizione,
  romanNumeral,
} from './territory.ts';
import { validateAnswer } from './forms.ts';

describe('romanNumeral', () => {
  it.each([
    [1, 'I'],
    [4, 'IV'],
    [8, 'VIII'],
    [9, 'IX'],
    [14, 'XIV'],
    [42, 'XLII'],
    [1990, 'MCMXC'],
    [3999, 'MMMCMXCIX'],
  ])('%i -> %s', (n, roman) => {
    expect(romanNumeral(n)).toBe(roman);
  });

  it('rejects what has no roman numeral', () => {
    for (const n of [0, -1, 4000, 2.5, Number.NaN]) expect(() => romanNumeral(n)).toThrow(RangeError);
  });

  it('never repeats a symbol more than three times', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3999 }), (n) => !/(.)\1\1\1/.test(romanNumeral(n))));
  });
});

describe('Palermo territory', () => {
  it('has the 8 circoscrizioni, I to VIII, covering the 25 quartieri', () => {
    expect(CIRCOSCRIZIONI.map((c) => c.roman)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
    expect(CIRCOSCRIZIONI[0]?.quartieri).toEqual(['Tribunali-Castellammare', 'Palazzo Reale-Monte di Pietà']);
    const unique = new Set(CIRCOSCRIZIONI.flatMap((c) => c.quartieri));
    expect(unique.size).toBe(25);
  });

  it('gives each circoscrizione its own office, plus the Ragioneria', () => {
    for (const c of CIRCOSCRIZIONI) {
      const office = officeForCircoscrizione(c.number);
      expect(office.id).toBe(`UFF-C${c.number}`);
      expect(office.id).toBe(c.officeId);
      expect(office.name).toContain(`${c.roman} Circoscrizione`);
    }
    expect(findOffice('UFF-RAG')?.circoscrizione).toBeNull();
    expect(new Set(OFFICES.map((o) => o.id)).size).toBe(9);
  });

  it('uses contacts that cannot reach a real person and still pass our own validation', () => {
    for (const o of OFFICES) {
      expect(o.phone).toMatch(/^091 000 /);
      expect(o.email).toMatch(/@comune\.palermo\.example$/);
      expect(validateAnswer({ id: 'p', kind: 'phone', label: 'p', required: true }, o.phone)).toBeNull();
      expect(validateAnswer({ id: 'e', kind: 'email', label: 'e', required: true }, o.email)).toBeNull();
    }
  });

  it('refuses circoscrizioni that do not exist', () => {
    for (const n of [0, 9, 1.5, -1]) {
      expect(isCircoscrizioneNumber(n)).toBe(false);
      expect(() => officeForCircoscrizione(n)).toThrow(RangeError);
    }
    expect(isCircoscrizioneNumber('1')).toBe(false);
  });

  it('finds the circoscrizione of a quartiere, two for Oreto-Stazione', () => {
    expect(circoscrizioniOfQuartiere('zisa')).toEqual([5]);
    expect(circoscrizioniOfQuartiere(' Oreto-Stazione ')).toEqual([2, 3]);
    expect(circoscrizioniOfQuartiere('Libertà')).toEqual([8]);
    expect(circoscrizioniOfQuartiere('Brooklyn')).toEqual([]);
  });
});
