/**
 * "Ascolta" (QUALITY.md §1.11): the voice to read Italian questions with. An Italian voice
 * only (it, it-IT, it-CH…), preferring one the device synthesises itself, which also works
 * offline, then the system default; none means no "Ascolta" button at all.
 */
export interface VoiceLike {
  lang: string;
  localService: boolean;
  default: boolean;
  name: string;
}

export function isItalian(voice: Pick<VoiceLike, 'lang'>): boolean {
  return /^it(?:[-_]|$)/i.test(voice.lang);
}

export function pickItalianVoice<V extends VoiceLike>(voices: readonly V[]): V | null {
  const italian = voices.filter(isItalian);
  if (italian.length === 0) return null;
  const score = (v: V) => (v.localService ? 4 : 0) + (/^it[-_]IT$/i.test(v.lang) ? 2 : 0) + (v.default ? 1 : 0);
  return [...italian].sort((a, b) => score(b) - score(a))[0]!;
}
