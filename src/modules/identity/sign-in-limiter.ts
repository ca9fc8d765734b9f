/**
 * Counts failed sign-ins per key (an email address, or an IP) in a sliding window.
 * This is the in-memory window of one process; server/shared-state.ts puts the same
 * window in Redis when several processes must share it (and falls back to this one).
 *
 * Only *failures* count, so a user who types their password right is never locked
 * out by their own successful sign-ins, and the lock ends on its own when the
 * window slides past the failures.
 */
export class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Seconds until `key` may try again, or 0 if it may try now. */
  retryAfterSeconds(key: string): number {
    const recent = this.prune(key);
    if (recent.length < this.limit) return 0;
    const oldest = recent[recent.length - this.limit] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  recordFailure(key: string): void {
    const recent = this.prune(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    if (this.failures.size > 100_000) this.sweep();
  }

  private prune(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    return recent;
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) this.prune(key);
  }
}
