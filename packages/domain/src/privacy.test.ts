import { describe, expect, it } from 'vitest';
import { addYears, checkCorrection, decideErasure, dossierRetention } from './privacy.ts';

describe('retention', () => {
  it('adds calendar years; 29 February falls on 1 March in a common year', () => {
    expect(addYears('2026-11-26', 10)).toBe('2036-11-26');
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('starts only when a dossier reaches a final state', () => {
    expect(dossierRetention({ id: 'a', status: 'ISTRUTTORIA', closedOn: '2020-01-01' }, 10).erasableFrom).toBeNull();
    expect(dossierRetention({ id: 'a', status: 'IN_EROGAZIONE', closedOn: '2020-01-01' }, 10).erasableFrom).toBeNull();
    expect(dossierRetention({ id: 'a', status: 'CHIUSA', closedOn: '2020-01-01' }, 10).erasableFrom).toBe('2030-01-01');
  });

  it('refuses while any dossier is held, with the latest date, or no date while one is open', () => {
    const closed = (id: string, closedOn: string) => dossierRetention({ id, status: 'RESPINTA', closedOn }, 10);
    expect(decideErasure([], '2026-01-01')).toEqual({ outcome: 'allowed' });
    expect(decideErasure([closed('a', '2010-05-01')], '2020-05-01')).toEqual({ outcome: 'allowed' });
    const refused = decideErasure([closed('a', '2010-05-01'), closed('b', '2015-03-02')], '2020-05-01');
    expect(refused).toMatchObject({ outcome: 'refused', bases: ['legal_obligation', 'legal_claims'], erasableFrom: '2025-03-02' });
    const open = decideErasure(
      [closed('a', '2010-05-01'), dossierRetention({ id: 'c', status: 'VALUTAZIONE', closedOn: null }, 10)],
      '2030-01-01',
    );
    expect(open).toMatchObject({ outcome: 'refused', bases: ['procedure_open', 'legal_obligation', 'legal_claims'], erasableFrom: null });
    // The day before the date is still refused; the date itself is allowed.
    expect(decideErasure([closed('a', '2010-05-01')], '2020-04-30').outcome).toBe('refused');
  });
});

describe('corrections', () => {
  it('checks and normalises the corrected value', () => {
    expect(checkCorrection('familyName', '  Rossi ')).toEqual({ ok: true, value: 'Rossi' });
    expect(checkCorrection('familyName', ' ')).toEqual({ ok: false, error: 'required' });
    expect(checkCorrection('birthDate', '1951-02-29')).toEqual({ ok: false, error: 'invalid' });
    expect(checkCorrection('birthDate', '1952-02-29')).toEqual({ ok: true, value: '1952-02-29' });
    expect(checkCorrection('sex', 'X')).toEqual({ ok: false, error: 'invalid' });
    expect(checkCorrection('codiceFiscale', 'csmrsl48l55g273p')).toEqual({ ok: true, value: 'CSMRSL48L55G273P' });
    expect(checkCorrection('codiceFiscale', 'CSMRSL48L55G273A')).toEqual({ ok: false, error: 'invalid' });
    expect(checkCorrection('phone', '333 123 4567').ok).toBe(true);
    expect(checkCorrection('email', 'non una mail').ok).toBe(false);
    expect(checkCorrection('address', '')).toEqual({ ok: true, value: null });
  });
});
