/** Targets, result shapes and the Markdown report of business-users.bench.ts. */
import { type CpuUsage, fmt, markdownTable, type Summary } from "./bench-support.ts";

/** Issue 3, point 14: our targets, and the peer (Better Auth's organization plugin) measured on this machine. */
export const TARGETS: Record<string, { p95Below?: number; peer?: string }> = {
  first: { p95Below: 5, peer: "p95 8–15 (HTTP)" },
  name: { p95Below: 10 },
  email: { p95Below: 10 },
  send: { p95Below: 100, peer: "470–810" },
  csv: { p95Below: 1000, peer: "~1000 (no limit)" },
};

export type PhaseResult = {
  key: string;
  label: string;
  /** Client-observed over HTTP, ms. */
  http: Summary;
  /** Fastify's reply.elapsedTime for the same requests, ms. */
  server: Summary;
  /** listRoster called in-process: the SQL and the merge, no HTTP, no session. */
  repo?: Summary;
  statuses: Record<string, number>;
  firstFailure?: string;
  bodyBytes: number;
} & CpuUsage;

export type SendChecks = {
  sends: number;
  /** Sends that did not answer 200 or did not write exactly 100 + 100 + 100 rows. */
  badSends: string[];
  /** Invitation outbox rows that are not untouched pending rows: must be 0 with workers off. */
  outboxRowsTouchedByWorker: number;
};

export const REPO_RUNS = 200;

export function printRound(round: number, results: PhaseResult[], checks: SendChecks) {
  const base = results.find((r) => r.key === "baseline");
  const rows = results.map((r) => {
    const target = TARGETS[r.key];
    const verdict = target?.p95Below === undefined ? "" : r.http.p95 < target.p95Below ? "PASS" : "FAIL";
    const ratio = base ? `${fmt(r.http.p50 / base.http.p50, 1)} / ${fmt(r.http.p95 / base.http.p95, 1)}` : "–";
    const times = [r.http.p50, r.http.p95, r.http.p99, r.http.max, r.server.p50, r.server.p95, r.repo?.p50, r.repo?.p95];
    return [
      r.label,
      String(r.http.n),
      ...times.map((v) => fmt(v)),
      ratio,
      target?.p95Below === undefined ? "" : `p95 < ${target.p95Below}`,
      target?.peer ?? "",
      verdict,
      `${fmt(r.processCores)} / ${fmt(r.dbCores)} / ${fmt(r.otherCores)}`,
    ];
  });
  const header = [`round ${round}`, "n", "p50", "p95", "p99", "max", "srv p50", "srv p95", "repo p50", "repo p95"];
  header.push("×base p50/p95", "target", "peer", "", "cores: us / db / others");
  console.log(`${markdownTable(header, rows)}\n`);
  for (const r of results) if (r.firstFailure) console.log(`${r.label}: unexpected answer: ${r.firstFailure}`);
  const rowsOk =
    checks.badSends.length === 0
      ? `all ${checks.sends} sends wrote 100 invitations + 100 outbox rows + 100 audit rows`
      : `BAD: ${checks.badSends.join("; ")}`;
  console.log(`Send Invitations: ${rowsOk}; outbox rows touched by a worker: ${checks.outboxRowsTouchedByWorker} (workers off)`);
  const noisy = results.filter((r) => (r.otherCores ?? 0) > 0.25).map((r) => r.label);
  if (noisy.length > 0)
    console.log(`WARNING: other processes used > 0.25 cores during: ${noisy.join(", ")}; those numbers are inflated.`);
  console.log(
    "All times in ms. p50..max: client-observed over HTTP keep-alive (worker thread). srv: Fastify reply.elapsedTime. " +
      `repo: listRoster in-process (${REPO_RUNS} runs, no HTTP, no session). ×base: p50 and p95 divided by the baseline's. ` +
      "cores: CPU used during the phase by this process (server + client thread) / PostgreSQL's processes (all " +
      "databases) / everything else on the machine (other engineers' work: > 0.25 inflates the numbers).\n",
  );
}
