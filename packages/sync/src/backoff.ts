/**
 * Retry delays after failed syncs: exponential, capped, with jitter so that the
 * devices of a whole office coming back online do not all hit the server at once.
 */
export interface BackoffOptions {
  /** Delay after the first failure, before jitter. */
  baseMs?: number;
  /** No delay is ever longer than this. */
  capMs?: number;
  /** A number in [0, 1); injectable for tests. */
  random?: () => number;
}

export const DEFAULT_BACKOFF_BASE_MS = 1_000;
export const DEFAULT_BACKOFF_CAP_MS = 60_000;

/**
 * The delay before the next attempt after `failures` consecutive failures (0: none).
 * "Equal jitter": half of the exponential step is kept, half is random, so a retry
 * never comes sooner than half the step and never later than the cap.
 */
export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  if (!(failures > 0)) return 0;
  const base = options.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const cap = options.capMs ?? DEFAULT_BACKOFF_CAP_MS;
  const random = options.random ?? Math.random;
  // 2 ** 30 already exceeds any sensible cap; keeps the arithmetic finite.
  const step = Math.min(cap, base * 2 ** Math.min(failures - 1, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (step / 2) * r);
}

/** The delay to wait when the server also said how long to wait (HTTP 429 Retry-After). */
export function retryDelay(failures: number, retryAfterMs: number | undefined, options: BackoffOptions = {}): number {
  const delay = backoffDelay(failures, options);
  return retryAfterMs !== undefined && retryAfterMs > delay ? retryAfterMs : delay;
}
