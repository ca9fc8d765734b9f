import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../src/db/database.ts";
import { createMailer } from "../../src/modules/notifications/mailer.ts";
import { insertOutboxEmail } from "../../src/modules/notifications/outbox.repo.ts";
import { createOutboxStore } from "../../src/modules/notifications/outbox.store.ts";
import { createOutboxWorker, LEASE_MS, MAX_ATTEMPTS } from "../../src/modules/notifications/outbox.worker.ts";
import { uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { recipientsOf, type SmtpSink, startSmtpSink } from "./smtp-sink.ts";

const LINK = "http://localhost:3000/dashboard";
/** locked_until as epoch ms (SQLite returns it as ISO text: NormalizeResultsPlugin only converts `…At` columns). */
const epoch = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());

describe(`outbox leasing and crash safety (${TEST_ENGINE})`, () => {
  let sink: SmtpSink;
  let t: TestApp;
  /** A second connection (pool) to the same database, as another process would have. */
  let other: Database;
  beforeAll(async () => {
    // A little latency per message, so concurrent workers really overlap.
    sink = await startSmtpSink(0, { beforeAccept: () => new Promise((resolve) => setTimeout(resolve, 5)) });
    t = await createTestApp({ SMTP_URL: sink.url, AUTH_RATE_LIMIT: "off" });
    other = createDatabase(t.config.database);
  });
  afterAll(async () => {
    await other?.destroy();
    await t?.close();
    await sink?.close();
  });
  beforeEach(async () => {
    await t.database.db.deleteFrom("outbox").execute();
    sink.messages.length = 0;
  });

  const rowById = (id: string) => t.database.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const enqueue = (to = uniqueEmail()) =>
    insertOutboxEmail(t.database.db, { template: "welcome", to, locale: "it", data: { name: "Ada", url: LINK } });
  /** Makes a row look claimed by some worker: one attempt counted, leased until `lockedUntil`. */
  const leaseAs = (id: string, lockedUntil: Date, attempts = 1) =>
    t.database.db.updateTable("outbox").set({ lockedUntil, attempts }).where("id", "=", id).execute();

  it("retries a row whose worker died mid-send once its lease has expired", async () => {
    const email = uniqueEmail();
    const id = await enqueue(email);
    await leaseAs(id, new Date(Date.now() - 1000));

    expect(await t.app.outbox.drain()).toBe(1);
    expect(sink.to(email)).toHaveLength(1);
    expect(sink.to(email)[0]?.subject).toBe("Le diamo il benvenuto in License Portal");
    expect(await rowById(id)).toMatchObject({ status: "sent", attempts: 2, lockedUntil: null });
  });

  it("leaves a row alone while another worker's lease is live", async () => {
    const id = await enqueue();
    const lockedUntil = new Date(Date.now() + 60_000);
    await leaseAs(id, lockedUntil);

    expect(await t.app.outbox.drain()).toBe(0);
    expect(sink.messages).toHaveLength(0);
    const row = await rowById(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(epoch(row.lockedUntil)).toBe(lockedUntil.getTime());

    await leaseAs(id, new Date(Date.now() - 1));
    expect(await t.app.outbox.drain()).toBe(1);
  });

  it("marks dead, and does not resend, a row whose last allowed attempt died with its worker", async () => {
    const id = await enqueue();
    await leaseAs(id, new Date(Date.now() - 1000), MAX_ATTEMPTS);

    expect(await t.app.outbox.drain()).toBe(0);
    expect(sink.messages).toHaveLength(0);
    const row = await rowById(id);
    expect(row).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS, lockedUntil: null });
    expect(row.lastError).toMatch(/lease expired/);
  });

  it("lets two claims on two connections take disjoint rows", async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => enqueue()));
    const options = { leaseMs: LEASE_MS, maxAttempts: MAX_ATTEMPTS };
    const now = new Date();
    const [a, b] = await Promise.all([
      createOutboxStore(t.database.db, options).claim(now, 8),
      createOutboxStore(other.db, options).claim(now, 8),
    ]);
    const claimedA = a.rows.map((row) => row.id);
    const claimedB = b.rows.map((row) => row.id);
    expect(claimedA.filter((id) => claimedB.includes(id))).toEqual([]);
    expect(new Set([...claimedA, ...claimedB])).toEqual(new Set(ids));
    expect([...a.rows, ...b.rows].every((row) => row.attempts === 1)).toBe(true);
  });

  it("claims past rows another worker is claiming at this very moment, without waiting for it", async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => enqueue()));
    const store = createOutboxStore(t.database.db, { leaseMs: LEASE_MS, maxAttempts: MAX_ATTEMPTS });
    if (TEST_ENGINE === "sqlite") {
      // SQLite runs each write statement alone (one writer per file), so a claim
      // cannot interleave with another; what is left to check is that it does not
      // take rows already leased by the other connection.
      const first = await createOutboxStore(other.db, { leaseMs: LEASE_MS, maxAttempts: MAX_ATTEMPTS }).claim(new Date(), 2);
      const second = await store.claim(new Date(), 100);
      expect(second.rows.map((row) => row.id).sort()).toEqual(ids.filter((id) => !first.rows.some((r) => r.id === id)).sort());
      return;
    }
    // PostgreSQL: the other worker is inside its claim transaction holding row locks.
    const lockedIds = ids.slice(0, 2);
    const claimed = await other.db.transaction().execute(async (trx) => {
      await trx.selectFrom("outbox").select("id").where("id", "in", lockedIds).forUpdate().execute();
      let timeout: NodeJS.Timeout | undefined;
      const blocked = new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new Error("claim waited for locked rows (no SKIP LOCKED?)")), 3000);
      });
      try {
        return await Promise.race([store.claim(new Date(), 100), blocked]);
      } finally {
        clearTimeout(timeout);
      }
    });
    expect(claimed.rows.map((row) => row.id).sort()).toEqual(ids.slice(2).sort());
  });

  it("does not let a worker whose lease was taken over overwrite the new owner's state", async () => {
    const id = await enqueue();
    await t.database.db
      .updateTable("outbox")
      .set({ nextAttemptAt: new Date(Date.now() - 3 * LEASE_MS) })
      .where("id", "=", id)
      .execute();
    const store = createOutboxStore(t.database.db, { leaseMs: LEASE_MS, maxAttempts: MAX_ATTEMPTS });
    // Worker A claims "long ago"; its lease expires; worker B claims now.
    const stale = await store.claim(new Date(Date.now() - 2 * LEASE_MS), 10);
    expect(stale.rows.map((row) => row.id)).toEqual([id]);
    const fresh = await createOutboxStore(other.db, { leaseMs: LEASE_MS, maxAttempts: MAX_ATTEMPTS }).claim(new Date(), 10);
    expect(fresh.rows.map((row) => row.id)).toEqual([id]);

    const failure = { dead: true, nextAttemptAt: new Date(), error: "late failure from A" };
    expect(await store.markFailed(id, stale.lease, failure)).toBe(false);
    expect(await store.renew(id, stale.lease, new Date())).toBeUndefined();
    const row = await rowById(id);
    expect(row).toMatchObject({ status: "pending", attempts: 2, lastError: null });
    expect(epoch(row.lockedUntil)).toBe(fresh.lease.getTime());
  });

  it("delivers every message exactly once when two workers on two connections drain at the same time", async () => {
    const recipients = Array.from({ length: 30 }, (_, i) => uniqueEmail(`w${i}`));
    for (const to of recipients) await enqueue(to);
    const workerA = createOutboxWorker({ db: t.database.db, mailer: createMailer(t.config), pollMs: 1000, logger: t.app.log });
    const workerB = createOutboxWorker({ db: other.db, mailer: createMailer(t.config), pollMs: 1000, logger: t.app.log });
    try {
      const [sentA, sentB] = await Promise.all([workerA.drain(), workerB.drain()]);
      expect(sentA + sentB).toBe(30);
      expect(sentA).toBeGreaterThan(0);
      expect(sentB).toBeGreaterThan(0);
      expect(await Promise.all([workerA.drain(), workerB.drain()])).toEqual([0, 0]);
    } finally {
      await Promise.all([workerA.stop(), workerB.stop()]);
    }

    const received = sink.messages.flatMap(recipientsOf).sort();
    expect(received).toEqual([...recipients].sort());
    const rows = await t.database.db.selectFrom("outbox").select(["status", "attempts"]).execute();
    expect(rows).toHaveLength(30);
    expect(rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });
});
