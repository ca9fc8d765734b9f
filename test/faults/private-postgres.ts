import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "../helpers/portal-process.ts";

const run = promisify(execFile);

/** Where Debian puts PostgreSQL 15's server binaries (the same here and in CI). */
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** Why a private cluster cannot be made here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!existsSync(join(PG_BIN, "initdb")) || !existsSync(join(PG_BIN, "pg_ctl"))) return `no initdb/pg_ctl in ${PG_BIN}`;
  if (userInfo().uid !== 0) return "not root: the cluster runs as the postgres user through runuser";
  return null;
}

export type PrivatePostgres = {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
};

/**
 * A throwaway PostgreSQL cluster of our own, in a temp directory on a free port, that a
 * test may stop and start: the shared server at 5432 is never touched. initdb refuses
 * to run as root, so every command runs as the postgres user.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), "lp-pg-"));
  const ids = await run("id", ["-u", "postgres"]).then(async ({ stdout }) => ({
    uid: Number(stdout.trim()),
    gid: Number((await run("id", ["-g", "postgres"])).stdout.trim()),
  }));
  chownSync(dir, ids.uid, ids.gid);
  const data = join(dir, "data");
  const port = await freePort();
  const asPostgres = (bin: string, args: string[]) =>
    run("runuser", ["-u", "postgres", "--", join(PG_BIN, bin), ...args], { timeout: 60_000 });
  await asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=40`;
  const start = async () => {
    await asPostgres("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-o", options, "-w", "-t", "30", "start"]);
  };
  const stop = async () => {
    // fast: roll back open transactions and close every connection, as a restart does.
    await asPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async destroy() {
      await asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
