import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { TestApp } from "./test-app.ts";
import { TEST_ENGINE } from "./test-database.ts";

/**
 * A cheap fingerprint of everything the portal stores: per table, its row count and a hash of
 * its rows. Two equal fingerprints mean no row was added, removed or changed. One statement on
 * PostgreSQL (md5 of the rows' text, computed by the server); on SQLite, in-process reads.
 */
export type Fingerprint = Record<string, string>;

export async function tableNames(t: TestApp): Promise<string[]> {
  const { rows } =
    TEST_ENGINE === "postgres"
      ? await sql<{
          name: string;
        }>`select tablename as name from pg_tables where schemaname = current_schema() order by 1`.execute(t.database.db)
      : await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by 1`.execute(t.database.db);
  return rows.map((r) => r.name);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function fingerprinter(t: TestApp, tables: string[]): () => Promise<Fingerprint> {
  if (TEST_ENGINE === "postgres") {
    const columns = tables.map(
      (name, i) =>
        `(select count(*) || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '') from ${quoted(name)} x) as t${i}`,
    );
    const statement = sql.raw(`select ${columns.join(", ")}`);
    return async () => {
      const { rows } = await statement.execute(t.database.db);
      const row = (rows[0] ?? {}) as Record<string, string>;
      return Object.fromEntries(tables.map((name, i) => [name, String(row[`t${i}`])]));
    };
  }
  const statements = tables.map((name) => sql.raw(`select * from ${quoted(name)}`));
  return async () => {
    const result: Fingerprint = {};
    for (const [i, name] of tables.entries()) {
      const statement = statements[i];
      if (!statement) continue;
      const { rows } = await statement.execute(t.database.db);
      const lines = rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === "bigint" ? String(v) : v))).sort();
      result[name] = `${rows.length}:${createHash("md5").update(lines.join("\n")).digest("hex")}`;
    }
    return result;
  };
}

/** The tables whose fingerprints differ (empty when nothing changed). */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);
}
