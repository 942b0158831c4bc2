/**
 * Login rate limiting: after `perLogin` failed attempts within the window for one login name, or
 * `perAddress` from one address (higher: an office shares one address behind NAT), further attempts
 * are refused until the window passes. Kept in memory: one server process guards its own door
 * (several processes behind a balancer each count separately — still bounded).
 */
export interface RateLimitOptions {
  perLogin: number;
  perAddress: number;
  windowMs: number;
}

export const LOGIN_LIMIT: RateLimitOptions = { perLogin: 5, perAddress: 30, windowMs: 15 * 60 * 1000 };

export interface Attempt {
  login: string;
  address: string;
}

export class FailureCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: RateLimitOptions = LOGIN_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  private keys(a: Attempt): [string, number][] {
    return [
      [`login:${a.login.toLowerCase()}`, this.options.perLogin],
      [`address:${a.address}`, this.options.perAddress],
    ];
  }

  /** Milliseconds until this attempt may be made, or 0 when it may now. */
  retryAfter(attempt: Attempt): number {
    const now = this.now();
    let wait = 0;
    for (const [key, limit] of this.keys(attempt)) {
      const recent = this.recent(key, now);
      if (recent.length >= limit)
        wait = Math.max(wait, recent[recent.length - limit]! + this.options.windowMs - now);
    }
    return wait;
  }

  fail(attempt: Attempt): void {
    const now = this.now();
    for (const [key] of this.keys(attempt)) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) this.prune(now);
  }

  /** A successful sign-in clears the login's count (not the address's: others may be guessing there). */
  succeed(attempt: Attempt): void {
    this.failures.delete(this.keys(attempt)[0]![0]);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.options.windowMs);
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key, now).length === 0) this.failures.delete(key);
    }
  }
}
