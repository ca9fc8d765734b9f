import { parseArgs } from "node:util";
import type { Config } from "../config.ts";
import { BackupError, backupSqlite, restoreSqlite } from "./backup.ts";
import { MIGRATION_NAMES } from "./migrator.ts";

export const BACKUP_USAGE = `  license-portal backup --to <file>                      online backup of the SQLite database, verified
  license-portal restore --from <file>                   replace the SQLite database with a backup (portal stopped)`;

const POSTGRES_HINT = "DATABASE_URL is PostgreSQL: back it up with pg_dump or PITR, and restore with pg_restore (OPERATIONS.md).";

function sqliteFile(config: Config, command: string): string {
  if (config.database.kind !== "sqlite") throw new BackupError(`${command}: ${POSTGRES_HINT}`);
  return config.database.file;
}

/** `license-portal backup --to <file>`: prints one line about the verified copy. */
export async function backupCommand(config: Config, args: string[]): Promise<string> {
  const { values } = parseArgs({ args, options: { to: { type: "string" } } });
  if (!values.to) throw new BackupError("backup needs --to <file>");
  const report = await backupSqlite(sqliteFile(config, "backup"), values.to, MIGRATION_NAMES);
  return [
    `Backup written to ${report.file}: ${report.bytes} bytes, snapshot of ${report.startedAt.toISOString()}, in ${report.seconds.toFixed(1)} s.`,
    `integrity_check ok; schema at ${report.migrations.at(-1) ?? "(none)"} (${report.migrations.length} migrations).`,
    `Now copy STORAGE_DIR (${config.storageDir}) after it, without deleting files from the copy (OPERATIONS.md).`,
  ].join("\n");
}

/** `license-portal restore --from <file>`: restores into DATABASE_URL's file; the portal must be stopped. */
export async function restoreCommand(config: Config, args: string[]): Promise<string> {
  const { values } = parseArgs({ args, options: { from: { type: "string" } } });
  if (!values.from) throw new BackupError("restore needs --from <file>");
  const report = await restoreSqlite({
    source: values.from,
    target: sqliteFile(config, "restore"),
    knownMigrations: MIGRATION_NAMES,
    storageDir: config.storageDir,
  });
  const lines = [`Restored ${values.from} into ${report.file} (integrity_check ok).`];
  if (report.previous) lines.push(`The database that was there is kept as ${report.previous}.`);
  if (report.pending.length > 0) {
    lines.push(`${report.pending.length} newer migration(s) will be applied by \`license-portal migrate\` or at the next start.`);
  }
  if (report.missingFiles.length > 0) {
    lines.push(
      `Warning: ${report.missingFiles.length} stored file(s) are not in STORAGE_DIR (${config.storageDir}), e.g. ${report.missingFiles.slice(0, 3).join(", ")}: restore the files backed up after this database.`,
    );
  }
  return lines.join("\n");
}
