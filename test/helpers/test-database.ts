import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** Which engine this vitest run targets; scripts/test-all.mjs runs the suite once per engine. */
export const TEST_ENGINE: "sqlite" | "postgres" = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";

/** Admin connection used to create and drop one throwaway database per test file. */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type ThrowawayDatabase = { url: string; drop(): Promise<void> };

/** A fresh, empty database (by default on the engine under test): a SQLite file or a new PostgreSQL database. */
export async function createThrowawayDatabase(
  engine: "sqlite" | "postgres" = TEST_ENGINE,
  adminUrl = TEST_PG_ADMIN_URL,
): Promise<ThrowawayDatabase> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "lp-test-"));
    return { url: `sqlite:${join(dir, "portal.sqlite")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `lp_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // pg's Pool.end() resolves before its connections have closed; forcing the drop
      // while they are closing makes the pool emit an unhandled 57P01. Give them a moment.
      for (let i = 0; i < 50; i++) {
        const { rows } = await client.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
