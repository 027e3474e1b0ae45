import { describe, expect, it } from 'vitest';
import { decideFieldWrite, normalizeContact } from './contact.ts';

describe('normalizeContact', () => {
  it('normalises Italian phone numbers as typed', () => {
    expect(normalizeContact('phone', ' 333 111 2222 ')).toEqual({ ok: true, value: '3331112222' });
    expect(normalizeContact('phone', '091-611.23.45')).toEqual({ ok: true, value: '0916112345' });
    expect(normalizeContact('phone', '0039 333 1112222')).toEqual({ ok: true, value: '+393331112222' });
    expect(normalizeContact('phone', '+39 (333) 111 2222')).toEqual({ ok: true, value: '+393331112222' });
  });
  it('refuses what is not a phone number', () => {
    expect(normalizeContact('phone', 'chiamare dopo')).toEqual({ ok: false, error: 'phone_format' });
    expect(normalizeContact('phone', '12')).toEqual({ ok: false, error: 'phone_format' });
    expect(normalizeContact('phone', '3'.repeat(16))).toEqual({ ok: false, error: 'phone_format' });
    expect(normalizeContact('phone', '3'.repeat(31))).toEqual({ ok: false, error: 'too_long' });
  });
  it('lower-cases e-mail addresses and refuses malformed ones', () => {
    expect(normalizeContact('email', ' Rosa.Prova@Example.ORG ')).toEqual({ ok: true, value: 'rosa.prova@example.org' });
    expect(normalizeContact('email', 'rosa@example')).toEqual({ ok: false, error: 'email_format' });
    expect(normalizeContact('email', 'rosa prova@example.org')).toEqual({ ok: false, error: 'email_format' });
    expect(normalizeContact('email', '@example.org')).toEqual({ ok: false, error: 'email_format' });
  });
  it('treats empty text as removing the value', () => {
    expect(normalizeContact('phone', '   ')).toEqual({ ok: true, value: null });
    expect(normalizeContact('email', null)).toEqual({ ok: true, value: null });
  });
});

describe('decideFieldWrite', () => {
  it('applies a write made on the current value', () => {
    expect(decideFieldWrite('333', '333', '347')).toBe('apply');
    expect(decideFieldWrite(null, null, '347')).toBe('apply');
    expect(decideFieldWrite('333', '333', null)).toBe('apply');
  });
  it('is a no-op when the field already holds the value, whatever the base', () => {
    expect(decideFieldWrite('333', '347', '347')).toBe('noop');
    expect(decideFieldWrite(null, null, null)).toBe('noop');
  });
  it('is a conflict when someone else changed the field since the device read it', () => {
    expect(decideFieldWrite('333', '320', '347')).toBe('conflict');
    expect(decideFieldWrite(null, '320', '347')).toBe('conflict');
    expect(decideFieldWrite('333', null, '347')).toBe('conflict');
  });
  it('never loses a value: over random histories, each write is applied, already there, or kept in a conflict', () => {
    // A tiny model: a server field and devices that read it at random moments and write later.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = ['a', 'b', 'c', null] as const;
    for (let run = 0; run < 200; run++) {
      let server: string | null = 'a';
      const reads: (string | null)[] = [];
      const kept: { device: string | null; server: string | null }[] = [];
      for (let step = 0; step < 20; step++) {
        if (next() < 0.4) reads.push(server);
        else if (reads.length > 0) {
          const base = reads.splice(Math.floor(next() * reads.length), 1)[0]!;
          const value = values[Math.floor(next() * values.length)]!;
          const before: string | null = server;
          const decision = decideFieldWrite(base, server, value);
          if (decision === 'apply') server = value;
          if (decision === 'conflict') kept.push({ device: value, server: before });
          // Nothing the server held is replaced by a writer that did not see it.
          if (server !== before) expect(base).toBe(before);
          // The device's value is now the server's or it is kept in a conflict.
          expect(server === value || kept.at(-1)?.device === value).toBe(true);
        }
      }
    }
  });
});
