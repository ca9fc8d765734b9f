#!/usr/bin/env node
// `npm run audit`: npm's advisory check, for what ships (--omit=dev) and for everything
// (the tooling that builds and tests it). Fails on any high or critical advisory.
//
// When the registry's advisory endpoint cannot be reached (some mirrors answer 405 to its
// POST, or there is no network), nothing was checked: the script says so in capitals and
// exits 0, so an unreachable endpoint does not fail CI, unless AUDIT_REQUIRED=1 (exit 2).
import { spawnSync } from "node:child_process";

const BLOCKING = new Set(["high", "critical"]);
const required = process.env.AUDIT_REQUIRED === "1" || process.argv.includes("--required");

/** Runs one `npm audit --json` and sorts its answer into advisories found or "could not check". */
function audit(name, extraArgs) {
  const { stdout, stderr, error } = spawnSync("npm", ["audit", "--json", ...extraArgs], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (error) return { name, unchecked: `npm could not be run: ${error.message}` };
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { name, unchecked: `npm audit printed no JSON report: ${(stderr || stdout).trim().split("\n")[0]}` };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const status = report?.statusCode ? `HTTP ${report.statusCode}` : (report?.error?.code ?? "error");
    const message = report?.message ?? report?.error?.summary ?? "no vulnerability counts in the answer";
    return { name, unchecked: `the advisory endpoint answered ${status}: ${message}` };
  }
  const blocking = Object.values(report.vulnerabilities ?? {})
    .filter((v) => BLOCKING.has(v.severity))
    .map((v) => {
      const titles = v.via.filter((via) => typeof via === "object").map((via) => `${via.title} (${via.url})`);
      return `${v.severity.padEnd(8)} ${v.name}@${v.range}${titles.length ? `: ${titles.join("; ")}` : ""}`;
    });
  return { name, counts, blocking };
}

const results = [audit("runtime dependencies (--omit=dev)", ["--omit=dev"]), audit("all dependencies", [])];

let failed = false;
let unchecked = false;
for (const r of results) {
  console.log(`\n━━ npm audit: ${r.name}`);
  if (r.unchecked) {
    unchecked = true;
    console.log(`  NOT CHECKED: ${r.unchecked}`);
    continue;
  }
  const { info, low, moderate, high, critical } = r.counts;
  console.log(`  critical ${critical}, high ${high}, moderate ${moderate}, low ${low}, info ${info}`);
  for (const line of r.blocking) console.log(`  ${line}`);
  if (r.blocking.length > 0) failed = true;
}

if (failed) {
  console.log("\nHigh or critical advisories: update the packages above (npm audit fix, or a newer major).");
  process.exit(1);
}
if (unchecked) {
  const message =
    "npm audit could NOT check some dependencies: the registry's advisory endpoint was unreachable. " +
    "No advisories were found because none were looked up; run `npm run audit` where the registry answers.";
  console.log(`\n${message}`);
  if (process.env.GITHUB_ACTIONS) console.log(`::warning title=npm audit not run::${message}`);
  process.exit(required ? 2 : 0);
}
console.log("\nNo high or critical advisories.");
