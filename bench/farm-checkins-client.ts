/**
 * The load client of farm-checkins.bench.ts. It runs in a worker thread, so its request
 * handling has its own event loop and never waits behind the server's: latencies are what
 * a client on another machine would see, plus loopback. It shares the machine's 2 cores
 * with the server, and the bench reports its CPU use.
 *
 * It uses node:http with a keep-alive agent rather than fetch: undici's fetch costs
 * several times more CPU per request, which on 2 cores would come out of the server's share.
 *
 * N connection loops each keep one request in flight. Farm f belongs to loop f mod N, so a
 * farm never reports concurrently with itself, and each farm keeps its own sequence counter
 * (the seeded farms start at 0). A loop picks a random farm of its own and reports users
 * from the farm simulator's "waves" curve (src/modules/farms/simulator/profiles.ts, the
 * business-hours sine, one simulated hour per second of the run) applied to the farm's fair
 * part of the key's limit, and 5% of the time 10–50% over, so some keys go into their
 * overuse grace as they would in the field.
 */

import { readlinkSync } from "node:fs";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { workdayLevel } from "../src/modules/farms/simulator/profiles.ts";
import { farmCredential, prng } from "./farm-seed.ts";

export type ClientSetup = { host: string; port: number; farmShare: Int32Array };
export type ClientCommand = { kind: "noop" | "check-in"; durationMs: number; connections: number };
export type ClientResult = {
  kind: ClientCommand["kind"];
  /** Client-observed latency of each request, body read included, ms. */
  ms: Float64Array;
  statuses: Record<string, number>;
  /** license.state of the answers (check-ins only). */
  states: Record<string, number>;
  replayed: number;
  firstFailure?: string;
  elapsedMs: number;
  threadId?: number;
};

const setup = workerData as ClientSetup;
const farms = setup.farmShare.length;
const sequence = new Int32Array(farms);
const credentials: string[] = Array.from({ length: farms }, (_, i) => `Bearer ${farmCredential(i)}`);
const random = prng(7);
let agent = new Agent({ keepAlive: true, maxSockets: 50 });

function threadId(): number | undefined {
  try {
    return Number(readlinkSync("/proc/thread-self").split("/").pop());
  } catch {
    return undefined;
  }
}

function post(path: string, authorization: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: setup.host,
        port: setup.port,
        method: "POST",
        path,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const CLIENT_START = performance.now();
/** The users a farm reports: the simulator's working-day wave over its share of the key, sometimes over. */
function usersFor(f: number): number {
  const share = setup.farmShare[f] ?? 1;
  if (random() < 0.05) return share + 1 + Math.floor(random() * share * 0.5);
  const simulatedHour = ((performance.now() - CLIENT_START) / 1000 + 8) % 24;
  return Math.min(share, Math.round(share * workdayLevel(simulatedHour) * (0.8 + 0.4 * random())));
}

async function run(command: ClientCommand): Promise<ClientResult> {
  if (agent.maxSockets !== command.connections) agent = new Agent({ keepAlive: true, maxSockets: command.connections });
  const ms: number[] = [];
  const result: ClientResult = {
    kind: command.kind,
    ms: new Float64Array(),
    statuses: {},
    states: {},
    replayed: 0,
    elapsedMs: 0,
  };
  const tid = threadId();
  if (tid !== undefined) result.threadId = tid;
  const n = command.connections;
  const started = performance.now();
  const deadline = started + command.durationMs;
  const loop = async (lane: number) => {
    const laneFarms = Math.floor((farms - lane - 1) / n) + 1;
    while (performance.now() < deadline) {
      const f = lane + n * Math.floor(random() * laneFarms);
      const current = usersFor(f);
      const peak = current + (random() < 0.3 ? Math.floor(random() * 3) : 0);
      const seq = (sequence[f] ?? 0) + 1;
      const body = JSON.stringify({ sequence: seq, currentUsers: current, peakUsers: peak });
      // The bare route gets the same headers and body, so the comparison is only about what the route does.
      const path = command.kind === "noop" ? "/bench/noop" : "/api/farm/v1/check-in";
      const t0 = performance.now();
      let status = "error";
      let text = "";
      try {
        const answer = await post(path, credentials[f] as string, body);
        status = String(answer.status);
        text = answer.text;
      } catch (error) {
        text = error instanceof Error ? error.message : String(error);
      }
      ms.push(performance.now() - t0);
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      if (status !== "200") {
        result.firstFailure ??= `${path} farm ${f} #${seq} → ${status}: ${text.slice(0, 300)}`;
        continue;
      }
      if (command.kind === "noop") continue;
      sequence[f] = seq;
      // The first "state" of the answer is license.state (farm {id, name} comes before license).
      const state = /"state":"([a-z_]+)"/.exec(text)?.[1] ?? "?";
      result.states[state] = (result.states[state] ?? 0) + 1;
      if (text.includes('"replayed":true')) result.replayed += 1;
    }
  };
  await Promise.all(Array.from({ length: n }, (_, lane) => loop(lane)));
  result.elapsedMs = performance.now() - started;
  result.ms = Float64Array.from(ms);
  return result;
}

// The bench ends this worker with worker.terminate() when it is done.
parentPort?.on("message", (command: ClientCommand) => {
  run(command).then(
    (result) => parentPort?.postMessage({ ok: true, result }, [result.ms.buffer as ArrayBuffer]),
    (err: unknown) =>
      parentPort?.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
