import { setMaxListeners } from "node:events";
import type { LicenseState } from "../../../../contracts/farms.ts";
import { createFarmClient } from "./farm-client.ts";
import { createUsageCurve, type ProfileName, type UsageCurve } from "./profiles.ts";
import { formatRound, type RoundStats, RoundTracker } from "./rounds.ts";
import { type FarmCounters, SimulatedFarm, sleep } from "./simulated-farm.ts";

/**
 * The farm simulator: activates N farms against one license key through the public farm
 * API, then has each report on its own schedule, as farms in the field do, with users
 * from a usage profile. Used by `license-portal farm simulate` (cli.ts) for demos and by
 * test/farms/simulator.test.ts.
 *
 * Time: `intervalSeconds` is simulated time (20 minutes, like real farms); `timeScale`
 * divides it for the wall clock, so a day of check-ins fits in a demo. Each farm's report
 * in round r is due at start + r·interval + its stagger (farm i of N waits i/N of an
 * interval), so the portal sees a steady trickle rather than N reports at once.
 * `durationSeconds` is wall-clock time: how long the command runs.
 */

export type SimulationOptions = {
  url: string;
  email: string;
  password: string;
  /** Omit to run on the account's trial. */
  key?: string;
  accountId?: string;
  farms: number;
  profile: ProfileName;
  intervalSeconds?: number;
  timeScale?: number;
  durationSeconds?: number;
  /** Stop after this many rounds (every farm reported this often). */
  rounds?: number;
  /** The profile's top level in users across all farms (default: from the key's limit). */
  users?: number;
  /** Farm ids are `<prefix>-<n>`: the same prefix again re-activates the same farms (their history is kept). */
  prefix?: string;
  appVersion?: string;
  deactivateOnExit?: boolean;
  seed?: number;
  utcOffsetMinutes?: number;
};

export type SimulationHooks = { signal?: AbortSignal; log?: (line: string) => void; fetch?: typeof fetch };

export type SimulationResult = {
  farms: Array<{ farmUid: string; farmId: string; sequence: number; state: LicenseState | null; lastError: string | null }>;
  rounds: RoundStats[];
  totals: FarmCounters;
  limit: number | null;
  stoppedBy: "rounds" | "duration" | "signal";
  deactivated: number;
};

/** Runs `work` over the items with at most `limit` in flight. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export async function runSimulation(options: SimulationOptions, hooks: SimulationHooks = {}): Promise<SimulationResult> {
  const log = hooks.log ?? ((line: string) => console.log(line));
  // Our own signal: every waiting farm listens to it, far more than the 10 listeners Node expects of a signal.
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  hooks.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  if (hooks.signal?.aborted) stop.abort();
  const { signal } = stop;
  const intervalMs = (options.intervalSeconds ?? 20 * 60) * 1000;
  const realIntervalMs = intervalMs / (options.timeScale ?? 1);
  const prefix = options.prefix ?? "sim";
  const client = createFarmClient(options.url, hooks.fetch ? { fetch: hooks.fetch } : {});
  // Retries stay well inside one interval, so a retried report never collides with the next one.
  const policy = { baseDelayMs: Math.min(500, Math.max(10, realIntervalMs / 20)), maxDelayMs: 30_000, maxAttempts: 6 };
  const login = { email: options.email, password: options.password, key: options.key, accountId: options.accountId };
  const farms = Array.from({ length: options.farms }, (_, i) => {
    const uid = `${prefix}-${i + 1}`;
    const identity = { farmId: uid, serverId: `${uid}-srv`, farmName: uid, appVersion: options.appVersion ?? "19.4.1" };
    return new SimulatedFarm(i, identity, login, client, policy, log);
  });

  // Activation verifies a password (argon2) each time: a few at a time is what the portal copes with.
  await eachLimited(farms, 4, async (farm) => {
    if (signal?.aborted) return;
    await farm.activate(signal).catch((error: unknown) => {
      if (!signal?.aborted) throw error; // a stop during activation is not a failure
    });
  });
  const first = farms.find((f) => f.lastAnswer)?.lastAnswer;
  let limit = first?.license.concurrentUsers.limit ?? null;
  if (first) {
    log(
      `activated ${farms.length} farms (${prefix}-1…${prefix}-${farms.length}) on key ${first.license.maskedKey}: ` +
        `limit ${limit} users, state ${first.license.state}; profile ${options.profile}, a round every ` +
        `${(realIntervalMs / 1000).toFixed(realIntervalMs < 10_000 ? 2 : 0)} s (${intervalMs / 60_000} simulated minutes)`,
    );
  }

  const simStart = Date.now();
  const t0 = performance.now();
  const simAt = (real: number) => simStart + (real - t0) * (options.timeScale ?? 1);
  const endAt = options.durationSeconds === undefined ? Number.POSITIVE_INFINITY : t0 + options.durationSeconds * 1000;
  const curveSpec = { profile: options.profile, startMs: simStart, intervalMs, farms: farms.length, seed: options.seed ?? 1 };
  const extra = {
    ...(options.users === undefined ? {} : { users: options.users }),
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
  };
  let curve: UsageCurve | undefined;
  let curveLimit: number | null = null;
  // Rebuilt when the portal reports another limit (licenses added mid-run): overuse aims over the new one.
  const currentCurve = () => {
    if (!curve || curveLimit !== limit) {
      curve = createUsageCurve({ ...curveSpec, ...extra, limit: limit ?? 0 });
      curveLimit = limit;
    }
    return curve;
  };
  const tracker = new RoundTracker(
    farms.length,
    (r) => ({ simTime: new Date(simAt(t0 + r * realIntervalMs)).toISOString(), elapsedMs: r * realIntervalMs }),
    (stats) => log(formatRound(stats)),
  );

  const runFarm = async (farm: SimulatedFarm) => {
    const stagger = (realIntervalMs * farm.index) / farms.length;
    for (let round = 0; options.rounds === undefined || round < options.rounds; round++) {
      const due = t0 + round * realIntervalMs + stagger;
      if (due >= endAt || !(await sleep(due - performance.now(), signal))) return;
      if (performance.now() > due + realIntervalMs) {
        // More than an interval late (retries, or a machine that was asleep): skip, as a farm would.
        tracker.settle(round, { outcome: "skipped", users: 0, state: null, limit, inUse: null, retries: 0 });
        continue;
      }
      // Users as of the round's start, not the farm's staggered moment: the curve's split among farms
      // changes with its noise, and one moment per round makes the round's reports add up to the key's total.
      const simNow = simAt(t0 + round * realIntervalMs);
      const c = currentCurve();
      const users = {
        current: c.farmUsers(simNow, farm.index),
        peak: c.peakUsers(farm.index, farm.lastReportSimMs ?? simNow, simNow),
      };
      const retriesBefore = farm.counters.retries;
      const outcome = await farm.report(users, simNow, Math.min(endAt, due + realIntervalMs), signal);
      if (outcome === "stopped") return;
      const answer = outcome === "ok" ? farm.lastAnswer : null;
      if (answer) limit = answer.license.concurrentUsers.limit;
      if (outcome === "failed" && farm.lastError) log(`  ${farm.lastError}`);
      tracker.settle(round, {
        outcome,
        users: users.current,
        state: answer?.license.state ?? null,
        limit,
        inUse: answer?.license.concurrentUsers.inUse ?? null,
        retries: farm.counters.retries - retriesBefore,
      });
    }
  };
  await Promise.all(farms.map(runFarm));
  tracker.flush(true);

  let deactivated = 0;
  if (options.deactivateOnExit) {
    await eachLimited(farms, 8, async (farm) => {
      if (await farm.deactivate()) deactivated += 1;
    });
    log(`deactivated ${deactivated} of ${farms.length} farms`);
  }
  const totals = { reports: 0, replayed: 0, retries: 0, reactivations: 0, outOfOrder: 0, failed: 0 };
  for (const farm of farms) for (const k of Object.keys(totals) as Array<keyof FarmCounters>) totals[k] += farm.counters[k];
  return {
    farms: farms.map((f) => ({
      farmUid: f.identity.farmId,
      farmId: f.farmId,
      sequence: f.sequence,
      state: f.lastState,
      lastError: f.lastError,
    })),
    rounds: tracker.printed,
    totals,
    limit,
    stoppedBy: signal?.aborted ? "signal" : performance.now() >= endAt ? "duration" : "rounds",
    deactivated,
  };
}
