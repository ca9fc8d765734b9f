import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";

export type EmailTemplate = "verify-email" | "reset-password" | "password-changed";

export type OutboxEmail = {
  template: EmailTemplate;
  to: string;
  locale: string;
  /** Template variables (names, links). Stored as JSON with the message. */
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
