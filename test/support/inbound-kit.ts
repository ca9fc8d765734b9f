import { randomBytes } from "node:crypto";
import nodemailer, { type SendMailOptions } from "nodemailer";

/** Helpers for the inbound email tests (not a test file itself): an SMTP client like a relaying MX. */

export const DOMAIN = "support.example.test";
export const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
export const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

export type SmtpError = Error & { responseCode?: number; response?: string };

/** Sends one message to an SMTP port the way a relaying MX would (no TLS: the MX did that). */
export async function smtpSend(port: number, message: SendMailOptions) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

/** The SMTP error a message is refused with (fails the test if it is accepted). */
export async function smtpRefusal(port: number, message: SendMailOptions): Promise<SmtpError> {
  const error = await smtpSend(port, message).then(
    () => null,
    (err: SmtpError) => err,
  );
  if (!error) throw new Error("the message was accepted");
  return error;
}

export const messageId = () => `<${randomBytes(8).toString("hex")}@mail.test>`;
