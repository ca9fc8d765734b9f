import type { ActivateBody, FarmLicenseResponse, LicenseState } from "../../../../contracts/farms.ts";
import { type FarmApiResult, type FarmClient, isTransient } from "./farm-client.ts";

/**
 * One simulated farm: its identity, its credential and its report counter, and what it
 * does when the portal answers something other than 200. The rules are the ones a real
 * farm must follow to be counted exactly once:
 * - a retry after a 429, a 5xx or a lost answer resends the SAME report (same sequence,
 *   same numbers), so if the first attempt did land the portal answers `replayed: true`
 *   instead of counting it twice;
 * - 401 means the credential is gone (re-activated elsewhere, or revoked): activate
 *   again, which resets the portal's sequence for this farm, so start again at 1;
 * - 409 REPORT_OUT_OF_ORDER means our counter is behind the portal's (a copy of this farm
 *   reported): continue after the number the portal names.
 */

export type FarmIdentity = Omit<ActivateBody, "email" | "password" | "key" | "accountId">;
export type Outcome = "ok" | "failed" | "stopped";

export type FarmCounters = {
  reports: number;
  replayed: number;
  retries: number;
  reactivations: number;
  outOfOrder: number;
  failed: number;
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<boolean>((resolve) => {
    if (signal?.aborted) return resolve(false);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export { sleep };

/** A problem the simulator cannot fix by waiting (wrong password, unknown key, expired license…). */
export class FarmApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const problemText = (what: string, r: Extract<FarmApiResult<unknown>, { ok: false }>) =>
  `${what}: ${r.status || "no answer"} ${r.code}: ${r.detail}`;

export type RetryPolicy = {
  /** First wait after a transient failure; doubles each time, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
};

export class SimulatedFarm {
  credential = "";
  farmId = "";
  /** The last sequence number sent (0 after activation: the portal's own counter restarts there). */
  sequence = 0;
  lastReportSimMs: number | null = null;
  lastState: LicenseState | null = null;
  lastAnswer: FarmLicenseResponse | null = null;
  lastError: string | null = null;
  readonly counters: FarmCounters = { reports: 0, replayed: 0, retries: 0, reactivations: 0, outOfOrder: 0, failed: 0 };

  constructor(
    readonly index: number,
    readonly identity: FarmIdentity,
    private readonly login: Pick<ActivateBody, "email" | "password" | "key" | "accountId">,
    private readonly client: FarmClient,
    private readonly policy: RetryPolicy,
    private readonly log: (line: string) => void = () => {},
  ) {}

  private backoff(attempt: number, retryAfterSeconds: number | null): number {
    const exp = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** attempt);
    // Full jitter: many farms that failed together must not all come back together.
    const jittered = exp / 2 + Math.random() * (exp / 2);
    return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
  }

  /** Activates (or re-activates) the farm, retrying while the portal is busy. Throws FarmApiError otherwise. */
  async activate(signal?: AbortSignal): Promise<FarmLicenseResponse> {
    for (let attempt = 0; ; attempt++) {
      const r = await this.client.activate({ ...this.login, ...this.identity });
      if (r.ok) {
        this.credential = r.data.farmCredential;
        this.farmId = r.data.farm.id;
        this.sequence = r.data.sequence;
        this.lastState = r.data.license.state;
        this.lastAnswer = r.data;
        return r.data;
      }
      // Activation is rate limited per client (30 a minute): honour Retry-After, however long.
      if (!isTransient(r.status) || attempt + 1 >= this.policy.maxAttempts * 2) {
        throw new FarmApiError(r.status, r.code, problemText(`activation of ${this.identity.farmId}`, r));
      }
      const wait = this.backoff(attempt, r.retryAfterSeconds);
      // Say why nothing happens for a minute (the activation limit), but not for every farm that waits.
      if (wait >= 5000 && this.index % 10 === 0)
        this.log(`  ${r.status} ${r.code}: ${this.identity.farmId} retries in ${Math.ceil(wait / 1000)} s`);
      if (!(await sleep(wait, signal))) throw new Error("stopped");
    }
  }

  /**
   * Sends the next report and retries it until it is answered, the farm's next report is
   * due (`giveUpAt`, performance.now() time: a farm that falls behind skips, it does not
   * pile up), or the run stops.
   */
  async report(users: { current: number; peak: number }, simNowMs: number, giveUpAt: number, signal?: AbortSignal) {
    this.sequence += 1;
    const body = { sequence: this.sequence, currentUsers: users.current, peakUsers: Math.max(users.peak, users.current) };
    let fixes = 0; // re-activations and sequence corrections: at most two per report, so a broken portal cannot loop us
    for (let attempt = 0; ; attempt++) {
      const r = await this.client.checkIn(this.credential, body);
      if (r.ok) {
        this.counters.reports += 1;
        if (r.data.replayed) this.counters.replayed += 1;
        this.lastState = r.data.license.state;
        this.lastAnswer = r.data;
        this.lastReportSimMs = simNowMs;
        this.lastError = null;
        return "ok" as Outcome;
      }
      this.lastError = problemText(`check-in #${body.sequence} of ${this.identity.farmId}`, r);
      const last = /last one accepted \((\d+)\)/.exec(r.detail);
      if (r.status === 401 && fixes < 2) {
        fixes += 1;
        this.counters.reactivations += 1;
        try {
          await this.activate(signal);
        } catch (error) {
          this.lastError = error instanceof Error ? error.message : String(error);
          return this.fail();
        }
        this.sequence = body.sequence = this.sequence + 1;
        continue;
      }
      if (r.status === 409 && r.code === "REPORT_OUT_OF_ORDER" && last && fixes < 2) {
        fixes += 1;
        this.counters.outOfOrder += 1;
        this.sequence = body.sequence = Number(last[1]) + 1;
        continue;
      }
      if (!isTransient(r.status)) return this.fail();
      const wait = this.backoff(attempt, r.retryAfterSeconds);
      if (attempt + 1 >= this.policy.maxAttempts || performance.now() + wait >= giveUpAt) return this.fail();
      this.counters.retries += 1;
      if (!(await sleep(wait, signal))) return "stopped" as Outcome;
    }
  }

  private fail(): Outcome {
    // The sequence number stays used: the report may have landed, and the next one must be after it either way.
    this.counters.failed += 1;
    return "failed";
  }

  async deactivate(): Promise<boolean> {
    if (!this.credential) return false;
    const r = await this.client.deactivate(this.credential);
    if (r.ok) this.lastState = "deactivated";
    else this.lastError = problemText(`deactivation of ${this.identity.farmId}`, r);
    return r.ok;
  }
}
