import type { it } from './it.ts';
import type { itExtra } from './it-extra.ts';

/** The messages every screen may need, bundled with the shell: the Italian source's shape. */
export type CoreMessages = typeof it;
/** The messages of every other screen, loaded with the first route that needs them. */
export type ExtraMessages = typeof itExtra;
/** The shape of every catalogue: the Italian source's keys and message signatures. */
export type Messages = CoreMessages & ExtraMessages;
