/**
 * `npm run bench`: every benchmark in bench/, on SQLite and on PostgreSQL, and one report.
 *
 *   node --import tsx bench/run-all.ts [--engine=sqlite|postgres|both] [--quick] [--out=DIR] [--only=a,b]
 *
 * Each scenario runs in its own child process (`node --import tsx bench/<x>.bench.ts --engine=…
 * --json=…`): a fresh heap, JIT and thread pool for every measurement, so seeding 200,000 farms
 * does not slow the sign-in that follows, and a scenario that crashes costs only its own row.
 * The child prints its detailed tables (they go to the console and to the .log file); this script
 * reads its JSON and puts every figure beside the baseline measured in the same process: the
 * bare Fastify route with the app's hooks, or raw nodemailer for email.
 *
 * Writes to DIR (default bench/results/, git-ignored):
 *   bench-<stamp>-<engine>.json   machine, settings, the report rows and each bench's raw JSON
 *   bench-<stamp>.md              machine details and one table per engine
 *   bench-<stamp>.log             everything the benches printed
 *
 * --quick: short phases and small seeds, to prove the harness works (minutes, not the figures).
 * Exit code 1 if a bench crashed or a correctness check failed (lost or duplicated rows or emails);
 * missed targets do not fail the run. See bench/README.md.
 */
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { arch, availableParallelism, cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { TEST_PG_ADMIN_URL } from "../test/helpers/test-database.ts";
import { markdownTable } from "./bench-support.ts";

type Engine = "sqlite" | "postgres";
type Figures = { perSecond?: number; p50?: number; p95?: number; p99?: number };
type Percentiles = { p50: number; p95: number; p99: number; mean?: number };

export type ReportRow = {
  scenario: string;
  /** What the figures count: "req/s", "emails/s", "sign-ups/s". */
  unit: string;
  measured: Figures;
  baselineLabel?: string;
  baseline?: Figures;
  /** The target the issues set, as text; `pass` is null where the target is for the other engine. */
  target?: string;
  pass?: boolean | null;
  note?: string;
};
type Check = { ok: boolean; text: string };
type Extracted = { rows: ReportRow[]; checks: Check[] };

type Scenario = {
  key: string;
  title: string;
  script: string;
  args(quick: boolean): string[];
  extract(raw: unknown, engine: Engine): Extracted;
};

// ---------------------------------------------------------------- the scenarios

const pct = (s: Percentiles, perSecond?: number): Figures => ({
  p50: s.p50,
  p95: s.p95,
  p99: s.p99,
  ...(perSecond !== undefined ? { perSecond } : s.mean ? { perSecond: 1000 / s.mean } : {}),
});
const onEngine = (engine: Engine, only: Engine | "both", pass: boolean): boolean | null =>
  only === "both" || only === engine ? pass : null;

type SignInRaw = {
  phases: Array<{ key: string; label: string; perSecond: number; http: Percentiles; firstFailure?: string }>;
  sessionsAdded: number;
  signInsAnswered200: number;
};
type ContentionRaw = {
  reports: Array<{
    phase: string;
    lookups: Percentiles;
    lookupFailures: number;
    signUps?: { perSecond: number; failures: number; latency: Percentiles };
  }>;
};
type UsersPhase = { key: string; label: string; http: Percentiles; server: Percentiles; firstFailure?: string };
type UsersRaw = {
  seed: { members: number; invitations: number };
  rounds: Array<{ round: number; phases: UsersPhase[]; sendChecks: { sends: number; badSends: string[] } }>;
  targets: Record<string, { p95Below?: number }>;
};
type LicensingRaw = {
  seed: { subscriptions: number; keys: number };
  results: Array<{ key: string; label: string; http: Percentiles; server: Percentiles; firstFailure?: string }>;
  serverP95TargetMs: number;
};
type FarmRaw = {
  seed: { keys: number; farms: number };
  connections: number;
  counted: number;
  accepted: number;
  results: Array<{ phase: string; perSecond: number; http: Percentiles; firstFailure?: string }>;
};
type EmailRaw = {
  phases: Array<{ key: string; label: string; emails: number; perSecond: number; interval: Percentiles }>;
  checks: { lost: number; duplicated: number; outboxNotSent: number; outboxRetried: number };
};

const n = (v: number) => v.toLocaleString("en-US");

export const SCENARIOS: Scenario[] = [
  {
    key: "sign-in",
    title: "Sign-in (Better Auth email/password through the auth bridge)",
    script: "sign-in.bench.ts",
    args: (quick) => (quick ? ["--requests=20", "--warmup=3", "--concurrency=2"] : ["--requests=300", "--warmup=30"]),
    extract(raw) {
      const r = raw as SignInRaw;
      const by = (key: string) => r.phases.find((p) => p.key === key);
      const rows: ReportRow[] = [];
      for (const [measured, base] of [
        ["sign-in-1", "bare-1"],
        ["sign-in-n", "bare-n"],
      ] as const) {
        const m = by(measured);
        const b = by(base);
        if (!m || !b) continue;
        rows.push({
          scenario: m.label.replace("sign-in", "Sign-in"),
          unit: "req/s",
          measured: pct(m.http, m.perSecond),
          baselineLabel: `${b.label.replace("bare route", "bare route, same hooks")}`,
          baseline: pct(b.http, b.perSecond),
        });
      }
      const failures = r.phases.filter((p) => p.firstFailure).map((p) => `${p.label}: ${p.firstFailure}`);
      return {
        rows,
        checks: [
          {
            ok: r.sessionsAdded === r.signInsAnswered200 && failures.length === 0,
            text: `sign-in: ${r.signInsAnswered200} sign-ins answered 200, ${r.sessionsAdded} sessions rows added${failures.length ? `; ${failures.join("; ")}` : ""}`,
          },
        ],
      };
    },
  },
  {
    key: "signup-contention",
    title: "Sign-ups in parallel with session lookups",
    script: "signup-contention.bench.ts",
    args: (quick) => (quick ? ["--duration=2", "--baseline=200", "--skip-naive"] : ["--skip-naive"]),
    extract(raw, engine) {
      const r = raw as ContentionRaw;
      const idle = r.reports.find((p) => p.phase.startsWith("A"));
      const busy = r.reports.find((p) => p.phase.startsWith("B"));
      if (!idle || !busy?.signUps) return { rows: [], checks: [{ ok: false, text: "signup-contention: phases A/B missing" }] };
      const lookupP99 = busy.lookups.p99;
      const rate = busy.signUps.perSecond;
      return {
        rows: [
          {
            scenario: "Session lookup (GET /api/me) during 4 parallel sign-ups",
            unit: "req/s",
            measured: pct(busy.lookups),
            baselineLabel: "the same lookups, idle",
            baseline: pct(idle.lookups),
            target: "p99 < 10 ms (SQLite)",
            pass: onEngine(engine, "sqlite", lookupP99 < 10),
          },
          {
            scenario: "Sign-ups (POST /api/identity/sign-up), 4 loops",
            unit: "sign-ups/s",
            measured: pct(busy.signUps.latency, rate),
            target: "≥ 60/s (SQLite)",
            pass: onEngine(engine, "sqlite", rate >= 60),
            note: "Better Auth's defaults: 9/s",
          },
        ],
        checks: [
          {
            ok: idle.lookupFailures + busy.lookupFailures === 0 && busy.signUps.failures === 0,
            text: `signup-contention: ${idle.lookupFailures + busy.lookupFailures} failed lookups, ${busy.signUps.failures} failed sign-ups`,
          },
        ],
      };
    },
  },
  {
    key: "business-users",
    title: "Business Account Users at 10,000 members; Send Invitations with 100 addresses",
    script: "business-users.bench.ts",
    args: (quick) =>
      quick
        ? ["--rounds=1", "--requests=40", "--warmup=10", "--sends=3", "--csv-runs=1", "--members=2000", "--invitations=200"]
        : [],
    extract(raw, engine) {
      const r = raw as UsersRaw;
      const round = r.rounds[r.rounds.length - 1];
      if (!round) return { rows: [], checks: [{ ok: false, text: "business-users: no round" }] };
      const base = round.phases.find((p) => p.key === "baseline");
      const members = `${n(r.seed.members)} members`;
      const labels: Record<string, string> = {
        first: `Users page: first page of 50, sort=name (${members})`,
        name: `Users page: search by name (${members})`,
        email: `Users page: search by email (${members})`,
        page10: `Users page: 10th page via cursor (${members})`,
        send: "Send Invitations, 100 addresses",
        csv: `Users CSV export (${members} + ${n(r.seed.invitations)} invitations)`,
      };
      const rows: ReportRow[] = [];
      for (const [key, label] of Object.entries(labels)) {
        const p = round.phases.find((x) => x.key === key);
        if (!p) continue;
        const limit = r.targets[key]?.p95Below;
        rows.push({
          scenario: label,
          unit: "req/s",
          measured: pct(p.http),
          ...(base ? { baselineLabel: "bare route, same hooks", baseline: pct(base.http) } : {}),
          ...(limit !== undefined
            ? { target: `p95 < ${limit} ms (SQLite)`, pass: onEngine(engine, "sqlite", p.http.p95 < limit) }
            : {}),
        });
      }
      const failures = round.phases.filter((p) => p.firstFailure).map((p) => `${p.label}: ${p.firstFailure}`);
      const bad = round.sendChecks.badSends;
      return {
        rows,
        checks: [
          {
            ok: bad.length === 0 && failures.length === 0,
            text:
              `business-users: ${round.sendChecks.sends} sends, ${bad.length} without exactly 100 invitations + 100 outbox ` +
              `rows + 100 audit rows${bad.length ? ` (${bad.join("; ")})` : ""}${failures.length ? `; ${failures.join("; ")}` : ""}`,
          },
        ],
      };
    },
  },
  {
    key: "licensing-dashboard",
    title: "Dashboard at 20,000 keys; subscription list and details",
    script: "licensing-dashboard.bench.ts",
    args: (quick) => (quick ? ["--requests=40", "--warmup=10", "--subscriptions=100", "--keys=2000"] : []),
    extract(raw, engine) {
      const r = raw as LicensingRaw;
      const base = r.results.find((p) => p.key === "baseline");
      const target = r.serverP95TargetMs;
      // The bench adds 1 subscription with 2 keys through the API and seeds the rest.
      const scale = `${n(r.seed.subscriptions + 1)} subscriptions, ${n(r.seed.keys + 2)} keys`;
      const labels: Record<string, string> = {
        dashboard: `Dashboard (${scale})`,
        list: "Subscriptions list: first page of 50",
        details: "Subscription Details (Account Administrator)",
        la: "Subscription Details (License Administrator)",
      };
      const rows: ReportRow[] = [];
      for (const [key, label] of Object.entries(labels)) {
        const p = r.results.find((x) => x.key === key);
        if (!p) continue;
        const targeted = key !== "list";
        rows.push({
          scenario: label,
          unit: "req/s",
          measured: pct(p.http),
          ...(base ? { baselineLabel: "bare route, same hooks", baseline: pct(base.http) } : {}),
          ...(targeted ? { target: `server p95 < ${target} ms`, pass: onEngine(engine, "both", p.server.p95 < target) } : {}),
          note: `server p95 ${p.server.p95.toFixed(2)} ms`,
        });
      }
      const failures = r.results.filter((p) => p.firstFailure).map((p) => `${p.label}: ${p.firstFailure}`);
      return {
        rows,
        checks: [
          {
            ok: failures.length === 0,
            text: `licensing-dashboard: seeded account verified through the API${failures.length ? `; ${failures.join("; ")}` : ", every answer 200"}`,
          },
        ],
      };
    },
  },
  {
    key: "farm-checkins",
    title: "Farm check-ins at 200,000 farms",
    script: "farm-checkins.bench.ts",
    args: (quick) =>
      quick ? ["--keys=2000", "--farms=4000", "--warmup=1", "--bare-duration=2", "--duration=2", "--connections=20"] : [],
    extract(raw, engine) {
      const r = raw as FarmRaw;
      const bare = r.results.find((p) => p.phase === "bare route");
      const check = r.results.find((p) => p.phase === "check-in");
      if (!bare || !check) return { rows: [], checks: [{ ok: false, text: "farm-checkins: phases missing" }] };
      const pass = check.perSecond >= 5000 && check.http.p99 < 20;
      return {
        rows: [
          {
            scenario: `Farm check-ins (${n(r.seed.farms)} farms, ${n(r.seed.keys)} keys, ${r.connections} in flight)`,
            unit: "req/s",
            measured: pct(check.http, check.perSecond),
            baselineLabel: "bare route, same hooks and body",
            baseline: pct(bare.http, bare.perSecond),
            target: "≥ 5,000/s, p99 < 20 ms (SQLite)",
            pass: onEngine(engine, "sqlite", pass),
          },
        ],
        checks: [
          {
            ok: r.counted === r.accepted && !check.firstFailure,
            text: `farm-checkins: ${r.counted} farm_reports rows added, ${r.accepted} check-ins answered 200 and not replayed${check.firstFailure ? `; ${check.firstFailure}` : ""}`,
          },
        ],
      };
    },
  },
  {
    key: "email-throughput",
    title: "Email delivery to a local SMTP server",
    script: "email-throughput.bench.ts",
    args: (quick) => (quick ? ["--emails=100"] : ["--emails=2000"]),
    extract(raw) {
      const r = raw as EmailRaw;
      const base = r.phases.find((p) => p.key === "nodemailer");
      const outbox = r.phases.find((p) => p.key === "outbox");
      if (!base || !outbox) return { rows: [], checks: [{ ok: false, text: "email-throughput: phases missing" }] };
      const c = r.checks;
      return {
        rows: [
          {
            scenario: `Outbox worker draining ${n(outbox.emails)} emails`,
            unit: "emails/s",
            measured: pct(outbox.interval, outbox.perSecond),
            baselineLabel: "raw nodemailer sends, same messages",
            baseline: pct(base.interval, base.perSecond),
            note: "p50…p99: gap between two deliveries",
          },
        ],
        checks: [
          {
            ok: c.lost + c.duplicated + c.outboxNotSent === 0,
            text: `email-throughput: lost ${c.lost}, duplicated ${c.duplicated}, outbox rows not sent ${c.outboxNotSent}, sent after a retry ${c.outboxRetried}`,
          },
        ],
      };
    },
  },
];

// ---------------------------------------------------------------- machine

async function machine(engines: Engine[]) {
  const cpu = cpus();
  let osName = `${type()} ${release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1];
    if (pretty) osName = `${pretty} (${type()} ${release()})`;
  } catch {
    // not Linux
  }
  const memory = readMemory();
  let sqlite = "unknown";
  try {
    const db = new BetterSqlite3(":memory:");
    sqlite = String((db.prepare("select sqlite_version() as v").get() as { v: string }).v);
    db.close();
  } catch (err) {
    sqlite = `unavailable (${String(err)})`;
  }
  const betterSqlite = readVersion("better-sqlite3");
  let postgres = "not used";
  if (engines.includes("postgres")) {
    const client = new pg.Client({ connectionString: process.env.BENCH_PG_ADMIN_URL ?? TEST_PG_ADMIN_URL });
    try {
      await client.connect();
      postgres = String((await client.query("show server_version")).rows[0]?.server_version ?? "?");
    } catch (err) {
      postgres = `unreachable (${err instanceof Error ? err.message : String(err)})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return {
    cpuModel: cpu[0]?.model ?? "unknown",
    cores: availableParallelism(),
    memory,
    node: process.version,
    os: osName,
    arch: arch(),
    postgres,
    sqlite: `${sqlite} (better-sqlite3 ${betterSqlite})`,
    commit: gitRevision(),
    loadAverageAtStart: loadavg().map((v) => Number(v.toFixed(2))),
  };
}

function readMemory(): string {
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  return gib(totalmem());
}

function readVersion(name: string): string {
  try {
    const file = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return String((JSON.parse(readFileSync(file, "utf8")) as { version: string }).version);
  } catch {
    return "?";
  }
}

function gitRevision(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return "unknown";
  }
}

// ---------------------------------------------------------------- running

type ScenarioRun = {
  key: string;
  title: string;
  engine: Engine;
  command: string;
  seconds: number;
  exitCode: number | null;
  error?: string;
  /** Largest CPU share (cores) other processes used during one of its phases; above 0.25 the figures are inflated. */
  othersMaxCores?: number;
  rows: ReportRow[];
  checks: Check[];
  raw?: unknown;
};

/** The largest `otherCores` (or machineCores − processCores) anywhere in a bench's JSON. */
function othersMaxCores(value: unknown): number | undefined {
  let max: number | undefined;
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      const others =
        typeof o.otherCores === "number"
          ? o.otherCores
          : typeof o.machineCores === "number" && typeof o.processCores === "number"
            ? o.machineCores - o.processCores
            : undefined;
      if (others !== undefined && Number.isFinite(others)) max = Math.max(max ?? 0, others);
      Object.values(o).forEach(visit);
    }
  };
  visit(value);
  return max;
}

function runChild(args: string[], log: string): Promise<number | null> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {
      cwd: resolve(new URL("..", import.meta.url).pathname),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const forward = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      target.write(chunk);
      appendFileSync(log, chunk);
    };
    child.stdout.on("data", forward(process.stdout));
    child.stderr.on("data", forward(process.stderr));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise(code));
  });
}

async function runScenario(scenario: Scenario, engine: Engine, quick: boolean, log: string): Promise<ScenarioRun> {
  const dir = mkdtempSync(join(tmpdir(), "lp-bench-"));
  const json = join(dir, `${scenario.key}.json`);
  const args = [`bench/${scenario.script}`, `--engine=${engine}`, ...scenario.args(quick), `--json=${json}`];
  const command = `node --import tsx ${args.filter((a) => !a.startsWith("--json=")).join(" ")}`;
  const banner = `\n=== ${scenario.key} on ${engine}: ${command}\n`;
  process.stdout.write(banner);
  appendFileSync(log, banner);
  const started = performance.now();
  const base = { key: scenario.key, title: scenario.title, engine, command };
  try {
    const exitCode = await runChild(args, log);
    const seconds = (performance.now() - started) / 1000;
    if (!existsSync(json))
      return { ...base, seconds, exitCode, error: `exit code ${exitCode}, no JSON written`, rows: [], checks: [] };
    const raw: unknown = JSON.parse(readFileSync(json, "utf8"));
    const { rows, checks } = scenario.extract(raw, engine);
    const others = othersMaxCores(raw);
    return {
      ...base,
      seconds,
      exitCode,
      ...(exitCode === 0 ? {} : { error: `exit code ${exitCode}` }),
      ...(others !== undefined ? { othersMaxCores: others } : {}),
      rows,
      checks,
      raw,
    };
  } catch (err) {
    const seconds = (performance.now() - started) / 1000;
    return { ...base, seconds, exitCode: null, error: err instanceof Error ? err.message : String(err), rows: [], checks: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

const f = (v: number | undefined, digits = 2) => (v !== undefined && Number.isFinite(v) ? v.toFixed(digits) : "–");
const rate = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? "–" : v >= 100 ? n(Math.round(v)) : v.toFixed(1);

/** Measured ÷ baseline: throughput as a share, latencies as multiples. */
export function ratioText(row: ReportRow): string {
  const m = row.measured;
  const b = row.baseline;
  if (!b) return "";
  const parts: string[] = [];
  if (m.perSecond !== undefined && b.perSecond) parts.push(`rate ${f((100 * m.perSecond) / b.perSecond, 1)}%`);
  if (m.p50 !== undefined && b.p50) parts.push(`p50 ×${f(m.p50 / b.p50, 1)}`);
  if (m.p99 !== undefined && b.p99) parts.push(`p99 ×${f(m.p99 / b.p99, 1)}`);
  return parts.join(", ");
}

function engineTable(runs: ScenarioRun[]): string {
  const header = ["scenario", "rate", "p50 ms", "p95 ms", "p99 ms", "baseline", "rate", "p50 ms", "p95 ms", "p99 ms"];
  header.push("ratio", "target", "result");
  const rows: string[][] = [];
  for (const run of runs) {
    if (run.error && run.rows.length === 0) {
      rows.push([`${run.title}: **failed** (${run.error})`, ...Array(header.length - 1).fill("")]);
      continue;
    }
    for (const row of run.rows) {
      const m = row.measured;
      const b = row.baseline;
      rows.push([
        row.note ? `${row.scenario} (${row.note})` : row.scenario,
        m.perSecond === undefined ? "–" : `${rate(m.perSecond)} ${row.unit}`,
        f(m.p50),
        f(m.p95),
        f(m.p99),
        row.baselineLabel ?? "",
        b?.perSecond === undefined ? (b ? "–" : "") : `${rate(b.perSecond)} ${row.unit}`,
        f(b?.p50),
        f(b?.p95),
        f(b?.p99),
        ratioText(row),
        row.target ?? "",
        row.pass === undefined ? "" : row.pass === null ? "n/a" : row.pass ? "PASS" : "FAIL",
      ]);
    }
  }
  return markdownTable(header, rows, [0, 5, 10, 11]);
}

function markdown(
  meta: Awaited<ReturnType<typeof machine>> & { date: string; mode: string; command: string },
  results: Map<Engine, ScenarioRun[]>,
  seconds: number,
): string {
  const lines: string[] = [`# License Portal benchmarks, ${meta.date}`, ""];
  lines.push(`\`${meta.command}\`: ${meta.mode}, ${f(seconds / 60, 1)} minutes. Commit ${meta.commit}.`, "");
  lines.push("## Machine", "");
  lines.push(
    markdownTable(
      ["", "value"],
      [
        ["CPU", meta.cpuModel],
        ["cores", String(meta.cores)],
        ["memory", meta.memory],
        ["OS", `${meta.os}, ${meta.arch}`],
        ["Node", meta.node],
        ["PostgreSQL", meta.postgres],
        ["SQLite", meta.sqlite],
        ["load average at start", meta.loadAverageAtStart.join(" ")],
      ],
      [0, 1],
    ),
    "",
  );
  lines.push(
    "Every figure is client-observed over HTTP on 127.0.0.1 (the load client runs in a worker thread on the same " +
      "machine), beside a baseline measured in the same process a moment before: the bare route (a Fastify route on " +
      "the same server, so the same hooks: helmet, CSRF check, metrics, answering a small JSON), or raw nodemailer for " +
      "email. **rate**: answers per second (sequential scenarios: one client, 1000 ÷ mean latency). **ratio**: the " +
      "scenario's rate as a share of the baseline's, its p50 and p99 as multiples of the baseline's. Targets are the " +
      "issues' (bench/README.md); `n/a`: the target is set for the other engine.",
    "",
  );
  for (const [engine, runs] of results) {
    lines.push(`## ${engine === "sqlite" ? "SQLite" : "PostgreSQL"}`, "", engineTable(runs), "");
    lines.push("Checks:", "");
    for (const run of runs) {
      for (const check of run.checks) lines.push(`- ${check.ok ? "ok" : "**FAILED**"}: ${check.text}`);
      if (run.error) lines.push(`- **${run.key} ${run.error}**`);
    }
    lines.push("", "Runs:", "");
    for (const run of runs) {
      const noisy =
        run.othersMaxCores !== undefined && run.othersMaxCores > 0.25
          ? ` **other processes used up to ${f(run.othersMaxCores)} cores: figures inflated**`
          : run.othersMaxCores !== undefined
            ? ` (other processes ≤ ${f(run.othersMaxCores)} cores)`
            : "";
      lines.push(`- ${run.key}: ${f(run.seconds, 1)} s, \`${run.command}\`${noisy}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------- main

async function main() {
  const { values: args } = parseArgs({
    options: {
      engine: { type: "string", default: "both" },
      quick: { type: "boolean", default: false },
      out: { type: "string", default: new URL("./results/", import.meta.url).pathname },
      only: { type: "string" },
    },
    strict: true,
  });
  const engines: Engine[] =
    args.engine === "both"
      ? ["sqlite", "postgres"]
      : args.engine === "sqlite" || args.engine === "postgres"
        ? [args.engine]
        : (() => {
            throw new Error(`--engine must be sqlite, postgres or both, not ${args.engine}`);
          })();
  const only = args.only?.split(",").map((s) => s.trim());
  const unknown = only?.filter((k) => !SCENARIOS.some((s) => s.key === k)) ?? [];
  if (unknown.length > 0)
    throw new Error(`--only: unknown ${unknown.join(", ")}; known: ${SCENARIOS.map((s) => s.key).join(", ")}`);
  const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.key));
  const out = resolve(args.out);
  mkdirSync(out, { recursive: true });
  const now = new Date();
  const stamp = now.toISOString().slice(0, 16).replace("T", "-").replace(":", "");
  const log = join(out, `bench-${stamp}.log`);
  writeFileSync(log, "");
  const started = performance.now();
  const meta = {
    ...(await machine(engines)),
    date: `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    mode: args.quick ? "**quick** (short phases, small seeds: proves the harness, not the figures)" : "full run",
    command: [
      "npm run bench --",
      `--engine=${args.engine}`,
      ...(args.quick ? ["--quick"] : []),
      ...(only ? [`--only=${only.join(",")}`] : []),
    ].join(" "),
  };

  const results = new Map<Engine, ScenarioRun[]>();
  for (const engine of engines) {
    const runs: ScenarioRun[] = [];
    results.set(engine, runs);
    for (const scenario of scenarios) runs.push(await runScenario(scenario, engine, args.quick, log));
    const file = join(out, `bench-${stamp}-${engine}.json`);
    const body = { ...meta, engine, quick: args.quick, scenarios: runs };
    writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  const report = markdown(meta, results, seconds);
  const md = join(out, `bench-${stamp}.md`);
  writeFileSync(md, report);
  console.log(`\n${report}`);
  console.log(
    `Wrote ${md}, ${engines.map((e) => join(out, `bench-${stamp}-${e}.json`)).join(", ")} and ${log} in ${seconds.toFixed(0)} s.`,
  );
  const broken = [...results.values()].flat().filter((r) => r.error || r.checks.some((c) => !c.ok));
  if (broken.length > 0) {
    console.error(`Failed: ${broken.map((r) => `${r.key} on ${r.engine}`).join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
