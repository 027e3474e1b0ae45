import { describe, expect, it } from 'vitest';
import { emptyNeedsForm, needsReportArgs, validateNeedsForm } from './needs-form.ts';

const today = '2026-03-10';

describe('the needs report form', () => {
  it('asks for every answer on an empty form, and starts from today', () => {
    const empty = emptyNeedsForm(today);
    expect([empty.day, empty.month, empty.year]).toEqual(['10', '3', '2026']);
    expect(Object.keys(validateNeedsForm(empty, today)).sort()).toEqual(['circoscrizione', 'description', 'need', 'peopleBand', 'urgency', 'userArea']);
  });

  it('refuses a date in the future or that does not exist', () => {
    const base = { ...emptyNeedsForm(today), day: '11' };
    expect(validateNeedsForm(base, today).observedOn).toBe('dateInvalid');
    expect(validateNeedsForm({ ...base, day: '31', month: '2' }, today).observedOn).toBe('dateInvalid');
  });

  it('builds the mutation args from a complete form', () => {
    const v = {
      ...emptyNeedsForm(today),
      circoscrizione: '3',
      userArea: 'anziani' as const,
      need: 'solitudine',
      peopleBand: '6-20' as const,
      urgency: 'alta' as const,
      description: '  Anziani soli.  ',
    };
    expect(validateNeedsForm(v, today)).toEqual({});
    expect(needsReportArgs(v, 'id')).toMatchObject({ circoscrizione: 3, description: 'Anziani soli.', observedOn: '2026-03-10' });
  });
});
