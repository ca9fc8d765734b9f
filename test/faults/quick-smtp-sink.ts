import { once } from "node:events";
import { type AddressInfo, createServer, type Socket } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { recipientsOf } from "../notifications/smtp-sink.ts";

/**
 * A minimal SMTP server over real TCP (greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT), for the fault tests that deliver hundreds of messages. smtp-server
 * (test/notifications/smtp-sink.ts) waits a fixed 100 ms before its greeting to catch
 * early talkers, and the portal opens one connection per message, so it caps delivery
 * at ~10 messages a second; this one answers at once. Messages are parsed with
 * mailparser like the other sink's.
 */
export type QuickSmtpSink = {
  port: number;
  url: string;
  messages: ParsedMail[];
  to(address: string): ParsedMail[];
  close(): Promise<void>;
};

export async function startQuickSmtpSink(port = 0): Promise<QuickSmtpSink> {
  const messages: ParsedMail[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let buffer = "";
    let data: string[] | undefined;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 quick-sink ESMTP");
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf("\r\n");
      while (end >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line === ".") {
            const raw = data.join("\r\n");
            data = undefined;
            simpleParser(raw).then(
              (mail) => {
                messages.push(mail);
                reply("250 OK: queued");
              },
              () => reply("451 could not parse the message"),
            );
          } else data.push(line.startsWith("..") ? line.slice(1) : line);
        } else {
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === "EHLO") reply("250-quick-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
          else if (verb === "DATA") {
            data = [];
            reply("354 End data with <CR><LF>.<CR><LF>");
          } else if (verb === "QUIT") {
            reply("221 Bye");
            socket.end();
          } else if (["HELO", "MAIL", "RCPT", "RSET", "NOOP"].includes(verb)) reply("250 OK");
          else reply("502 Command not implemented");
        }
        end = buffer.indexOf("\r\n");
      }
    });
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    messages,
    to: (address) => messages.filter((mail) => recipientsOf(mail).includes(address)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
