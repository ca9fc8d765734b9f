import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, businessAccount, call, person } from "../helpers/account-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { linkFromText, type SmtpSink, startSmtpSink } from "./smtp-sink.ts";

describe(`invitation emails over real SMTP (${TEST_ENGINE})`, () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, AUTH_RATE_LIMIT: "off" });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it("sends each invitation in its chosen language, naming the account, the inviter and the expiry, with a working join link", async () => {
    const admin = await person(t, "inviter");
    await t.app.outbox.drain(); // the admin's own verification and welcome mails
    const accountId = await businessAccount(t, admin);
    const sent = await call(t, admin, "POST", `/api/accounts/${accountId}/invitations`, {
      locale: "en",
      invitations: [
        { email: "english@example.com" },
        { email: "deutsch@example.com", locale: "de" },
        { email: "nihongo@example.com", locale: "ja" },
      ],
    });
    expect(sent.statusCode).toBe(200);
    expect(sink.to("english@example.com")).toHaveLength(0); // nothing leaves before the worker runs

    expect(await t.app.outbox.drain()).toBe(3);
    const expected = {
      "english@example.com": { lang: "en", subject: /invited you to join Acme Remote Apps GmbH/, expiry: /expires on .+ UTC/ },
      "deutsch@example.com": { lang: "de", subject: /hat Sie zu Acme Remote Apps GmbH .*eingeladen/, expiry: /läuft am .+ ab/ },
      "nihongo@example.com": { lang: "ja", subject: /招待/, expiry: /有効期限/ },
    } as const;
    for (const [email, want] of Object.entries(expected)) {
      const [mail, ...others] = sink.to(email);
      if (!mail) throw new Error(`no mail for ${email}`);
      expect(others).toHaveLength(0);
      expect(mail.subject).toMatch(want.subject);
      expect(mail.html).toContain(`<html lang="${want.lang}"`);
      expect(mail.text).toContain(ACME.companyName);
      expect(mail.text).toContain("Ada Lovelace"); // the inviter
      expect(mail.text).toMatch(want.expiry);
      expect(mail.text).not.toMatch(/UTC\s*\)?\s*UTC/);

      const link = linkFromText(mail);
      expect(link.startsWith(`${TEST_ORIGIN}/join#token=`)).toBe(true);
      const token = new URL(link).hash.slice("#token=".length);
      const preview = await call(t, null, "POST", "/api/invitations/preview", { token });
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toMatchObject({ state: "pending", email, locale: want.lang, accountName: ACME.companyName });
    }
  });
});
