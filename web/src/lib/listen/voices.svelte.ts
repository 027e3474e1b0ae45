/**
 * The device's Italian voice, as a rune the "Ascolta" button reads. Voices load
 * asynchronously in Chrome: the list is read again on `voiceschanged`.
 */
import { pickItalianVoice } from './voice.ts';

class ItalianVoice {
  voice = $state.raw<SpeechSynthesisVoice | null>(null);
  #started = false;

  start(): void {
    if (this.#started || typeof window === 'undefined' || !('speechSynthesis' in window)) return;
    this.#started = true;
    const read = () => (this.voice = pickItalianVoice(window.speechSynthesis.getVoices()));
    read();
    window.speechSynthesis.addEventListener('voiceschanged', read);
  }
}

export const italianVoice = new ItalianVoice();
