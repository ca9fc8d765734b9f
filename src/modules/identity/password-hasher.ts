import { AsyncLocalStorage } from "node:async_hooks";
import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id through @node-rs/argon2: about 14 ms per hash, computed on libuv's thread
 * pool so the event loop stays free. Parameters are the OWASP minimum (m=19 MiB, t=2).
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Better Auth's sign-up hashes the password *inside* its database transaction. On
 * SQLite that transaction holds the only connection, so every other request waited
 * ~100 ms behind each sign-up. Our sign-up route hashes first, outside any
 * transaction, and parks the result here; Better Auth's `hash` hook then returns it
 * at once, so the transaction only contains the inserts.
 */
const precomputed = new AsyncLocalStorage<{ password: string; hash: string }>();

export function hashPassword(password: string): Promise<string> {
  const ready = precomputed.getStore();
  if (ready && ready.password === password) return Promise.resolve(ready.hash);
  return hash(password, ARGON2_OPTIONS);
}

export function verifyPassword({ hash: digest, password }: { hash: string; password: string }): Promise<boolean> {
  return verify(digest, password).catch(() => false);
}

/** Runs `fn` with `password` already hashed, so nothing inside needs to hash it again. */
export async function withPrehashedPassword<T>(password: string, fn: () => Promise<T>): Promise<T> {
  const digest = await hash(password, ARGON2_OPTIONS);
  return precomputed.run({ password, hash: digest }, fn);
}
