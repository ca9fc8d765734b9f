/**
 * One checkout attempt = one Idempotency-Key. The server keeps one order per key, so a
 * submit repeated after a lost answer (network error, server error, a double click)
 * reuses the key and gets the same order back instead of paying twice. A decline ends
 * the attempt: the next submit is a new payment with a new key. Changing anything in
 * the form also starts a new attempt (the server refuses a key reused with another body).
 * The card token is kept with the attempt, so a retry sends exactly the same body.
 */
export type Attempt = { key: string; fingerprint: string; token: string | null };

/** A random UUID; crypto.randomUUID needs a secure context, so plain-http deployments get the same from getRandomValues. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class CheckoutAttempts {
  private current: Attempt | null = null;

  constructor(private readonly makeKey: () => string = newIdempotencyKey) {}

  /** The attempt for this submit: the open one when the form is unchanged, else a new one. */
  begin(fingerprint: string): Attempt {
    if (this.current?.fingerprint !== fingerprint) this.current = { key: this.makeKey(), fingerprint, token: null };
    return this.current;
  }

  /** The outcome of the open attempt is final (declined, or refused for good): the next submit is new. */
  finish(): void {
    this.current = null;
  }
}
