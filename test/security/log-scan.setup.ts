import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { formatFindings, scanLogDirectory } from "./log-scan.ts";

/**
 * Vitest global setup: every app the run builds (test/helpers/test-app.ts) logs at debug level
 * to a file of this run's directory under .tmp/test-logs/, and server processes started by
 * the tests (test/helpers/portal-process.ts) copy their output there. After the last test the
 * files are scanned for secrets (test/security/log-scan.ts); any finding fails the run with
 * file and line. A clean run's logs are deleted unless LP_KEEP_TEST_LOGS=1; LP_TEST_LOGS=off
 * turns all of it off (apps are silent then, as before).
 */
export default function setup() {
  if (process.env.LP_TEST_LOGS === "off") return;
  const engine = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const root = join(import.meta.dirname, "..", "..", ".tmp", "test-logs");
  pruneAbandoned(root);
  const dir = join(root, `${engine}-${stamp}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  // Test workers are forked after this runs, so they inherit it.
  process.env.LP_TEST_LOG_DIR = dir;

  return () => {
    const started = performance.now();
    const { files, bytes, secrets, findings } = scanLogDirectory(dir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (findings.length > 0) {
      const message = `Secrets found in the logs written during the tests (${findings.length}):\n${formatFindings(findings)}`;
      console.error(`\n${message}\nThe logs are kept in ${dir}`);
      // Vitest reports an error thrown here but still exits 0; the exit code has to say it.
      process.exitCode = 1;
      return;
    }
    const scanned = `${files} log files, ${(bytes / 1e6).toFixed(1)} MB, ${secrets} handed-out secrets looked for`;
    console.log(`\nLog scan: ${scanned}; none found (${seconds} s).`);
    if (process.env.LP_KEEP_TEST_LOGS !== "1") rmSync(dir, { recursive: true, force: true });
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Logs of interrupted runs (their teardown never ran), or kept ones, once they are an hour old. */
function pruneAbandoned(root: string) {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/-(\d+)$/.exec(name)?.[1]);
    const path = join(root, name);
    if (!pid || isRunning(pid) || Date.now() - statSync(path).mtimeMs < 3600_000) continue;
    rmSync(path, { recursive: true, force: true });
  }
}
