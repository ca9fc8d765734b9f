import { AsyncLocalStorage } from "node:async_hooks";
import { Argon2Pool } from "./argon2-pool.ts";

/**
 * argon2id through @node-rs/argon2, computed on dedicated low-priority worker threads
 * (argon2-pool.ts) so neither the event loop nor libuv's pool waits for it.
 * m=7 MiB, t=5, p=1 is one of OWASP's equivalent minimum configurations; on this
 * 2-core machine it costs ~15 ms per hash against ~23 ms for m=19 MiB, t=2.
 * Existing hashes keep verifying: the parameters are stored in each hash.
 */
const ARGON2_OPTIONS = { memoryCost: 7_168, timeCost: 5, parallelism: 1 };
const pool = new Argon2Pool();

const hash = (password: string) => pool.run<string>({ op: "hash", password, options: ARGON2_OPTIONS });

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
  return hash(password);
}

export function verifyPassword({ hash: digest, password }: { hash: string; password: string }): Promise<boolean> {
  return pool.run<boolean>({ op: "verify", password, digest }).catch(() => false);
}

/** Runs `fn` with `password` already hashed, so nothing inside needs to hash it again. */
export async function withPrehashedPassword<T>(password: string, fn: () => Promise<T>): Promise<T> {
  const digest = await hash(password);
  return precomputed.run({ password, hash: digest }, fn);
}
