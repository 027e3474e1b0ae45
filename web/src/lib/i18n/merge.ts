import type { CoreMessages, ExtraMessages, Messages } from './types.ts';

/** The two parts of a catalogue together; a section may be split between them (its first screens' keys in the core). */
export function mergeMessages(core: CoreMessages, extra: ExtraMessages): Messages {
  const out: Record<string, unknown> = { ...core };
  for (const [key, value] of Object.entries(extra)) {
    const base = out[key];
    out[key] = base && typeof base === 'object' ? { ...base, ...(value as object) } : value;
  }
  return out as Messages;
}
