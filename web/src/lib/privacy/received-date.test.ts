import { describe, expect, it } from 'vitest';
import { receivedOn } from './received-date.ts';

describe('receivedOn', () => {
  it('takes a real day up to today', () => {
    expect(receivedOn('20', '11', '2026', '2026-11-26')).toBe('2026-11-20');
    expect(receivedOn(' 5', '1', '2026', '2026-11-26')).toBe('2026-01-05');
    expect(receivedOn('26', '11', '2026', '2026-11-26')).toBe('2026-11-26');
  });
  it('refuses impossible, future or empty dates', () => {
    expect(receivedOn('31', '2', '2026', '2026-11-26')).toBeNull();
    expect(receivedOn('27', '11', '2026', '2026-11-26')).toBeNull();
    expect(receivedOn('', '', '', '2026-11-26')).toBeNull();
    expect(receivedOn('1', '1', '26', '2026-11-26')).toBeNull();
  });
});
