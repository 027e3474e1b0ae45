import { describe, expect, it } from 'vitest';
import { canTransmitFrom, internalRequestState, secondsBetween } from './threads.ts';

describe('internal requests', () => {
  it('a question is answered by its written answer, not by the acknowledgement', () => {
    expect(internalRequestState({ kind: 'question', acknowledgedAt: null, answeredAt: null })).toBe('open');
    expect(internalRequestState({ kind: 'question', acknowledgedAt: '2026-01-02T10:00:00Z', answeredAt: null })).toBe('acknowledged');
    expect(internalRequestState({ kind: 'question', acknowledgedAt: '2026-01-02T10:00:00Z', answeredAt: '2026-01-03T10:00:00Z' })).toBe(
      'answered',
    );
  });

  it('a transmission is answered when the receiving office takes it in charge', () => {
    expect(internalRequestState({ kind: 'transmission', acknowledgedAt: null, answeredAt: null })).toBe('open');
    expect(internalRequestState({ kind: 'transmission', acknowledgedAt: '2026-01-02T10:00:00Z', answeredAt: null })).toBe('answered');
  });

  it('transmits only before the assessment starts', () => {
    expect(['INVIATA', 'PROTOCOLLATA', 'ASSEGNATA'].every(canTransmitFrom)).toBe(true);
    expect(['ISTRUTTORIA', 'VALUTAZIONE', 'AMMESSA', 'CHIUSA'].some(canTransmitFrom)).toBe(false);
  });

  it('counts whole seconds to the first answer, across a DST change, never negative', () => {
    expect(secondsBetween('2026-03-28T10:00:00.000Z', '2026-03-30T10:00:00.400Z')).toBe(2 * 86_400);
    expect(secondsBetween('2026-01-01T10:00:00Z', '2026-01-01T09:59:00Z')).toBe(0);
  });
});
