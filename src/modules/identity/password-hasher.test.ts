import { hash as libuvHash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { Argon2Pool } from "./argon2-pool.ts";
import { hashPassword, verifyPassword, withPrehashedPassword } from "./password-hasher.ts";

describe("password hashing", () => {
  it("hashes with argon2id on the worker pool and verifies", async () => {
    const digest = await hashPassword("violet-harbour-engine-42");
    expect(digest).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword({ hash: digest, password: "violet-harbour-engine-42" })).toBe(true);
    expect(await verifyPassword({ hash: digest, password: "violet-harbour-engine-43" })).toBe(false);
    expect(await verifyPassword({ hash: "not-a-hash", password: "x" })).toBe(false);
  });

  it("still verifies hashes made with the earlier m=19 MiB, t=2 parameters", async () => {
    const old = await libuvHash("violet-harbour-engine-42", { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(await verifyPassword({ hash: old, password: "violet-harbour-engine-42" })).toBe(true);
  });

  it("hands Better Auth the hash computed before its transaction, and only for that password", async () => {
    const [inside, other] = await withPrehashedPassword("correct-horse-battery", async () => {
      const started = performance.now();
      const digest = await hashPassword("correct-horse-battery");
      const elapsed = performance.now() - started;
      return [{ digest, elapsed }, await hashPassword("something-else-entirely")] as const;
    });
    expect(inside.elapsed).toBeLessThan(2);
    expect(await verifyPassword({ hash: inside.digest, password: "correct-horse-battery" })).toBe(true);
    expect(await verifyPassword({ hash: other, password: "something-else-entirely" })).toBe(true);
  });

  it("runs many hashes at once, and starts fresh workers after close", async () => {
    const pool = new Argon2Pool(2);
    const options = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
    const digests = await Promise.all(
      Array.from({ length: 8 }, (_, i) => pool.run<string>({ op: "hash", password: `p${i}`, options })),
    );
    expect(new Set(digests).size).toBe(8);
    await pool.close();
    // After close the workers are gone; the next job spawns a fresh one.
    expect(await pool.run<boolean>({ op: "verify", password: "p0", digest: digests[0] ?? "" })).toBe(true);
    await pool.close();
  });
});
