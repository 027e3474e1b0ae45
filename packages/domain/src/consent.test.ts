import { describe, expect, it } from 'vitest';
import { consentProblem, isPngDataUrl, SIGNATURE_MAX_CHARS } from './consent.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';
const SHA = 'c'.repeat(64);

describe('isPngDataUrl', () => {
  it('accepts a real PNG and refuses other bytes, other types and oversize', () => {
    expect(isPngDataUrl(PNG)).toBe(true);
    expect(isPngDataUrl(PNG.replace('image/png', 'image/jpeg'))).toBe(false);
    // JPEG bytes under a PNG label.
    expect(isPngDataUrl('data:image/png;base64,/9j/4AAQSkZJRgABAQAAAQABAAD=')).toBe(false);
    expect(isPngDataUrl('data:image/png;base64,not base64!')).toBe(false);
    expect(isPngDataUrl(PNG + 'A'.repeat(SIGNATURE_MAX_CHARS))).toBe(false);
  });
});

describe('consentProblem', () => {
  it('asks each method for its own evidence, and only that', () => {
    expect(consentProblem({ method: 'signature', signature: PNG })).toBeNull();
    expect(consentProblem({ method: 'signature' })).toBe('signature');
    expect(consentProblem({ method: 'scanned_delega', delegaSha256: SHA })).toBeNull();
    expect(consentProblem({ method: 'scanned_delega', delegaSha256: 'abc' })).toBe('delega');
    expect(consentProblem({ method: 'verbal_witness', witnessName: ' Anna Teste ' })).toBeNull();
    expect(consentProblem({ method: 'verbal_witness', witnessName: '  ' })).toBe('witness');
    expect(consentProblem({ method: 'verbal_witness', witnessName: 'Anna', signature: PNG })).toBe('extra');
    expect(consentProblem({ method: 'signature', signature: PNG, delegaSha256: SHA })).toBe('extra');
  });
});
