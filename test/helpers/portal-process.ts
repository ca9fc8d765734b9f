import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { childLogPath } from "./test-logs.ts";

export const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;

export type PortalProcess = { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> };

/** Runs `license-portal <args>` as a real process, capturing its output. */
export function runPortal(args: string[], env: Record<string, string>): PortalProcess {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  // Within a full test run its output is also kept for the log scan (test/security/log-scan.setup.ts).
  const logPath = childLogPath(child.pid);
  const log = logPath ? createWriteStream(logPath, { flags: "a" }) : undefined;
  child.stdout?.on("data", (chunk) => {
    out += chunk;
    log?.write(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    err += chunk;
    log?.write(chunk);
  });
  child.once("close", () => log?.end());
  const exit = once(child, "exit").then(([code]) => code as number | null);
  return { child, stdout: () => out, stderr: () => err, exit };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  server.close();
  await once(server, "close");
  return port;
}

export async function waitForOutput(proc: PortalProcess, text: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!proc.stdout().includes(text)) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for "${text}"; stderr: ${proc.stderr()}`);
    if (proc.child.exitCode !== null) throw new Error(`process exited early: ${proc.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
