import { describe, expect, it } from 'vitest';
import { readFilters } from './filters.ts';

describe('dashboard filters from the URL', () => {
  it('reads valid keys and drops unknown ones', () => {
    const f = readFilters(new URLSearchParams('dal=2026-01&al=2026-06&servizio=PA-POV-01&ufficio=UFF-C3&circoscrizione=3&x=1'));
    expect(f.errors).toEqual([]);
    expect(f.input).toEqual({ from: '2026-01', to: '2026-06', service: 'PA-POV-01', office: 'UFF-C3', circoscrizione: 3 });
    expect(readFilters(new URLSearchParams('servizio=NOPE&circoscrizione=9')).input).toEqual({});
  });

  it('reports a malformed month and a reversed or too long period', () => {
    expect(readFilters(new URLSearchParams('dal=2026-13')).errors).toEqual([{ field: 'dal', code: 'month' }]);
    expect(readFilters(new URLSearchParams('dal=2026-06&al=2026-01')).errors).toEqual([{ field: 'dal', code: 'period' }]);
    expect(readFilters(new URLSearchParams('dal=2020-01&al=2026-01')).errors).toEqual([{ field: 'dal', code: 'period' }]);
    expect(readFilters(new URLSearchParams('dal=2023-02&al=2026-01')).errors).toEqual([]);
  });
});
