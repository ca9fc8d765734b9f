import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/**
 * argon2 on its own low-priority threads, not on libuv's pool.
 *
 * @node-rs/argon2's async API runs on libuv's thread pool (4 threads). Better Auth
 * checks every session cookie with WebCrypto HMAC, which runs on that same pool, so
 * four sign-ups hashing at once made every session lookup queue behind ~25 ms
 * hashes (bench/: lookup p99 ~70 ms). Here each worker lowers its own scheduling
 * priority (on Linux `setPriority(0, …)` affects only the calling thread), so
 * hashing uses the CPU the request thread leaves idle.
 */
const argon2Path = createRequire(import.meta.url).resolve("@node-rs/argon2");
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { hashSync, verifySync } = require(${JSON.stringify(argon2Path)});
try { require("node:os").setPriority(0, 10); } catch {}
parentPort.on("message", ({ id, op, password, digest, options }) => {
  try {
    const value = op === "hash" ? hashSync(password, options) : verifySync(digest, password);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});`;

export type Argon2Job =
  | { op: "hash"; password: string; options: Record<string, number> }
  | { op: "verify"; password: string; digest: string };

type Reply = { id: number; value?: unknown; error?: string };
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; pending: Map<number, Pending> };

export class Argon2Pool {
  private readonly slots: Array<Slot | undefined>;
  private nextId = 0;

  /**
   * One worker per core but one: the remaining core stays free for the event loop, so
   * a burst of sign-ups cannot make everyone else's requests wait. Measured on 2 cores
   * (bench/signup-contention.bench.ts, phase E): one hashing thread gave session p99
   * 6.3 ms and 92 sign-ups/s, against 9.6–10.6 ms and 88–90/s with two.
   */
  constructor(size = Math.max(1, availableParallelism() - 1)) {
    this.slots = new Array(size).fill(undefined);
  }

  run<T>(job: Argon2Job): Promise<T> {
    const slot = this.leastBusySlot();
    const id = this.nextId++;
    // Busy workers keep the process alive until their answer arrives; idle ones do not.
    slot.worker.ref();
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      slot.worker.postMessage({ id, ...job });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot?.worker.terminate()));
    this.slots.fill(undefined);
  }

  private leastBusySlot(): Slot {
    let best = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      if (!slot) {
        best = i;
        break;
      }
      const current = best >= 0 ? this.slots[best] : undefined;
      if (!current || slot.pending.size < current.pending.size) best = i;
    }
    const index = Math.max(0, best);
    return this.slots[index] ?? this.spawn(index);
  }

  private spawn(index: number): Slot {
    const slot: Slot = { worker: new Worker(WORKER_SOURCE, { eval: true }), pending: new Map() };
    slot.worker.on("message", ({ id, value, error }: Reply) => {
      const pending = slot.pending.get(id);
      slot.pending.delete(id);
      if (slot.pending.size === 0) slot.worker.unref();
      if (error !== undefined) pending?.reject(new Error(error));
      else pending?.resolve(value);
    });
    // A crashed worker fails its jobs and is replaced on next use; nothing hangs.
    const fail = (error: Error) => {
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
      if (this.slots[index] === slot) this.slots[index] = undefined;
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", (code) => fail(new Error(`argon2 worker exited with code ${code}`)));
    this.slots[index] = slot;
    return slot;
  }
}
