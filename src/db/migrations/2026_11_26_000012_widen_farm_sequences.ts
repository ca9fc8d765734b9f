import type { Kysely } from "kysely";
import { engineOf } from "../column-types.ts";

/**
 * A farm's report sequence may be any safe integer (the farm API takes up to 2^53 − 1, so a
 * farm can number its reports by the clock), but PostgreSQL's `integer` stops at 2^31 − 1 and
 * a larger sequence failed the check-in with a 500. SQLite's integers are 64-bit already.
 * Found by test/platform/bad-input.property.test.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== "postgres") return;
  await db.schema
    .alterTable("farms")
    .alterColumn("last_sequence", (c) => c.setDataType("bigint"))
    .execute();
  await db.schema
    .alterTable("farm_reports")
    .alterColumn("sequence", (c) => c.setDataType("bigint"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== "postgres") return;
  await db.schema
    .alterTable("farm_reports")
    .alterColumn("sequence", (c) => c.setDataType("integer"))
    .execute();
  await db.schema
    .alterTable("farms")
    .alterColumn("last_sequence", (c) => c.setDataType("integer"))
    .execute();
}
