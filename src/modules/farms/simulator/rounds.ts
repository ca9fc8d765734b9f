import { LICENSE_STATES, type LicenseState } from "../../../../contracts/farms.ts";

/**
 * Per-round bookkeeping for the simulator's output. Farms report at staggered moments
 * and a slow one may still be retrying round r while others are in round r+1, so a
 * round is printed once every farm has settled it (answered, given up or skipped), and
 * rounds are printed in order.
 */

export type RoundStats = {
  round: number;
  /** Simulated time of the round's start, ISO. */
  simTime: string;
  /** Real milliseconds since the first report was due. */
  elapsedMs: number;
  /** Farms that settled the round (answered or not). */
  farms: number;
  /** Users the farms reported this round (answered reports only). */
  users: number;
  /** The key's limit and pooled users as the portal last said (null before any answer). */
  limit: number | null;
  inUse: number | null;
  states: Partial<Record<LicenseState, number>>;
  /** Reports that got no answer this round (gave up after retries, or refused). */
  failed: number;
  /** Farms that were so far behind that they skipped this round. */
  skipped: number;
  retries: number;
  /** True for the round the run was stopped in. */
  partial: boolean;
};

export type Settled = {
  outcome: "ok" | "failed" | "stopped" | "skipped";
  users: number;
  state: LicenseState | null;
  limit: number | null;
  inUse: number | null;
  retries: number;
};

export class RoundTracker {
  private readonly open = new Map<number, RoundStats>();
  private nextToPrint = 0;
  readonly printed: RoundStats[] = [];

  constructor(
    private readonly farmCount: number,
    private readonly roundInfo: (round: number) => { simTime: string; elapsedMs: number },
    private readonly emit: (stats: RoundStats) => void,
  ) {}

  private stats(round: number): RoundStats {
    let s = this.open.get(round);
    if (!s) {
      const info = this.roundInfo(round);
      s = {
        round,
        ...info,
        farms: 0,
        users: 0,
        limit: null,
        inUse: null,
        states: {},
        failed: 0,
        skipped: 0,
        retries: 0,
        partial: false,
      };
      this.open.set(round, s);
    }
    return s;
  }

  settle(round: number, r: Settled): void {
    const s = this.stats(round);
    s.farms += 1;
    s.retries += r.retries;
    if (r.outcome === "ok" && r.state) {
      s.users += r.users;
      s.states[r.state] = (s.states[r.state] ?? 0) + 1;
      // The answer of the round's last report has the most complete pooled count.
      s.limit = r.limit;
      s.inUse = r.inUse;
    } else if (r.outcome === "skipped") s.skipped += 1;
    else if (r.outcome === "failed") s.failed += 1;
    this.flush(false);
  }

  /** Prints what is complete; with `final`, also the rounds the stop cut short. */
  flush(final: boolean): void {
    for (;;) {
      const s = this.open.get(this.nextToPrint);
      if (!s || (!final && s.farms < this.farmCount)) return;
      s.partial = s.farms < this.farmCount;
      this.open.delete(this.nextToPrint);
      this.nextToPrint += 1;
      this.printed.push(s);
      this.emit(s);
    }
  }
}

/** One line per round: time, farms, total users against the limit, farms per license state. */
export function formatRound(s: RoundStats): string {
  const sim = s.simTime.slice(0, 16).replace("T", " ");
  const states = LICENSE_STATES.filter((state) => s.states[state])
    .map((state) => `${state} ${s.states[state]}`)
    .join(", ");
  const limit = s.limit === null ? "" : `/${s.limit}`;
  const trouble = [
    s.failed ? `${s.failed} failed` : "",
    s.skipped ? `${s.skipped} skipped` : "",
    s.retries ? `${s.retries} retries` : "",
    s.partial ? "stopped mid-round" : "",
  ].filter(Boolean);
  return [
    `round ${String(s.round + 1).padStart(3)}`,
    `sim ${sim}Z`,
    `+${(s.elapsedMs / 1000).toFixed(1)}s`,
    `farms ${s.farms}`,
    `users ${s.users}${limit}${s.inUse !== null && s.inUse !== s.users ? ` (pooled ${s.inUse})` : ""}`,
    states || "no answers",
    ...(trouble.length ? [trouble.join(", ")] : []),
  ].join("  ");
}
