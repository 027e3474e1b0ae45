import type { it } from './it.ts';

/** The shape of every catalogue: the Italian source's keys and message signatures. */
export type Messages = typeof it;
