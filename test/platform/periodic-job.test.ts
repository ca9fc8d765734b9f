import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createPeriodicJob } from "../../src/server/periodic-job.ts";

/** A pass that waits until released, so a test can hold it open. */
function gate() {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { opened, release };
}

describe("periodic jobs (src/server/periodic-job.ts)", () => {
  it("never overlaps passes: a call while a pass runs gets that pass", async () => {
    const g = gate();
    let passes = 0;
    const job = createPeriodicJob({
      run: async () => {
        passes += 1;
        await g.opened;
        return passes;
      },
      intervalMs: 60_000,
      failureMessage: "failed",
    });
    const first = job.runOnce();
    const second = job.runOnce();
    g.release();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(await job.runOnce()).toBe(2);
  });

  it("logs a timed pass's failure and tries again on the next tick; runOnce rejects", async () => {
    const errors: string[] = [];
    let calls = 0;
    const job = createPeriodicJob({
      run: async () => {
        calls += 1;
        throw new Error(`boom ${calls}`);
      },
      intervalMs: 10,
      failureMessage: "the job failed",
      logger: { error: (_obj: unknown, message?: string) => errors.push(String(message)) } as never,
    });
    await expect(job.runOnce()).rejects.toThrow("boom 1");
    job.start();
    await sleep(60);
    await job.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(errors.length).toBe(calls - 1);
    expect(new Set(errors)).toEqual(new Set(["the job failed"]));
  });

  it("runs at once with runOnStart, and stop() waits for the running pass and ends the ticks", async () => {
    const g = gate();
    let started = 0;
    let finished = 0;
    const job = createPeriodicJob({
      run: async () => {
        started += 1;
        await g.opened;
        finished += 1;
      },
      intervalMs: 5,
      runOnStart: true,
      failureMessage: "failed",
    });
    job.start();
    expect(started).toBe(1);
    const stopped = job.stop();
    let stopDone = false;
    void stopped.then(() => {
      stopDone = true;
    });
    await sleep(20);
    expect(stopDone).toBe(false);
    g.release();
    await stopped;
    expect(finished).toBe(1);
    await sleep(30);
    expect(started).toBe(1);
  });
});
