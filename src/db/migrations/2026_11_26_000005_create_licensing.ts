import type { Kysely } from "kysely";
import { boolDefault, columnTypes, engineOf } from "../column-types.ts";

/**
 * Licensing: products, subscriptions, license keys and their License Administrators.
 *
 * A key is never stored in clear: `key_hash` is an HMAC-SHA256 under a server secret
 * (for lookup at registration and activation) and `key_ciphertext` an AES-256-GCM copy
 * (for showing the key to those who manage it). See ARCHITECTURE.md, "License keys".
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);

  await db.schema
    .createTable("products")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.insertInto("products").values({ id: "ras", code: "ras", name: "Remote Application Server" }).execute();

  await db.schema
    .createTable("subscriptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    // Null until the key is registered to an account.
    .addColumn("account_id", "text", (c) => c.references("accounts.id").onDelete("set null"))
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("name_key", t.sortableText, (c) => c.notNull())
    .addColumn("license_type", "text", (c) => c.notNull())
    .addColumn("term", "text")
    .addColumn("total_licenses", "integer", (c) => c.notNull())
    .addColumn("support_plan", "text", (c) => c.notNull())
    .addColumn("sales_channel", "text", (c) => c.notNull())
    .addColumn("reseller_name", "text")
    .addColumn("contact_name", "text")
    .addColumn("contact_email", "text")
    .addColumn("renewal_enabled", t.boolean, (c) => c.notNull().defaultTo(boolDefault(engine, true)))
    .addColumn("starts_at", t.timestamp, (c) => c.notNull())
    // Null for permanent licenses.
    .addColumn("expires_at", t.timestamp)
    .addColumn("maintenance_expires_at", t.timestamp)
    .addColumn("activated_at", t.timestamp)
    .addColumn("suspended_at", t.timestamp)
    .addColumn("canceled_at", t.timestamp)
    .addColumn("issued_by_user_id", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema
    .createIndex("subscriptions_account_name_idx")
    .on("subscriptions")
    .columns(["account_id", "name_key", "id"])
    .execute();
  await db.schema
    .createIndex("subscriptions_account_expires_idx")
    .on("subscriptions")
    .columns(["account_id", "expires_at", "id"])
    .execute();

  await db.schema
    .createTable("license_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subscription_id", "text", (c) => c.notNull().references("subscriptions.id").onDelete("cascade"))
    .addColumn("account_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    // Additional keys: licenses reserved from the subscription's pool. Primary: null (it uses the pool).
    .addColumn("licenses", "integer")
    .addColumn("max_users_per_farm", "integer")
    .addColumn("renew_with_subscription", t.boolean, (c) => c.notNull().defaultTo(boolDefault(engine, true)))
    .addColumn("custom_expires_at", t.timestamp)
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("key_ciphertext", "text", (c) => c.notNull())
    // The last group, for masked display ("****-…-7KQ2MX") without decrypting.
    .addColumn("key_tail", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema
    .createIndex("license_keys_subscription_idx")
    .on("license_keys")
    .columns(["subscription_id", "kind", "id"])
    .execute();

  await db.schema
    .createTable("license_key_admins")
    .addColumn("key_id", "text", (c) => c.notNull().references("license_keys.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("granted_by_user_id", "text")
    .addColumn("granted_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("license_key_admins_pk", ["key_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("license_key_admins_member_idx")
    .on("license_key_admins")
    .columns(["account_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("license_key_admins").execute();
  await db.schema.dropTable("license_keys").execute();
  await db.schema.dropTable("subscriptions").execute();
  await db.schema.dropTable("products").execute();
}
