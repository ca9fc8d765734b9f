import nodemailer from "nodemailer";
import type { Config } from "../../config.ts";

export type RenderedEmail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Where replies go when it is not the sender (a support ticket's reply address). */
  replyTo?: string;
};

export type Mailer = {
  /** `dev-mailbox`: no SMTP configured; messages stay in the outbox and show on /dev/mailbox. */
  kind: "smtp" | "dev-mailbox";
  send(message: RenderedEmail): Promise<void>;
  close(): void;
};

export function createMailer(config: Pick<Config, "smtpUrl" | "mailFrom">): Mailer {
  if (!config.smtpUrl) {
    return { kind: "dev-mailbox", send: async () => {}, close: () => {} };
  }
  const url = new URL(config.smtpUrl);
  const transport = nodemailer.createTransport({
    // One connection per message, no pool: a pool queues, requeues and delays messages
    // on its own, and retrying is the outbox's job (with backoff that survives restarts).
    host: url.hostname,
    port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
    secure: url.protocol === "smtps:",
    // Plain smtp:// to a local relay (or the test server) must not try STARTTLS.
    ignoreTLS: url.protocol === "smtp:" && url.searchParams.get("starttls") !== "required",
    requireTLS: url.searchParams.get("starttls") === "required",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    // Messages only carry our rendered text/HTML: never let content pull in files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    kind: "smtp",
    async send(message) {
      // RFC 3834: tells mail servers and autoresponders not to answer an automated message.
      await transport.sendMail({ from: config.mailFrom, ...message, headers: { "Auto-Submitted": "auto-generated" } });
    },
    close: () => transport.close(),
  };
}
