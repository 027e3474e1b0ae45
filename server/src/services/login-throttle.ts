/**
 * Counts failed logins per account and per client address in a sliding window.
 * In memory: ICARO runs as one process per city (see docs/architecture.md); a restart
 * forgets the counts, which only ever errs towards letting a user try again.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly maxPerAccount: number,
    private readonly maxPerIp: number,
  ) {}

  /** Milliseconds until a new attempt is allowed, or 0 when it is allowed now. */
  retryAfter(account: string, ip: string, now: number): number {
    const wait = (key: string, max: number) => {
      const list = this.recent(key, now);
      if (list.length < max) return 0;
      return list[list.length - max]! + this.windowMs - now;
    };
    return Math.max(wait(`a:${account}`, this.maxPerAccount), wait(`i:${ip}`, this.maxPerIp), 0);
  }

  recordFailure(account: string, ip: string, now: number): void {
    for (const key of [`a:${account}`, `i:${ip}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.set(key, list);
    }
  }

  recordSuccess(account: string): void {
    this.failures.delete(`a:${account}`);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}
