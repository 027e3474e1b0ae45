import type { RefusalCode } from '@icaro/sync';

/** A mutation the rules refuse. It is recorded with its code, never dropped. */
export class MutationRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}
