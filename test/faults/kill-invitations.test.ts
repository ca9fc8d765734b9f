import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.ts";
import { businessAccount, type Person, person } from "../helpers/account-fixtures.ts";
import { createThrowawayDatabase, TEST_ENGINE, type ThrowawayDatabase } from "../helpers/test-database.ts";
import { http, openApp, openDatabase, type Server, sleep, startServer, waitUntil } from "./fault-kit.ts";
import { type QuickSmtpSink, startQuickSmtpSink } from "./quick-smtp-sink.ts";

/**
 * Issue 8, part 4: `kill -9` the server in the middle of 100-address Send Invitations.
 * The server gets several 100-address sends at once; they take turns on the account
 * lock (and SQLite's single writer), and the process is SIGKILLed the moment the first
 * answer arrives, so the others are cut off at different points: queued, inside the
 * transaction, or committed but not yet answered. After the kill each batch is all
 * there (100 invitations, 100 outbox emails, 100 audit records) or not there at all,
 * and every answered one is there. A restart with SMTP then delivers each stored
 * invitation exactly once and nothing for the batches that were not stored.
 */
const BATCH = 100;
const CONCURRENT = 5;
/** Each batch counts towards the daily invitation limit (500 by default). */
const ENV = { INVITATION_DAILY_LIMIT: "100000" };

type Batch = { emails: string[]; answered: boolean };

describe(`kill -9 during Send Invitations (${TEST_ENGINE})`, () => {
  let database: ThrowawayDatabase;
  let checks: Database | undefined;
  let admin: Person;
  let accountId: string;
  let server: Server | undefined;
  let sink: QuickSmtpSink | undefined;
  beforeAll(async () => {
    database = await createThrowawayDatabase();
    // Prepared in-process, then closed: only the server process has the database open.
    const t = await openApp(database.url);
    try {
      admin = await person(t, "kill-admin");
      accountId = await businessAccount(t, admin);
    } finally {
      await t.close();
    }
  });
  afterAll(async () => {
    await server?.kill();
    await sink?.close();
    await checks?.destroy();
    await database?.drop();
  });

  const addresses = (label: string) => Array.from({ length: BATCH }, (_, i) => `${label}-${i}@example.com`);
  const sendBatch = (base: string, emails: string[]) =>
    http(base, "POST", `/api/accounts/${accountId}/invitations`, {
      cookie: admin.cookie,
      body: { locale: "en", invitations: emails.map((email) => ({ email })) },
      timeoutMs: 20_000,
    });

  /** How many of the batch's rows exist in each table that Send Invitations writes. */
  async function stored(emails: string[]) {
    if (!checks) throw new Error("the database is not open");
    const { db } = checks;
    const count = async (query: Promise<Array<unknown>>) => (await query).length;
    return {
      invitations: await count(
        db.selectFrom("invitations").select("id").where("accountId", "=", accountId).where("email", "in", emails).execute(),
      ),
      outbox: await count(
        db.selectFrom("outbox").select("id").where("template", "=", "invitation").where("recipient", "in", emails).execute(),
      ),
      audit: await count(
        db
          .selectFrom("auditEvents")
          .select("id")
          .where("accountId", "=", accountId)
          .where("action", "=", "invitation.sent")
          .where("targetId", "in", db.selectFrom("invitations").select("id").where("email", "in", emails))
          .execute(),
      ),
    };
  }

  it("leaves each batch whole or absent, and after a restart sends every stored invitation exactly once", async () => {
    server = await startServer(database.url, ENV);
    const base = server.base;
    const batches: Batch[] = Array.from({ length: CONCURRENT }, (_, i) => ({
      emails: addresses(`cut${i}`),
      answered: false,
    }));
    const started = Date.now();
    let firstAnswer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      firstAnswer = resolve;
    });
    const requests = batches.map((batch) =>
      sendBatch(base, batch.emails).then(
        (answer) => {
          batch.answered = answer.status === 200;
          firstAnswer();
        },
        () => firstAnswer(), // the connection dies with the process
      ),
    );
    await answered;
    await server.kill();
    const killedAfterMs = Date.now() - started;
    await Promise.all(requests);
    checks = openDatabase(database.url);

    for (const batch of batches) {
      const rows = await stored(batch.emails);
      const label = `${batch.emails[0]} (${batch.answered ? "answered" : "cut off"})`;
      // All or nothing, in every table; and an answered request is never lost.
      expect([0, BATCH], label).toContain(rows.invitations);
      expect(rows, label).toEqual({ invitations: rows.invitations, outbox: rows.invitations, audit: rows.invitations });
      if (batch.answered) expect(rows.invitations, label).toBe(BATCH);
    }
    // The kill cut requests off: one was answered, and some were not.
    expect(batches.filter((b) => b.answered).length).toBeGreaterThan(0);
    expect(batches.filter((b) => !b.answered).length).toBeGreaterThan(0);

    // Restart with a mail server: what was stored is delivered, once per address; what was not, never.
    sink = await startQuickSmtpSink();
    server = await startServer(database.url, { ...ENV, SMTP_URL: sink.url, OUTBOX_POLL_MS: "20" });
    const { db } = checks;
    await waitUntil(
      "the outbox is empty",
      async () => (await db.selectFrom("outbox").select("id").where("status", "!=", "sent").execute()).length === 0,
      30_000,
    );
    await sleep(200); // a few more polls: nothing goes out twice
    const storedBatches: Batch[] = [];
    for (const batch of batches) {
      const isStored = (await stored(batch.emails)).invitations === BATCH;
      if (isStored) storedBatches.push(batch);
      for (const email of batch.emails) expect(sink.to(email), email).toHaveLength(isStored ? 1 : 0);
    }
    const invitationMails = sink.messages.filter((mail) => /invited you to join/.test(mail.subject ?? ""));
    expect(invitationMails).toHaveLength(storedBatches.length * BATCH);
    // The restarted process serves the same data: a Send again finds the stored invitations still open.
    const again = await sendBatch(server.base, storedBatches[0]?.emails.slice(0, 3) ?? []);
    expect(again.status).toBe(200);
    expect((again.body.results as Array<{ outcome: string }>).map((r) => r.outcome)).toEqual(Array(3).fill("already_invited"));
    console.log(
      `kill-invitations (${TEST_ENGINE}): killed after ${killedAfterMs} ms: ${batches
        .map((b) => `${b.answered ? "answered" : "cut"} → ${storedBatches.includes(b) ? "all" : "none"}`)
        .join(", ")}`,
    );
  }, 120_000);
});
