import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteReadWriteDialect } from "./sqlite-read-write-dialect.ts";

type Db = { notes: { id: number; body: string } };

describe("SqliteReadWriteDialect", () => {
  let dir: string;
  let db: Kysely<Db>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "lp-rw-"));
    db = new Kysely<Db>({ dialect: new SqliteReadWriteDialect(join(dir, "t.sqlite")) });
    await db.schema
      .createTable("notes")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("body", "text")
      .execute();
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers a read while a transaction is open, with the last committed state", async () => {
    await db.insertInto("notes").values({ id: 1, body: "committed" }).execute();
    let readDuringTransaction: string[] = [];
    let readWasBlocked = true;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("notes").set({ body: "uncommitted" }).where("id", "=", 1).execute();
      const outside = db.selectFrom("notes").select("body").execute();
      const first = await Promise.race([outside, new Promise<"blocked">((r) => setTimeout(() => r("blocked"), 200))]);
      readWasBlocked = first === "blocked";
      readDuringTransaction = (await outside).map((n) => n.body);
    });
    expect(readWasBlocked).toBe(false);
    expect(readDuringTransaction).toEqual(["committed"]);
    expect((await db.selectFrom("notes").select("body").execute()).map((n) => n.body)).toEqual(["uncommitted"]);
  });

  it("serializes writes behind an open transaction and rolls back on error", async () => {
    const order: string[] = [];
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto("notes").values({ id: 1, body: "in transaction" }).execute();
      await new Promise((r) => setTimeout(r, 50));
      order.push("transaction done");
    });
    await new Promise((r) => setTimeout(r, 5));
    await db.insertInto("notes").values({ id: 2, body: "after" }).execute();
    order.push("outside write done");
    await transaction;
    expect(order).toEqual(["transaction done", "outside write done"]);

    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("notes").values({ id: 3, body: "rolled back" }).execute();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const ids = await db.selectFrom("notes").select("id").orderBy("id").execute();
    expect(ids.map((n) => n.id)).toEqual([1, 2]);
    const count = await sql<{ n: number }>`select count(*) as n from notes`.execute(db);
    expect(count.rows[0]?.n).toBe(2);
  });
});
