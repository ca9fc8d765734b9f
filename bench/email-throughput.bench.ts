/**
 * Email delivery throughput (issue 8, point 1). On a fresh database, N invitation emails are
 * queued in the outbox and the portal's outbox worker (outbox.worker.ts, with the portal's own
 * mailer: one SMTP connection per message) drains them to a local SMTP server. The baseline,
 * in the same run: raw nodemailer sends of the same N rendered messages to the same server,
 * one connection per message, one after another, with no database.
 *
 *   baseline   render + nodemailer.sendMail, sequential, no outbox
 *   outbox     insertOutboxEmails (one statement), then worker.drain() until nothing is due
 *
 * The SMTP server (smtp-server) reads each message and counts it per recipient without
 * parsing it, so the sink costs both phases the same little CPU. Checks: every recipient got
 * exactly one message and every outbox row ends `sent` with one attempt.
 *
 *   node --import tsx bench/email-throughput.bench.ts [--engine=sqlite|postgres] [--emails=1000]
 *     [--greeting-pause] [--json=FILE]
 *
 * Exit code 0 unless the bench itself failed (a lost or duplicated email fails it). See bench/README.md.
 */
import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { FastifyBaseLogger } from "fastify";
import nodemailer from "nodemailer";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { SMTPConnection } from "smtp-server/lib/smtp-connection.js";
import { loadConfig } from "../src/config.ts";
import { createDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { createMailer } from "../src/modules/notifications/mailer.ts";
import { insertOutboxEmails, type OutboxEmail } from "../src/modules/notifications/outbox.repo.ts";
import { createOutboxWorker } from "../src/modules/notifications/outbox.worker.ts";
import { createSealer } from "../src/modules/notifications/sealed-fields.ts";
import { renderEmail } from "../src/modules/notifications/templates/render-email.ts";
import { createThrowawayDatabase, TEST_PG_ADMIN_URL } from "../test/helpers/test-database.ts";
import { type CpuUsage, fmt, markdownTable, type Summary, startCpuProbe, summarize } from "./bench-support.ts";

export type EmailOptions = {
  engine: "sqlite" | "postgres";
  emails: number;
  /** Keep smtp-server's 100 ms pause before each greeting (see skipGreetingPause). */
  greetingPause: boolean;
};

export type EmailPhase = {
  key: "nodemailer" | "outbox";
  label: string;
  emails: number;
  seconds: number;
  perSecond: number;
  /** Time between two consecutive messages arriving at the SMTP server, ms. */
  interval: Summary;
  /** nodemailer's sendMail alone, per message, ms (the outbox phase: inside the worker). */
  send: Summary;
} & CpuUsage;

export type EmailResult = {
  bench: "email-throughput";
  engine: "sqlite" | "postgres";
  node: string;
  cores: number;
  date: string;
  options: EmailOptions;
  phases: EmailPhase[];
  checks: { lost: number; duplicated: number; outboxNotSent: number; outboxRetried: number };
};

/**
 * smtp-server waits 100 ms before it greets each connection, to catch clients that talk too
 * soon. A relay on the same host (Postfix without postscreen, for one) greets at once; with one
 * connection per message that pause alone would cap both phases at ~9 emails/s and hide what is
 * measured. Unless `greetingPause` is kept, connections skip it (bench only).
 */
function skipGreetingPause() {
  const proto = SMTPConnection.prototype as unknown as {
    init(): void;
    _setListeners(ready: () => void): void;
    connectionReady(): void;
  };
  proto.init = function init(this: typeof proto) {
    this._setListeners(() => this.connectionReady());
  };
}

/** A local SMTP server that counts messages per recipient and when each arrived. */
async function startCountingSink(greetingPause: boolean) {
  if (!greetingPause) skipGreetingPause();
  const received = new Map<string, number>();
  const arrivals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        arrivals.push(performance.now());
        for (const to of session.envelope.rcptTo) received.set(to.address, (received.get(to.address) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const intervals = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? t));

function invitation(i: number, tag: string): OutboxEmail {
  return {
    template: "invitation",
    to: `invitee-${tag}-${i}@mail.bench.test`,
    locale: ["en", "de", "fr", "ja"][i % 4] ?? "en",
    data: {
      name: `Invitee ${i}`,
      accountName: "Northwind Traders",
      inviterName: "Anna Müller",
      url: `https://portal.bench.test/invitations/${i.toString(36).padStart(12, "x")}`,
      expiresAt: "2026-12-04T10:00:00+00:00",
    },
  };
}

export async function runEmailThroughput(options: EmailOptions): Promise<EmailResult> {
  const { engine, emails } = options;
  const throwaway = await createThrowawayDatabase(engine, process.env.BENCH_PG_ADMIN_URL ?? TEST_PG_ADMIN_URL);
  const sink = await startCountingSink(options.greetingPause);
  const config = loadConfig({
    ...{ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: throwaway.url, SMTP_URL: sink.url },
    MAIL_FROM: "License Portal <portal@bench.test>",
  });
  const database = createDatabase(config.database);
  const databaseProcess = engine === "postgres" ? "postgres" : undefined;
  try {
    await migrateToLatest(database.authDb);
    const phases: EmailPhase[] = [];

    // Baseline: raw nodemailer, one connection per message, the same rendered messages.
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: sink.port, secure: false, ignoreTLS: true });
    const rawSend = (e: OutboxEmail) =>
      transport.sendMail({ from: config.mailFrom, ...renderEmail(e.template, e.locale, e.to, e.data) });
    for (let i = 0; i < 10; i++) await rawSend(invitation(i, "warm-raw"));
    sink.arrivals.length = 0;
    {
      const sends: number[] = [];
      const probe = startCpuProbe(databaseProcess);
      const started = performance.now();
      for (let i = 0; i < emails; i++) {
        const t = performance.now();
        await rawSend(invitation(i, "raw"));
        sends.push(performance.now() - t);
      }
      const seconds = (performance.now() - started) / 1000;
      const cpu = probe.stop();
      phases.push({
        key: "nodemailer",
        label: "baseline: raw nodemailer, sequential",
        emails,
        seconds,
        perSecond: emails / seconds,
        interval: summarize(intervals(sink.arrivals)),
        send: summarize(sends),
        ...cpu,
      });
    }
    transport.close();

    // The outbox: queue, then drain with the portal's worker and mailer.
    const mailer = createMailer(config);
    const sends: number[] = [];
    const timedMailer = {
      ...mailer,
      async send(message: Parameters<typeof mailer.send>[0]) {
        const t = performance.now();
        await mailer.send(message);
        sends.push(performance.now() - t);
      },
    };
    const logger = pino({ level: "silent" }) as unknown as FastifyBaseLogger;
    const worker = createOutboxWorker({
      db: database.db,
      mailer: timedMailer,
      pollMs: 3_600_000,
      logger,
      sealer: createSealer(config.licenseKeySecret),
    });
    try {
      await insertOutboxEmails(
        database.db,
        Array.from({ length: 10 }, (_, i) => invitation(i, "warm-outbox")),
      );
      await worker.drain();
      const batch = 1000;
      for (let from = 0; from < emails; from += batch) {
        const chunk = Array.from({ length: Math.min(batch, emails - from) }, (_, i) => invitation(from + i, "outbox"));
        await insertOutboxEmails(database.db, chunk);
      }
      sends.length = 0;
      sink.arrivals.length = 0;
      const probe = startCpuProbe(databaseProcess);
      const started = performance.now();
      let sent = 0;
      for (;;) {
        const n = await worker.drain();
        sent += n;
        if (n === 0) break;
      }
      const seconds = (performance.now() - started) / 1000;
      const cpu = probe.stop();
      phases.push({
        key: "outbox",
        label: "outbox worker drains the queue",
        emails: sent,
        seconds,
        perSecond: sent / seconds,
        interval: summarize(intervals(sink.arrivals)),
        send: summarize(sends),
        ...cpu,
      });
    } finally {
      await worker.stop();
    }

    let lost = 0;
    let duplicated = 0;
    for (const tag of ["raw", "outbox"]) {
      for (let i = 0; i < emails; i++) {
        const n = sink.received.get(invitation(i, tag).to) ?? 0;
        if (n === 0) lost += 1;
        if (n > 1) duplicated += 1;
      }
    }
    const rows = await database.db.selectFrom("outbox").select(["status", "attempts"]).execute();
    const checks = {
      lost,
      duplicated,
      outboxNotSent: rows.filter((r) => r.status !== "sent").length,
      outboxRetried: rows.filter((r) => Number(r.attempts) > 1).length,
    };
    return {
      bench: "email-throughput",
      engine,
      node: process.version,
      cores: availableParallelism(),
      date: new Date().toISOString(),
      options,
      phases,
      checks,
    };
  } finally {
    await database.destroy();
    await sink.close();
    await throwaway.drop();
  }
}

export function printEmailThroughput(result: EmailResult) {
  const header = [result.engine, "emails", "s", "emails/s", "gap p50", "gap p95", "gap p99", "send p50", "send p99"];
  const rows = result.phases.map((p) => [
    p.label,
    String(p.emails),
    fmt(p.seconds),
    fmt(p.perSecond, 0),
    ...[p.interval.p50, p.interval.p95, p.interval.p99, p.send.p50, p.send.p99].map((v) => fmt(v)),
  ]);
  console.log(
    `${markdownTable(
      [...header, "cores: us / db / others"],
      rows.map((r, i) => {
        const p = result.phases[i];
        return [...r, p ? `${fmt(p.processCores)} / ${fmt(p.dbCores)} / ${fmt(p.otherCores)}` : ""];
      }),
    )}\n`,
  );
  const { lost, duplicated, outboxNotSent, outboxRetried } = result.checks;
  console.log(
    `lost ${lost}, duplicated ${duplicated}, outbox rows not sent ${outboxNotSent}, sent after a retry ${outboxRetried}` +
      (lost + duplicated + outboxNotSent > 0 ? "  FAIL" : ""),
  );
  console.log(
    "gap: ms between two messages arriving at the SMTP server. send: nodemailer's sendMail per message (in the outbox " +
      "phase, inside the worker: the rest of the gap is claim, render, lease renewal and markSent).",
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: args } = parseArgs({
    options: {
      engine: { type: "string", default: "sqlite" },
      emails: { type: "string", default: "1000" },
      "greeting-pause": { type: "boolean", default: false },
      json: { type: "string" },
    },
    strict: true,
  });
  if (args.engine !== "sqlite" && args.engine !== "postgres") throw new Error("--engine must be sqlite or postgres");
  const emails = Number(args.emails);
  if (!(Number.isInteger(emails) && emails > 0)) throw new Error("--emails must be a positive whole number");
  runEmailThroughput({ engine: args.engine, emails, greetingPause: args["greeting-pause"] }).then(
    (result) => {
      printEmailThroughput(result);
      if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
      const { lost, duplicated, outboxNotSent } = result.checks;
      if (lost + duplicated + outboxNotSent > 0) process.exitCode = 1;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
