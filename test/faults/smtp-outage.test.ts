import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../../src/modules/notifications/mailer.ts";
import { createOutboxWorker, type OutboxWorker } from "../../src/modules/notifications/outbox.worker.ts";
import { createSealer } from "../../src/modules/notifications/sealed-fields.ts";
import { businessAccount, invite, type Person, person } from "../helpers/account-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { closedPort, recipientsOf, type SmtpSink, startSmtpSink } from "../notifications/smtp-sink.ts";
import { sleep, waitUntil } from "./fault-kit.ts";

/**
 * Issue 8, part 4: the SMTP server is down for a while, then back on the same port.
 * The outbox worker runs its real poll loop (production code; only the backoff is
 * shortened from 5 s… to 40 ms…, through the worker's option): it fails, backs off,
 * keeps every message, and once the server is back delivers each one exactly once.
 */
const INVITEES = 20;

describe(`SMTP down for a while, then back (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let port: number;
  let worker: OutboxWorker;
  let sink: SmtpSink | undefined;
  let admin: Person;
  let accountId: string;
  beforeAll(async () => {
    port = await closedPort();
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, AUTH_RATE_LIMIT: "off" });
    admin = await person(t, "smtp-admin");
    accountId = await businessAccount(t, admin);
    worker = createOutboxWorker({
      db: t.database.db,
      mailer: createMailer(t.config),
      pollMs: 20,
      logger: t.app.log,
      sealer: createSealer(t.config.licenseKeySecret),
      backoff: (attempts) => Math.min(40 * 2 ** (attempts - 1), 200),
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await sink?.close();
    await t?.close();
  });

  it("keeps every email through the outage, backs off, and delivers each exactly once when the server is back", async () => {
    const emails = Array.from({ length: INVITEES }, (_, i) => `outage-${i}@example.com`);
    const results = await invite(t, admin, accountId, emails);
    expect(results.map((r) => r.outcome)).toEqual(emails.map(() => "invited"));
    const outbox = () => t.database.db.selectFrom("outbox").selectAll().execute();
    const total = (await outbox()).length; // the invitations plus the administrator's own sign-up emails
    expect(total).toBeGreaterThanOrEqual(INVITEES);

    worker.start();
    // Down "for a while": every message has failed at least three times and is waiting for its next attempt.
    await waitUntil("every message failed three times", async () => (await outbox()).every((row) => row.attempts >= 3));
    const during = await outbox();
    for (const row of during) {
      expect(row.status).toBe("pending");
      expect(row.sentAt).toBeNull();
      expect(row.lastError).toMatch(/ECONNREFUSED/);
    }

    sink = await startSmtpSink(port);
    await waitUntil("every message is sent", async () => (await outbox()).every((row) => row.status === "sent"), 20_000);
    // Several more poll rounds: nothing is sent twice.
    await sleep(300);
    await worker.stop();

    const after = await outbox();
    expect(after.every((row) => row.lastError === null && row.lockedUntil === null)).toBe(true);
    expect(sink.messages).toHaveLength(total);
    const messageIds = sink.messages.map((mail) => mail.messageId);
    expect(new Set(messageIds).size).toBe(total);
    // One message per outbox row: recipient + subject (the template) is unique, and each invitee got exactly one.
    const keys = sink.messages.map((mail) => `${recipientsOf(mail).join(",")} ${mail.subject}`);
    expect(new Set(keys).size).toBe(total);
    for (const email of emails) {
      const mails = sink.to(email);
      expect(mails, email).toHaveLength(1);
      expect(mails[0]?.subject).toMatch(/invited you to join/);
    }
  });
});
