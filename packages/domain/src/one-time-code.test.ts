import { describe, expect, it } from 'vitest';
import { oneTimeCodeDigits } from './one-time-code.ts';

describe('one-time codes', () => {
  it('keeps six digits, drops spaces, refuses anything else', () => {
    expect(oneTimeCodeDigits('123456')).toBe('123456');
    expect(oneTimeCodeDigits(' 123 456\n')).toBe('123456');
    expect(oneTimeCodeDigits('')).toBeNull();
    expect(oneTimeCodeDigits('12345')).toBeNull();
    expect(oneTimeCodeDigits('1234567')).toBeNull();
    expect(oneTimeCodeDigits('12a456')).toBeNull();
    expect(oneTimeCodeDigits('١٢٣٤٥٦')).toBeNull(); // other scripts' digits are not ASCII digits
  });
});
