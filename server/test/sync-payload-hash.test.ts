import { describe, expect, it } from 'vitest';
import { canonicalJson, hashPayload } from '../src/services/sync.service.ts';

// Stored mutation records keep this hash: a retried push is recognised by it, so the
// text it covers must never change (the value below was computed before the rewrite).
describe('idempotency hash', () => {
  const payload = {
    dossierId: '0190',
    answers: { b: 1, a: [1, 'x', null, { z: undefined, y: true }], è: 'ü', A: 2 },
    reference: 'R-1',
    u: undefined,
    n: -0.5,
  };

  it('is pinned: the same bytes as the hashes already stored', () => {
    expect(hashPayload('dossier.submit@1', payload)).toBe('IzhBEyktTBuxhWKVMp-p6WK4PZu_M6G1p09fklz5r7Q');
  });

  it('sorts keys by code unit, drops undefined members, keeps array order and nulls', () => {
    expect(canonicalJson({ b: [2, undefined, 1], A: null, a: { y: 'é"', x: undefined } })).toBe(
      '{"A":null,"a":{"y":"é\\""},"b":[2,null,1]}',
    );
  });

  it('ignores key order, not values', () => {
    const reordered = { reference: 'R-1', n: -0.5, answers: { A: 2, è: 'ü', a: [1, 'x', null, { y: true }], b: 1 }, dossierId: '0190' };
    expect(hashPayload('dossier.submit@1', reordered)).toBe(hashPayload('dossier.submit@1', payload));
    expect(hashPayload('dossier.submit@1', { ...reordered, n: 0.5 })).not.toBe(hashPayload('dossier.submit@1', payload));
    expect(hashPayload('dossier.submit@2', payload)).not.toBe(hashPayload('dossier.submit@1', payload));
  });
});
