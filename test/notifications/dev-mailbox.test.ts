import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

type MailboxMessage = { id: string; createdAt: string; to: string; subject: string; text: string; html: string };

describe(`dev mailbox without SMTP_URL (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
  });
  afterAll(async () => t?.close());

  async function mailbox(): Promise<MailboxMessage[]> {
    const response = await t.app.inject({ url: "/api/dev/mailbox" });
    expect(response.statusCode).toBe(200);
    return response.json().messages;
  }

  it("lists rendered messages newest first, and the worker keeps them (marks them sent)", async () => {
    const first = uniqueEmail("first");
    const second = uniqueEmail("second");
    await signUp(t, first);
    await new Promise((resolve) => setTimeout(resolve, 5)); // distinct created_at
    await signUp(t, second);

    expect(await t.app.outbox.drain()).toBe(2);
    const rows = await t.database.db.selectFrom("outbox").select(["status", "sentAt"]).execute();
    expect(rows.map((row) => row.status)).toEqual(["sent", "sent"]);

    const messages = await mailbox();
    expect(messages.map((message) => message.to)).toEqual([second, first]);
    const [newest] = messages;
    expect(Object.keys(newest ?? {}).sort()).toEqual(["createdAt", "html", "id", "subject", "text", "to"]);
    expect(newest?.subject).toBe("Confirm your email address");
    expect(newest?.text).toMatch(new RegExp(`^${TEST_ORIGIN}/api/auth/verify-email\\?token=\\S+$`, "m"));
    expect(newest?.html).toContain('<html lang="en"');
    expect(Number.isNaN(Date.parse(newest?.createdAt ?? ""))).toBe(false);
  });

  it("still lists the other messages when one cannot be rendered", async () => {
    await t.database.db
      .insertInto("outbox")
      .values({
        id: crypto.randomUUID(),
        kind: "email",
        template: "retired-template",
        recipient: "old@example.com",
        locale: "en",
        payloadJson: "{}",
        status: "pending",
        attempts: 0,
        nextAttemptAt: new Date(),
      })
      .execute();
    const messages = await mailbox();
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(messages[0]).toMatchObject({ to: "old@example.com", subject: "[cannot render] retired-template" });
    expect(messages[1]?.subject).toBe("Confirm your email address");
  });
});
