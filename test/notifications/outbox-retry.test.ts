import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMailer, type Mailer } from "../../src/modules/notifications/mailer.ts";
import { insertOutboxEmail } from "../../src/modules/notifications/outbox.repo.ts";
import { backoffMs, createOutboxWorker, MAX_ATTEMPTS } from "../../src/modules/notifications/outbox.worker.ts";
import { signUp, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { closedPort, startSmtpSink } from "./smtp-sink.ts";

const LINK = "http://localhost:3000/api/auth/reset-password/abc?callbackURL=%2Freset";

describe(`outbox retries and failures (${TEST_ENGINE})`, () => {
  let port: number;
  let t: TestApp;
  beforeAll(async () => {
    port = await closedPort();
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, AUTH_RATE_LIMIT: "off" });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.database.db.deleteFrom("outbox").execute();
  });

  const rowById = (id: string) => t.database.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const enqueue = (to = uniqueEmail()) =>
    insertOutboxEmail(t.database.db, { template: "reset-password", to, locale: "en", data: { name: "Ada", url: LINK } });

  it("keeps the message while the SMTP server is down, backs off, and delivers exactly once when it is back", async () => {
    const email = uniqueEmail();
    expect((await signUp(t, email)).statusCode).toBe(202);

    const before = Date.now();
    expect(await t.app.outbox.drain()).toBe(0);
    const row = await t.database.db.selectFrom("outbox").selectAll().where("recipient", "=", email).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null, sentAt: null });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + backoffMs(1));
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + backoffMs(1));

    // Not due yet: another drain must not even try.
    expect(await t.app.outbox.drain()).toBe(0);
    expect((await rowById(row.id)).attempts).toBe(1);

    const sink = await startSmtpSink(port);
    try {
      await t.database.db
        .updateTable("outbox")
        .set({ nextAttemptAt: new Date(Date.now() - 1000) })
        .where("id", "=", row.id)
        .execute();
      expect(await t.app.outbox.drain()).toBe(1);
      expect(await t.app.outbox.drain()).toBe(0);
      expect(sink.to(email)).toHaveLength(1);
      expect(sink.messages).toHaveLength(1);
      expect(await rowById(row.id)).toMatchObject({ status: "sent", attempts: 2, lastError: null, lockedUntil: null });
    } finally {
      await sink.close();
    }
  });

  it("marks a message dead after MAX_ATTEMPTS and keeps it with its last error", async () => {
    const id = await enqueue();
    await t.database.db
      .updateTable("outbox")
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .where("id", "=", id)
      .execute();
    expect(await t.app.outbox.drain()).toBe(0);
    const row = await rowById(id);
    expect(row).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS, lockedUntil: null, sentAt: null });
    expect(row.lastError).toMatch(/ECONNREFUSED/);

    // A dead row is never picked up again, even when it looks due.
    await t.database.db
      .updateTable("outbox")
      .set({ nextAttemptAt: new Date(0) })
      .where("id", "=", id)
      .execute();
    expect(await t.app.outbox.drain()).toBe(0);
    expect((await rowById(id)).attempts).toBe(MAX_ATTEMPTS);
  });

  it("fails a message that cannot be rendered permanently instead of retrying it", async () => {
    const unknown = crypto.randomUUID();
    await t.database.db
      .insertInto("outbox")
      .values({
        id: unknown,
        kind: "email",
        template: "no-such-template",
        recipient: uniqueEmail(),
        locale: "en",
        payloadJson: JSON.stringify({ name: "Ada" }),
        status: "pending",
        attempts: 0,
        nextAttemptAt: new Date(),
      })
      .execute();
    const noLink = await insertOutboxEmail(t.database.db, {
      template: "verify-email",
      to: uniqueEmail(),
      locale: "en",
      data: { name: "Ada" },
    });

    expect(await t.app.outbox.drain()).toBe(0);
    const unknownRow = await rowById(unknown);
    expect(unknownRow).toMatchObject({ status: "dead", attempts: 1 });
    expect(unknownRow.lastError).toBe('UnknownTemplateError: Unknown email template "no-such-template"');
    const noLinkRow = await rowById(noLink);
    expect(noLinkRow).toMatchObject({ status: "dead", attempts: 1 });
    expect(noLinkRow.lastError).toMatch(/^EmailRenderError: .*needs data\.url/);
  });

  it("fails a recipient the SMTP server rejects permanently (5xx) after one attempt", async () => {
    const rejected = uniqueEmail("gone");
    const sink = await startSmtpSink(port, { rejectRecipients: [rejected] });
    try {
      const bad = await enqueue(rejected);
      const good = await enqueue();
      expect(await t.app.outbox.drain()).toBe(1);
      const row = await rowById(bad);
      expect(row).toMatchObject({ status: "dead", attempts: 1 });
      expect(row.lastError).toMatch(/EENVELOPE 550/);
      expect((await rowById(good)).status).toBe("sent");
    } finally {
      await sink.close();
    }
  });

  it("stop() waits for the message being sent, hands back the rest, then closes the transport", async () => {
    let release: () => void = () => {};
    let dataStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      dataStarted = resolve;
    });
    const sink = await startSmtpSink(port, {
      beforeAccept: () =>
        new Promise<void>((resolve) => {
          release = resolve;
          dataStarted();
        }),
    });
    const events: string[] = [];
    const real = createMailer(t.config);
    const mailer: Mailer = {
      kind: "smtp",
      send: async (message) => {
        await real.send(message);
        events.push("sent");
      },
      close: () => {
        events.push("closed");
        real.close();
      },
    };
    const worker = createOutboxWorker({ db: t.database.db, mailer, pollMs: 10, logger: t.app.log });
    try {
      const first = await enqueue();
      const second = await enqueue();
      worker.start(); // the poll loop, not drain(), picks the messages up
      await started;

      const stopped = worker.stop().then(() => events.push("stop resolved"));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events).toEqual([]); // still waiting for the SMTP server to accept
      release();
      await stopped;

      expect(events).toEqual(["sent", "closed", "stop resolved"]);
      expect(sink.messages).toHaveLength(1);
      const rows = [await rowById(first), await rowById(second)];
      expect(rows.filter((row) => row.status === "sent")).toHaveLength(1);
      // The unsent one is back in the queue, its attempt not counted, no lease held.
      expect(rows.find((row) => row.status === "pending")).toMatchObject({ attempts: 0, lockedUntil: null });
      expect(await worker.drain()).toBe(0); // a stopped worker sends nothing
    } finally {
      await worker.stop();
      await sink.close();
    }
  });
});
