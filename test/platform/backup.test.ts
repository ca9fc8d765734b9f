import { copyFileSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackupError, restoreSqlite, verifySqliteFile } from "../../src/db/backup.ts";
import { MIGRATION_NAMES } from "../../src/db/migrator.ts";
import { freePort, type PortalProcess, runPortal, waitForOutput } from "../helpers/portal-process.ts";
import { TEST_ENGINE, TEST_PG_ADMIN_URL } from "../helpers/test-database.ts";

const PASSWORD = "violet-harbour-engine-42";

/** Rows of `sql` in the SQLite file, read through a connection of our own. */
function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function stop(proc: PortalProcess) {
  if (proc.child.exitCode !== null) return proc.child.exitCode;
  proc.child.kill("SIGTERM");
  return proc.exit;
}

if (TEST_ENGINE === "sqlite") {
  describe("SQLite backup and restore (the license-portal backup and restore commands)", () => {
    let dir: string;
    let dbFile: string;
    let backupFile: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "lp-backup-"));
      dbFile = join(dir, "data", "portal.sqlite");
      backupFile = join(dir, "backup.sqlite");
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("backs up a serving portal under write load; a portal on the restored file serves what was committed before", async () => {
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      const env = {
        DATABASE_URL: `sqlite:${dbFile}`,
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: origin,
        AUTH_RATE_LIMIT: "off",
        STORAGE_DIR: join(dir, "files"),
      };
      const signUp = (email: string) =>
        fetch(`${origin}/api/identity/sign-up`, {
          method: "POST",
          headers: { "content-type": "application/json", origin },
          body: JSON.stringify({ firstName: "Bea", lastName: "Backup", email, password: PASSWORD }),
        });
      const signIn = (email: string) =>
        fetch(`${origin}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin },
          body: JSON.stringify({ email, password: PASSWORD }),
        });

      let server = runPortal(["serve"], env);
      try {
        await waitForOutput(server, "License Portal is running");
        const first = "first@example.com";
        expect((await signUp(first)).status).toBe(202);
        // Signing in needs a verified address; the link's own flow is tested elsewhere.
        const writer = new BetterSqlite3(dbFile);
        writer.pragma("busy_timeout = 5000");
        writer.prepare("update users set email_verified = 1 where email = ?").run(first);
        writer.close();

        // Write load: back-to-back sign-ups (each one transaction), recorded once the server has answered (committed).
        const committed: string[] = [first];
        const sentAfterBackup: string[] = [];
        let isLoading = true;
        let isBackedUp = false;
        const client = async (n: number) => {
          for (let i = 0; isLoading; i++) {
            const email = `load-${n}-${i}@example.com`;
            const isAfter = isBackedUp;
            const response = await signUp(email);
            if (response.status !== 202) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
            committed.push(email);
            if (isAfter) sentAfterBackup.push(email);
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        };
        const load = client(1);
        load.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
        // Waits for `condition`, failing at once with the load's own error if a sign-up fails.
        const until = async (condition: () => boolean) => {
          while (!condition()) await Promise.race([load, new Promise((resolve) => setTimeout(resolve, 20))]);
        };
        await until(() => committed.length >= 5);

        const beforeBackup = [...committed];
        const backup = runPortal(["backup", "--to", backupFile], env);
        expect(await backup.exit, backup.stderr()).toBe(0);
        isBackedUp = true;
        expect(backup.stdout()).toContain("integrity_check ok");
        // Sign-ups sent after the backup: committed after its snapshot, so not in it.
        await until(() => sentAfterBackup.length >= 2);
        isLoading = false;
        await load;
        const later = sentAfterBackup;

        // The copy is one self-contained file that passes integrity_check and holds every row committed before it began.
        expect(existsSync(`${backupFile}-wal`)).toBe(false);
        expect(query<{ integrity_check: string }>(backupFile, "pragma integrity_check")).toEqual([{ integrity_check: "ok" }]);
        expect(query<{ journal_mode: string }>(backupFile, "pragma journal_mode")).toEqual([{ journal_mode: "delete" }]);
        const inBackup = new Set(query<{ email: string }>(backupFile, "select email from users").map((u) => u.email));
        expect(beforeBackup.filter((email) => !inBackup.has(email))).toEqual([]);
        expect(later.filter((email) => inBackup.has(email))).toEqual([]);

        // A restore under the running server is refused, and leaves its database alone.
        await expect(restoreSqlite({ source: backupFile, target: dbFile, knownMigrations: MIGRATION_NAMES })).rejects.toThrow(
          /is in use by another process/,
        );
        expect((await signIn(later[0] ?? "")).status).toBe(403); // still there (unverified), not replaced

        expect(await stop(server)).toBe(0);
        const restore = runPortal(["restore", "--from", backupFile], env);
        expect(await restore.exit, restore.stderr()).toBe(0);
        expect(restore.stdout()).toMatch(/kept as .*before-restore-/);
        const restored = query<{ email: string }>(dbFile, "select email from users").map((u) => u.email);
        expect(restored.sort()).toEqual([...inBackup].sort());

        server = runPortal(["serve"], env);
        await waitForOutput(server, "License Portal is running");
        const signedIn = await signIn(first);
        expect(signedIn.status).toBe(200);
        const cookie = signedIn.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
        const me = await fetch(`${origin}/api/me`, { headers: { cookie } });
        expect(me.status).toBe(200);
        expect(await me.text()).toContain(first);
      } finally {
        await stop(server);
      }
      // Two server starts and two commands: ~11 s on a quiet machine; the margin is for a loaded CI machine.
    }, 90_000);

    it("refuses to restore a file that is not a database, is damaged, or comes from a newer version", async () => {
      const target = join(dir, "untouched", "portal.sqlite");
      const restore = (source: string) => restoreSqlite({ source, target, knownMigrations: MIGRATION_NAMES });

      const notDatabase = join(dir, "notes.txt");
      writeSync(openSync(notDatabase, "w"), "these are not the pages you are looking for ".repeat(200));
      await expect(restore(notDatabase)).rejects.toThrow(/cannot be read as a SQLite database/);

      const damaged = join(dir, "damaged.sqlite");
      copyFileSync(backupFile, damaged);
      const fd = openSync(damaged, "r+");
      for (let page = 3; page < 40; page += 2) writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, page * 4096);
      await expect(restore(damaged)).rejects.toThrow(BackupError);

      const newer = join(dir, "newer.sqlite");
      copyFileSync(backupFile, newer);
      const db = new BetterSqlite3(newer);
      db.prepare("insert into kysely_migration (name, timestamp) values (?, ?)").run("2099_01_01_000001_from_the_future", "x");
      db.close();
      await expect(restore(newer)).rejects.toThrow(/newer version .*2099_01_01_000001_from_the_future/);

      expect(existsSync(target)).toBe(false);
      expect(verifySqliteFile(backupFile, MIGRATION_NAMES).pending).toEqual([]);
      // An older backup restores, and reports what `migrate` will apply.
      expect(verifySqliteFile(backupFile, [...MIGRATION_NAMES, "2099_01_01_000001_next"]).pending).toEqual([
        "2099_01_01_000001_next",
      ]);
    });
  });
} else {
  describe("backup on PostgreSQL", () => {
    it("points to pg_dump instead of copying anything", async () => {
      const proc = runPortal(["backup", "--to", join(tmpdir(), "never-written.sqlite")], {
        DATABASE_URL: TEST_PG_ADMIN_URL,
      });
      expect(await proc.exit).toBe(1);
      expect(proc.stderr().trim()).toMatch(/^backup: DATABASE_URL is PostgreSQL: back it up with pg_dump/);
    });
  });
}
