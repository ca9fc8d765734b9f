/**
 * Phase (d) of business-users.bench.ts: Send Invitations with 100 fresh addresses over
 * HTTP, with the rows counted before and after every send (100 invitations, 100 outbox
 * rows, 100 audit rows) and a check that no worker touched the outbox.
 */
import { sql } from "kysely";
import type { Database } from "../src/db/database.ts";
import { type CpuUsage, startCpuProbe, summarize } from "./bench-support.ts";
import type { PhaseResult, SendChecks } from "./business-users-report.ts";
import type { HttpRequestSpec, HttpWorkerCommand, HttpWorkerResult } from "./http-worker.ts";

const INVITEE_DOMAIN = "invitees.bench.test";
const OVERRIDE_LOCALES = ["de", "ja", "fr", "zh"] as const;

type Deps = {
  database: Database;
  accountId: string;
  client: { run(command: HttpWorkerCommand): Promise<HttpWorkerResult> };
  /** Starts collecting Fastify's reply.elapsedTime; the returned function stops and returns them. */
  recordServer(): () => number[];
  /** Passed to startCpuProbe: PostgreSQL's process name, or undefined on SQLite. */
  databaseProcess: string | undefined;
};

export function createSendPhase({ database: { db }, accountId, client, recordServer, databaseProcess }: Deps) {
  let serial = 0;
  /** 100 fresh addresses; every fourth has its own language (the CSV language column). */
  const sendSpec = (): HttpRequestSpec => {
    serial += 1;
    const invitations = Array.from({ length: 100 }, (_, i) => ({
      email: `invitee-${serial}-${i}-${Math.random().toString(36).slice(2, 8)}@${INVITEE_DOMAIN}`,
      ...(i % 4 === 0 ? { locale: OVERRIDE_LOCALES[(i / 4) % OVERRIDE_LOCALES.length] } : {}),
    }));
    return {
      method: "POST",
      path: `/api/accounts/${accountId}/invitations`,
      body: JSON.stringify({ locale: "en", invitations }),
    };
  };

  const count = (row: { n: number | string }) => Number(row.n);
  const countRows = async () => {
    const [invitations, outbox, audit] = await Promise.all([
      db
        .selectFrom("invitations")
        .select(sql<number>`count(*)`.as("n"))
        .where("accountId", "=", accountId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom("outbox")
        .select(sql<number>`count(*)`.as("n"))
        .where("template", "=", "invitation")
        .executeTakeFirstOrThrow(),
      db
        .selectFrom("auditEvents")
        .select(sql<number>`count(*)`.as("n"))
        .where("accountId", "=", accountId)
        .where("action", "=", "invitation.sent")
        .executeTakeFirstOrThrow(),
    ]);
    return { invitations: count(invitations), outbox: count(outbox), audit: count(audit) };
  };

  /** Removes what the sends wrote, so every round starts from the seeded pending invitations. */
  const cleanUp = async () => {
    await db.deleteFrom("invitations").where("accountId", "=", accountId).where("email", "like", `%@${INVITEE_DOMAIN}`).execute();
    await db.deleteFrom("outbox").where("recipient", "like", `%@${INVITEE_DOMAIN}`).execute();
    await db.deleteFrom("auditEvents").where("accountId", "=", accountId).where("action", "=", "invitation.sent").execute();
  };

  return async function measureSends(sends: number, warmup = 3): Promise<{ result: PhaseResult; checks: SendChecks }> {
    for (let i = 0; i < warmup; i++) await client.run({ requests: [sendSpec()], expectStatus: 200 });
    await cleanUp();
    const clientMs: number[] = [];
    const serverMs: number[] = [];
    const cpu: CpuUsage[] = [];
    const badSends: string[] = [];
    for (let i = 0; i < sends; i++) {
      const before = await countRows();
      const stopServer = recordServer();
      const probe = startCpuProbe(databaseProcess);
      const answer = await client.run({ requests: [sendSpec()], expectStatus: 200 });
      cpu.push(probe.stop());
      serverMs.push(...stopServer());
      clientMs.push(...answer.ms);
      const after = await countRows();
      const delta = {
        invitations: after.invitations - before.invitations,
        outbox: after.outbox - before.outbox,
        audit: after.audit - before.audit,
      };
      if (answer.firstFailure || delta.invitations !== 100 || delta.outbox !== 100 || delta.audit !== 100) {
        badSends.push(`send ${i + 1}: ${JSON.stringify(delta)} ${answer.firstFailure ?? ""}`);
      }
    }
    const touched = await db
      .selectFrom("outbox")
      .select(sql<number>`count(*)`.as("n"))
      .where("template", "=", "invitation")
      .where((eb) =>
        eb.or([
          eb("status", "!=", "pending"),
          eb("attempts", ">", 0),
          eb("sentAt", "is not", null),
          eb("lockedUntil", "is not", null),
        ]),
      )
      .executeTakeFirstOrThrow();
    await cleanUp();
    const mean = (pick: (c: CpuUsage) => number | undefined) =>
      cpu.reduce((s, c) => s + (pick(c) ?? 0), 0) / Math.max(1, cpu.length);
    return {
      result: {
        key: "send",
        label: "(d) Send Invitations, 100 addresses",
        http: summarize(clientMs),
        server: summarize(serverMs),
        statuses: { "200": sends - badSends.length },
        bodyBytes: 0,
        processCores: mean((c) => c.processCores),
        dbCores: mean((c) => c.dbCores),
        otherCores: mean((c) => c.otherCores),
      },
      checks: { sends, badSends, outboxRowsTouchedByWorker: count(touched) },
    };
  };
}
