import type { FastifyBaseLogger } from "fastify";

export type PeriodicJobOptions<T, A extends unknown[]> = {
  /**
   * One pass of the work. The timer calls it with no arguments, so a pass that takes any
   * (a test's `now`) must make them optional.
   */
  run: (...args: A) => Promise<T>;
  intervalMs: number;
  /** Also run a pass as soon as start() is called, not only after the first interval. */
  runOnStart?: boolean;
  /** Logged with the error when a timed pass fails. */
  failureMessage: string;
  logger?: Pick<FastifyBaseLogger, "error">;
};

/**
 * The start/stop/run-once machinery of a background job that runs every `intervalMs` in
 * each server process. Passes never overlap within a process: a call while a pass runs
 * gets that pass (with its arguments). A timed pass's error is logged, never thrown (the
 * next tick tries again); runOnce() rejects as its pass does. stop() ends the timer and
 * waits for a running pass, so shutdown never closes the database under it. Overlap
 * across processes is each job's own concern (claims, conditional updates).
 */
export function createPeriodicJob<T, A extends unknown[] = []>({
  run,
  intervalMs,
  runOnStart = false,
  failureMessage,
  logger,
}: PeriodicJobOptions<T, A>) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<T> | undefined;

  function runOnce(...args: A): Promise<T> {
    running ??= run(...args).finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    runOnce,
    start() {
      const tick = () => {
        (runOnce as () => Promise<T>)().catch((error: unknown) => logger?.error({ err: error }, failureMessage));
      };
      if (runOnStart) tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
