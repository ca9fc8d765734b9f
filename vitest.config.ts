import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts", "contracts/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Apps log at debug level to .tmp/test-logs/; after the run the logs are scanned for secrets.
    globalSetup: ["test/security/log-scan.setup.ts"],
    // Vitest's default is one worker fewer than the cores: one worker on the 2-core CI machine.
    // The API tests wait on PostgreSQL, SMTP and child processes more than they compute, so one
    // worker per core plus one keeps the cores busy (SQLite run: 267 s → 197 s on 2 cores).
    maxWorkers: Math.max(3, availableParallelism()),
    reporters: ["default"],
  },
});
