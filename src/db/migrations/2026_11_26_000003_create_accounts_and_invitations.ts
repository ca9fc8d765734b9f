import { type Kysely, sql } from "kysely";
import { columnTypes, engineOf } from "../column-types.ts";

/**
 * Accounts (personal and business), memberships, role history and invitations.
 *
 * Memberships carry a copy of the person's name and email (`name_key`, `email`) so the
 * Business Account Users list sorts and pages on one index per sort order, without
 * joining users; identity keeps the copy current when a name changes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));

  await db.schema
    .createTable("accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    // Personal accounts: the one person who owns it. Unique, so each person has exactly one.
    .addColumn("owner_user_id", "text", (c) => c.unique().references("users.id").onDelete("cascade"))
    .addColumn("company_name", "text")
    .addColumn("country", "text")
    .addColumn("postcode", "text")
    .addColumn("business_phone", "text")
    .addColumn("address_line1", "text")
    .addColumn("address_line2", "text")
    .addColumn("city", "text")
    .addColumn("vat_id", "text")
    .addColumn("website", "text")
    .addColumn("created_by_user_id", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await db.schema
    .createTable("memberships")
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("email", t.sortableText, (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("name_key", t.sortableText, (c) => c.notNull())
    .addColumn("joined_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("memberships_pk", ["account_id", "user_id"])
    .execute();
  // One index per sort order of the Users list, plus "my accounts" by user.
  await db.schema.createIndex("memberships_name_idx").on("memberships").columns(["account_id", "name_key", "user_id"]).execute();
  await db.schema.createIndex("memberships_email_idx").on("memberships").columns(["account_id", "email", "user_id"]).execute();
  await db.schema
    .createIndex("memberships_joined_idx")
    .on("memberships")
    .columns(["account_id", "joined_at", "user_id"])
    .execute();
  await db.schema.createIndex("memberships_user_idx").on("memberships").columns(["user_id"]).execute();

  await db.schema
    .createTable("membership_role_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("from_role", "text")
    .addColumn("to_role", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("changed_by_user_id", "text")
    .addColumn("changed_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("membership_role_changes_member_idx")
    .on("membership_role_changes")
    .columns(["account_id", "user_id", "changed_at"])
    .execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    // Lowercased; the join link works only for this address.
    .addColumn("email", t.sortableText, (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    // pending → accepted | revoked. "Expired" is a pending invitation past expires_at.
    .addColumn("status", "text", (c) => c.notNull())
    // SHA-256 of the token; the token itself exists only in the email.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by_user_id", "text")
    .addColumn("sent_at", t.timestamp, (c) => c.notNull())
    .addColumn("expires_at", t.timestamp, (c) => c.notNull())
    .addColumn("send_count", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("accepted_by_user_id", "text")
    .addColumn("closed_at", t.timestamp)
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  // At most one open invitation per address and account, enforced by the database.
  await db.schema
    .createIndex("invitations_open_email_idx")
    .on("invitations")
    .columns(["account_id", "email"])
    .unique()
    .where(sql.ref("status"), "=", "pending")
    .execute();
  await db.schema
    .createIndex("invitations_open_sent_idx")
    .on("invitations")
    .columns(["account_id", "status", "sent_at", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("invitations").execute();
  await db.schema.dropTable("membership_role_changes").execute();
  await db.schema.dropTable("memberships").execute();
  await db.schema.dropTable("accounts").execute();
}
