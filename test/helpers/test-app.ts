import { type Config, loadConfig } from "../../src/config.ts";
import { createDatabase, type Database } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrator.ts";
import { type App, buildApp } from "../../src/server/app.ts";
import type { Clock } from "../../src/server/clock.ts";
import { createThrowawayDatabase } from "./test-database.ts";
import { recordHandedOutSecrets, testLogStream } from "./test-logs.ts";

export const TEST_ORIGIN = "http://localhost:3000";

export type TestApp = { app: App; config: Config; database: Database; close(): Promise<void> };

/**
 * A real app on a fresh database of the engine under test (SQLite file or a new
 * PostgreSQL database), migrated, with workers off so tests drive the outbox.
 */
export async function createTestApp(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestApp> {
  const throwaway = await createThrowawayDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    // Within a full run the logs go, at debug level, to a file that is scanned for secrets afterwards.
    LOG_LEVEL: testLogStream() ? "debug" : "silent",
    DATABASE_URL: throwaway.url,
    PUBLIC_URL: TEST_ORIGIN,
    ...env,
  });
  const database = createDatabase(config.database);
  await migrateToLatest(database.authDb);
  const app = await buildApp({ config, database, startWorkers: false, clock: options.clock, logStream: testLogStream() });
  recordHandedOutSecrets(app);
  await app.ready();
  return {
    app,
    config,
    database,
    async close() {
      await app.close();
      await database.destroy();
      await throwaway.drop();
    },
  };
}
