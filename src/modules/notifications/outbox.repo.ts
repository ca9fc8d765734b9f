import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";

/** Every email the portal sends; each has HTML + text in all supported locales (templates/). */
export const EMAIL_TEMPLATES = ["verify-email", "reset-password", "welcome", "password-changed"] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

export function isEmailTemplate(value: string): value is EmailTemplate {
  return (EMAIL_TEMPLATES as readonly string[]).includes(value);
}

export type OutboxEmail = {
  template: EmailTemplate;
  to: string;
  locale: string;
  /**
   * Template variables, stored as JSON with the message:
   * verify-email, reset-password, welcome: { name, url }; password-changed: { name, url? }.
   */
  data: Record<string, string>;
};

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Writes an email to the outbox. Call it with the transaction of the change that
 * causes the email, so both commit together or neither does.
 */
export async function insertOutboxEmail(executor: Executor, email: OutboxEmail): Promise<string> {
  const id = randomUUID();
  await executor
    .insertInto("outbox")
    .values({
      id,
      kind: "email",
      template: email.template,
      recipient: email.to,
      locale: email.locale,
      payloadJson: JSON.stringify(email.data),
      status: "pending",
      attempts: 0,
      nextAttemptAt: new Date(),
    })
    .execute();
  return id;
}
