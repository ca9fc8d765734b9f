import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundDeps } from "../../src/modules/support/inbound/inbound-delivery.ts";
import { createInboundMailListener, type InboundMailListener } from "../../src/modules/support/inbound/inbound-listener.ts";
import { systemClock } from "../../src/server/clock.ts";
import { businessAccount, call, person } from "../helpers/account-fixtures.ts";
import type { TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { DOMAIN, PNG, smtpRefusal } from "./inbound-kit.ts";
import { createSupportApp } from "./support-kit.ts";

/** The listener built directly (not through the app), with a small size limit and a logger we can read. */
describe(`the inbound listener's limits and log (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let listener: InboundMailListener;
  let port: number;
  const logged: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const record = (level: string) => (fields: Record<string, unknown>, message: string) => {
    logged.push({ level, fields, message });
  };

  beforeAll(async () => {
    t = await createSupportApp({ env: { INBOUND_EMAIL_DOMAIN: DOMAIN } });
    const logger = { info: record("info"), warn: record("warn"), error: record("error") } as unknown as InboundDeps["logger"];
    const { thread, attachments, tokens } = t.app.support;
    listener = createInboundMailListener({
      database: t.database,
      thread,
      attachments,
      tokens,
      clock: systemClock,
      logger,
      maxBytes: 64 * 1024,
    });
    port = (await listener.listen(0, "127.0.0.1")).port;
  });
  afterAll(async () => {
    await listener?.close();
    await t?.close();
  });

  it("refuses a message over the size limit with 552", async () => {
    const admin = await person(t, "big");
    const accountId = await businessAccount(t, admin);
    const created = await call(t, admin, "POST", `/api/accounts/${accountId}/support/tickets`, {
      productId: "ras",
      category: "purchase",
      severity: "low",
      subject: "A big screenshot",
      description: "See the screenshot.",
    });
    const to = t.app.support.tokens.replyAddress(created.json().id);
    const big = await smtpRefusal(port, {
      from: admin.email,
      to,
      subject: "big",
      text: "See attached.",
      attachments: [{ filename: "screen.png", content: Buffer.concat([PNG, randomBytes(100 * 1024)]) }],
    });
    expect(big.responseCode).toBe(552);
  });

  it("logs a refused sender at warn without the message body", async () => {
    const admin = await person(t, "logged");
    const accountId = await businessAccount(t, admin);
    const created = await call(t, admin, "POST", `/api/accounts/${accountId}/support/tickets`, {
      productId: "ras",
      category: "purchase",
      severity: "low",
      subject: "Logged refusal",
      description: "Nothing.",
    });
    const to = t.app.support.tokens.replyAddress(created.json().id);
    await smtpRefusal(port, { from: "mallory@evil.example", to, subject: "x", text: "SECRET-BODY-TEXT" });
    const warning = logged.find((entry) => entry.level === "warn" && entry.fields.sender === "mallory@evil.example");
    expect(warning?.fields).toMatchObject({ reason: "not_a_participant", ticketReference: expect.stringMatching(/^SR-/) });
    expect(JSON.stringify(logged)).not.toContain("SECRET-BODY-TEXT");
  });
});
