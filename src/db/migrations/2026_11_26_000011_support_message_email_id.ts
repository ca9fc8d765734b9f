import type { Kysely } from "kysely";

/**
 * Inbound support email: the Message-ID of the email a message was threaded from (or,
 * for an email without one, a hash of its content). SMTP delivery is at-least-once (a
 * sending server that loses our "250" sends the message again), so a copy must be
 * recognised and not posted twice. The unique index makes that hold even when two
 * copies race: the second insert fails and is treated as the duplicate it is. Messages
 * not written by email leave the column null, and NULLs never conflict in a unique
 * index on either engine.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("support_messages").addColumn("email_message_id", "text").execute();
  await db.schema
    .createIndex("support_messages_email_id_idx")
    .on("support_messages")
    .columns(["ticket_id", "email_message_id"])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("support_messages_email_id_idx").execute();
  await db.schema.alterTable("support_messages").dropColumn("email_message_id").execute();
}
