/**
 * Short-lived answers to questions about the whole registry (each body's reporting for a year, the
 * years on record): at 20,000 bodies they cost half a second, and twenty reviewers ask them again and
 * again. An answer is kept for `ttlMs` (30 s); an upload through this server clears them at once, and
 * what another process stores shows within the TTL.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** `ttlMs`: this answer's own lifetime, for answers that change more rarely (the registry). */
  get<T>(key: string, compute: () => Promise<T>, ttlMs = this.ttlMs): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < ttlMs) return hit.value as Promise<T>;
    const value = compute();
    this.entries.set(key, { at: this.now(), value });
    // A failed computation is not kept: the next request tries again.
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > 1000) this.entries.clear();
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
