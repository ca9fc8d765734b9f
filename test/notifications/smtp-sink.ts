import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpSinkOptions = {
  /** Called when DATA starts; the message is accepted only when the returned promise settles. */
  beforeAccept?: () => Promise<void>;
  /** Recipients refused with `550 No such user` (a permanent SMTP error). */
  rejectRecipients?: string[];
};

export type SmtpSink = {
  port: number;
  url: string;
  /** Every message accepted so far, parsed. */
  messages: ParsedMail[];
  to(address: string): ParsedMail[];
  close(): Promise<void>;
};

/** A real SMTP server on 127.0.0.1 (no TLS, no auth), like a local relay. */
export async function startSmtpSink(port = 0, options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.includes(address.address)) {
        const err = Object.assign(new Error("No such user"), { responseCode: 550 });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          await options.beforeAccept?.();
          messages.push(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    messages,
    to: (address) => messages.filter((mail) => recipientsOf(mail).includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function recipientsOf(mail: ParsedMail): string[] {
  return [mail.to ?? []].flat().flatMap((to) => to.value.map((address) => address.address ?? ""));
}

/** A port with nothing listening on it (for "SMTP server is down"). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The first link on a line of its own in a mail's text part (our templates put the URL there). */
export function linkFromText(mail: ParsedMail): string {
  const match = /^https?:\/\/\S+$/m.exec(mail.text ?? "");
  if (!match) throw new Error(`no link in mail text: ${mail.text}`);
  return match[0];
}
