import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeReference, normalizeReference } from './reference.ts';

describe('makeReference', () => {
  /*
   * RFC 9562's UUIDv7 example 017F22E2-79B0-7CC3-98C4-DC0C0C07398F.
   * Last 40 bits 0x0C0C07398F = 00001 10000 00110 00000 01110 01110 01100 01111
   *                           =   1    16     6     0    14    14    12    15
   * Crockford: 1 G 6 0 E E C F
   */
  it('encodes the RFC 9562 example by hand', () => {
    expect(makeReference('017F22E2-79B0-7CC3-98C4-DC0C0C07398F')).toBe('PA-1G60-EECF');
    expect(makeReference('017f22e2-79b0-7cc3-98c4-dc0c0c07398f')).toBe('PA-1G60-EECF');
  });

  it('covers the extremes of the 40 bits', () => {
    expect(makeReference('00000000-0000-7000-8000-000000000000')).toBe('PA-0000-0000');
    expect(makeReference('00000000-0000-7000-8000-00ffffffffff')).toBe('PA-ZZZZ-ZZZZ');
  });

  it('refuses what is not a UUID', () => {
    for (const bad of ['', '017F22E279B07CC398C4DC0C0C07398F', '017F22E2-79B0-7CC3-98C4-DC0C0C07398', 'g17f22e2-79b0-7cc3-98c4-dc0c0c07398f']) {
      expect(() => makeReference(bad)).toThrow(RangeError);
    }
  });

  it('is short, readable aloud, and deterministic', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 7 }), (uuid) => {
        const ref = makeReference(uuid);
        expect(ref).toMatch(/^[A-Z0-9-]{6,20}$/);
        expect(ref).toMatch(/^PA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(makeReference(uuid.toUpperCase())).toBe(ref);
      }),
    );
  });

  it('gives different references to different random tails', () => {
    const tail = fc.stringMatching(/^[0-9a-f]{10}$/);
    fc.assert(
      fc.property(tail, tail, (a, b) => {
        fc.pre(a !== b);
        expect(makeReference(`01890a5d-ac96-7000-8000-00${a}`)).not.toBe(makeReference(`01890a5d-ac96-7000-8000-00${b}`));
      }),
    );
  });

  it('ignores the timestamp, which is not random', () => {
    expect(makeReference('01890a5d-ac96-7000-8000-000c0c07398f')).toBe(makeReference('ffffffff-ffff-7000-8000-000c0c07398f'));
  });
});

describe('normalizeReference', () => {
  it.each([
    ['PA-1G60-EECF', 'PA-1G60-EECF'],
    ['pa 1g60 eecf', 'PA-1G60-EECF'],
    ['1G60EECF', 'PA-1G60-EECF'],
    ['IG6O-EECF', 'PA-1G60-EECF'],
    ['lg60eecf', 'PA-1G60-EECF'],
    ['PA-1G60-EEC', null],
    ['PA-1G60-EECU', null],
    ['PA-1G60-EECF-1', null],
    ['', null],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeReference(input)).toBe(expected);
  });

  it('gives every reference back as it is, and from what a person would type', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 7 }), (uuid) => {
        const ref = makeReference(uuid);
        expect(normalizeReference(ref)).toBe(ref);
        expect(normalizeReference(ref.toLowerCase().replaceAll('-', ' '))).toBe(ref);
      }),
    );
  });
});
