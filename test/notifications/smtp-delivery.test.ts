import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cookieFrom, GOOD_PASSWORD, JSON_HEADERS, signUp, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { linkFromText, type SmtpSink, startSmtpSink } from "./smtp-sink.ts";

describe(`email over real SMTP (${TEST_ENGINE})`, () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, AUTH_RATE_LIMIT: "off", MAIL_FROM: "Portal <no-reply@portal.test>" });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });
  beforeEach(() => {
    sink.messages.length = 0;
  });

  async function outboxRowFor(email: string) {
    return t.database.db.selectFrom("outbox").selectAll().where("recipient", "=", email).executeTakeFirstOrThrow();
  }

  it("delivers the verification mail on sign-up, and its link verifies the address", async () => {
    const email = uniqueEmail();
    expect((await signUp(t, email)).statusCode).toBe(202);
    expect(sink.messages).toHaveLength(0); // nothing leaves before the worker runs

    expect(await t.app.outbox.drain()).toBe(1);
    const [mail, ...others] = sink.to(email);
    if (!mail) throw new Error("no mail received");
    expect(others).toHaveLength(0);
    expect(mail.subject).toBe("Confirm your email address");
    expect(mail.from?.value[0]).toMatchObject({ name: "Portal", address: "no-reply@portal.test" });
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.text).toContain("Hello Ada Lovelace,");

    const link = linkFromText(mail);
    expect(link.startsWith(`${TEST_ORIGIN}/api/auth/verify-email?token=`)).toBe(true);
    expect(mail.html).toContain(`href="${link.replaceAll("&", "&amp;")}"`);
    expect(mail.html).toContain('<html lang="en"');

    const row = await outboxRowFor(email);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, lockedUntil: null, template: "verify-email" });
    expect(row.sentAt).toBeInstanceOf(Date);

    const before = await t.database.db
      .selectFrom("users")
      .select("emailVerified")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(before.emailVerified).toBe(false);
    const verified = await t.app.inject({ url: link.replace(TEST_ORIGIN, "") });
    expect(verified.statusCode).toBe(302);
    const me = await t.app.inject({ url: "/api/me", headers: { cookie: cookieFrom(verified.headers["set-cookie"]) } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email, emailVerified: true });
    const after = await t.database.db
      .selectFrom("users")
      .select("emailVerified")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(after.emailVerified).toBe(true);

    // The verification mail was delivered once; verifying queued only the welcome mail.
    expect(await t.app.outbox.drain()).toBe(1);
    expect(await t.app.outbox.drain()).toBe(0);
    const subjects = sink.to(email).map((m) => m.subject);
    expect(subjects).toEqual(["Confirm your email address", expect.stringMatching(/welcome/i)]);
  });

  it("writes to someone who signed up in German in German", async () => {
    const email = uniqueEmail("de");
    const response = await t.app.inject({
      method: "POST",
      url: "/api/identity/sign-up",
      headers: JSON_HEADERS,
      payload: { firstName: "Grete", lastName: "Müller", email, password: GOOD_PASSWORD, locale: "de" },
    });
    expect(response.statusCode).toBe(202);
    expect(await t.app.outbox.drain()).toBe(1);

    const [mail] = sink.to(email);
    if (!mail) throw new Error("no mail received");
    expect(mail.subject).toBe("Bestätigen Sie Ihre E-Mail-Adresse");
    expect(mail.text).toContain("Hallo Grete Müller,");
    expect(mail.text).toContain("E-Mail-Adresse bestätigen");
    expect(mail.html).toContain('<html lang="de"');

    const verified = await t.app.inject({ url: linkFromText(mail).replace(TEST_ORIGIN, "") });
    expect(verified.statusCode).toBe(302);
    const me = await t.app.inject({ url: "/api/me", headers: { cookie: cookieFrom(verified.headers["set-cookie"]) } });
    expect(me.json()).toMatchObject({ email, emailVerified: true, locale: "de" });
  });

  it("does not expose the dev mailbox when SMTP is configured", async () => {
    const response = await t.app.inject({ url: "/api/dev/mailbox" });
    expect(response.statusCode).toBe(404);
  });
});
