import { parseArgs } from "node:util";
import { PROFILES, type ProfileName } from "./profiles.ts";
import { runSimulation, type SimulationOptions } from "./simulate.ts";
import { FarmApiError } from "./simulated-farm.ts";

/**
 * `license-portal farm simulate …`: the command-line face of simulate.ts. It needs no
 * database and no portal settings, only the portal's URL and a login, because it talks
 * to the portal exactly as farms do, over the public farm API.
 */

export const SIMULATE_USAGE = `  license-portal farm simulate --url URL --email E --password P [--key KEY] --farms N
        --profile steady|waves|overuse [--interval-seconds 1200] [--time-scale X]
        [--duration-seconds S] [--rounds R] [--users U] [--prefix sim] [--deactivate-on-exit]
                                                         simulate N farms reporting to a running portal`;

const HELP = `${SIMULATE_USAGE}

  --url                 the portal, e.g. http://127.0.0.1:3000
  --email, --password   an Account Administrator of the key's account (or its License Administrator)
  --key                 the license key; omit to run on the account's 30-day trial
  --farms N             farms to activate, named <prefix>-1 … <prefix>-N (the same names re-activate the same farms)
  --profile             steady: about 60% of the limit with noise; waves: a working day (08–18 h this machine's local
                        time, or --utc-offset-minutes east of UTC), peaking at 90%; overuse: climbs from 60% to 130% of the limit
                        in 3 intervals and stays there (starts the key's 7-day overuse grace)
  --users U             the profile's top level in users across all farms, instead of the default above
  --interval-seconds    simulated time between a farm's reports (default 1200, as real farms)
  --time-scale X        run X times faster than real time (the wall-clock interval is interval/X)
  --duration-seconds S  stop after S wall-clock seconds; --rounds R: after R reports per farm (default: until Ctrl-C)
  --deactivate-on-exit  deactivate the farms when stopping, so they stop counting at once
  --seed                changes the noise (default 1)`;

export class SimulateUsageError extends Error {}

function num(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new SimulateUsageError(`--${name} must be a number ≥ ${min}, not "${value}"`);
  return n;
}

export function parseSimulateArgs(args: string[]): SimulationOptions | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      strict: true,
      options: {
        url: { type: "string" },
        email: { type: "string" },
        password: { type: "string" },
        key: { type: "string" },
        "account-id": { type: "string" },
        farms: { type: "string" },
        profile: { type: "string" },
        "interval-seconds": { type: "string" },
        "time-scale": { type: "string" },
        "duration-seconds": { type: "string" },
        rounds: { type: "string" },
        users: { type: "string" },
        prefix: { type: "string" },
        "app-version": { type: "string" },
        seed: { type: "string" },
        "utc-offset-minutes": { type: "string" },
        "deactivate-on-exit": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    throw new SimulateUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const url = text("url");
  const email = text("email");
  const password = text("password") ?? process.env.FARM_SIM_PASSWORD;
  const farms = num("farms", text("farms"), 1);
  const profile = text("profile") ?? "steady";
  if (!url || !email || !password || farms === undefined) {
    throw new SimulateUsageError("farm simulate needs --url, --email, --password (or FARM_SIM_PASSWORD) and --farms");
  }
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new SimulateUsageError(`--profile must be one of ${PROFILES.join(", ")}, not "${profile}"`);
  }
  const optional = {
    key: text("key"),
    accountId: text("account-id"),
    intervalSeconds: num("interval-seconds", text("interval-seconds"), 1),
    timeScale: num("time-scale", text("time-scale"), 0.001),
    durationSeconds: num("duration-seconds", text("duration-seconds"), 0),
    rounds: num("rounds", text("rounds"), 1),
    users: num("users", text("users"), 0),
    prefix: text("prefix"),
    appVersion: text("app-version"),
    seed: num("seed", text("seed"), 0),
    // Business hours where the person running the demo is, unless told otherwise.
    utcOffsetMinutes: num("utc-offset-minutes", text("utc-offset-minutes"), -24 * 60) ?? -new Date().getTimezoneOffset(),
  };
  const defined = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return {
    url,
    email,
    password,
    farms: Math.floor(farms),
    profile: profile as ProfileName,
    deactivateOnExit: values["deactivate-on-exit"] === true,
    ...defined,
  };
}

/**
 * Runs the command until its rounds or duration are over, or Ctrl-C (a second Ctrl-C
 * quits at once). Returns the exit code: 1 when the portal refused the activation.
 */
export async function simulateCommand(args: string[]): Promise<number> {
  const options = parseSimulateArgs(args);
  if (options === "help") {
    console.log(HELP);
    return 0;
  }
  const stop = new AbortController();
  const onSigint = () => {
    console.log("stopping: finishing the reports in flight (Ctrl-C again to quit at once)…");
    stop.abort();
    process.once("SIGINT", () => process.exit(130));
  };
  process.once("SIGINT", onSigint);
  try {
    const result = await runSimulation(options, { signal: stop.signal });
    const t = result.totals;
    console.log(
      `done (${result.stoppedBy}): ${t.reports} reports answered (${t.replayed} replayed), ${t.retries} retries, ` +
        `${t.reactivations} re-activations, ${t.outOfOrder} out-of-order fixes, ${t.failed} failed`,
    );
    return 0;
  } catch (error) {
    // Wrong password, unknown or expired key…: the portal's own words, without a stack trace.
    if (!(error instanceof FarmApiError)) throw error;
    console.error(`farm simulate: ${error.message}`);
    return 1;
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}
