import { parseArgs } from "node:util";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { BACKUP_USAGE, backupCommand, restoreCommand } from "./db/backup.cli.ts";
import { BackupError } from "./db/backup.ts";
import { createDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrator.ts";
import { SIMULATE_USAGE, SimulateUsageError, simulateCommand } from "./modules/farms/simulator/cli.ts";

const USAGE = `Usage:
  license-portal serve                                   migrate, then serve the portal
  license-portal migrate                                 apply database migrations and exit
  license-portal operator create --email E --name "N"    create a vendor staff (operator) sign-in
${BACKUP_USAGE}
${SIMULATE_USAGE}`;

async function serve(config: Config) {
  const database = createDatabase(config.database);
  await migrateToLatest(database.authDb);
  // Loaded here, not at the top: one-shot commands (backup, restore, migrate) start in a fraction of the time.
  const { buildApp } = await import("./server/app.ts");
  const app = await buildApp({ config, database });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: no new connections, finishing requests in flight");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await database.destroy();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  await app.listen({ host: config.host, port: config.port });
  const mailbox = config.smtpUrl ? "" : `\n  Dev mailbox: ${config.publicUrl}/dev/mailbox (no SMTP_URL set; emails stay here)`;
  console.log(`\n  License Portal is running at ${config.publicUrl}\n  Database: ${database.engine}${mailbox}\n`);
}

async function main(argv: string[]) {
  const [command = "serve", ...rest] = argv;
  // Before loadConfig: the simulator is a client of a running portal and needs none of its settings.
  if (command === "farm" && rest[0] === "simulate") {
    const code = await simulateCommand(rest.slice(1)).catch((error: unknown) => {
      throw error instanceof SimulateUsageError ? new UsageError(error.message) : error;
    });
    if (code !== 0) process.exit(code);
    return "done";
  }
  const config = loadConfig();
  if (command === "serve") {
    await serve(config);
    return "serving";
  }
  if (command === "migrate") {
    const database = createDatabase(config.database);
    const { applied } = await migrateToLatest(database.authDb);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
    await database.destroy();
    return "done";
  }
  if (command === "backup" || command === "restore") {
    console.log(await (command === "backup" ? backupCommand : restoreCommand)(config, rest));
    return "done";
  }
  if (command === "operator" && rest[0] === "create") {
    const { values } = parseArgs({ args: rest.slice(1), options: { email: { type: "string" }, name: { type: "string" } } });
    if (!values.email || !values.name) throw new UsageError("operator create needs --email and --name");
    const database = createDatabase(config.database);
    try {
      await migrateToLatest(database.authDb);
      const { createOperator } = await import("./modules/identity/operators.cli.ts");
      const result = await createOperator(config, database, { email: values.email, name: values.name });
      console.log(result.message);
    } finally {
      await database.destroy();
    }
    return "done";
  }
  throw new UsageError(`unknown command: ${argv.join(" ")}`);
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (result) => {
    // One-shot commands end here; `serve` keeps running until a signal.
    if (result === "done") process.exit(0);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof BackupError) {
      console.error(error.message);
    } else if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
    } else if (isStartupError(error)) {
      console.error(`Cannot start: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);

/** Errors with a clear one-line cause (port taken, database unreachable). */
function isStartupError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string";
}
