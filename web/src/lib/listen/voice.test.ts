import { describe, expect, it } from 'vitest';
import { pickItalianVoice, type VoiceLike } from './voice.ts';

const v = (name: string, lang: string, localService = false, isDefault = false): VoiceLike => ({ name, lang, localService, default: isDefault });

describe('pickItalianVoice', () => {
  it('finds no voice when none is Italian (the button stays hidden)', () => {
    expect(pickItalianVoice([v('Daniel', 'en-GB', true, true), v('Google español', 'es-ES')])).toBeNull();
    expect(pickItalianVoice([])).toBeNull();
    // Not fooled by a language code that only starts with the letters "it".
    expect(pickItalianVoice([v('Inuktitut', 'iu-CA')])).toBeNull();
  });

  it('prefers a local Italian voice (it works offline) over a network one', () => {
    const chosen = pickItalianVoice([v('Google italiano', 'it-IT', false, true), v('Alice', 'it-IT', true), v('Daniel', 'en-GB', true)]);
    expect(chosen?.name).toBe('Alice');
  });

  it('takes any Italian variant, it-IT first', () => {
    expect(pickItalianVoice([v('Svizzera', 'it-CH', true), v('Luca', 'it_IT', true)])?.name).toBe('Luca');
    expect(pickItalianVoice([v('Svizzera', 'it-CH')])?.name).toBe('Svizzera');
  });
});
