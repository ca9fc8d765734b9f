import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";
import { FailureWindow } from "../modules/identity/sign-in-limiter.ts";
import { AppError } from "./errors.ts";

/**
 * The state that rate limits and one-time guards share between server processes.
 * Without Redis it lives in this process's memory (right for one process, and for SQLite,
 * which runs one). With `REDIS_URL` every process reads and writes the same keys, so a
 * limit exhausted through one process holds through all of them, and a TOTP code used
 * through one is refused by the others.
 *
 * Redis down at runtime, per limiter (ARCHITECTURE.md, "Operations"):
 * - failure limiters (sign-in, farm activation, key registration) and Better Auth's limiter
 *   fall back to this process's memory: refusing every sign-in would turn a cache outage
 *   into a portal outage, and no limit at all would open password guessing; the local
 *   window still caps each process (at worst the limit × the number of processes);
 * - the route limits of `@fastify/rate-limit` fail open (`skipOnError`): they are coarse
 *   abuse throttles in front of endpoints that protect themselves (256-bit tokens, email
 *   verification, the failure limiters above);
 * - the TOTP replay guard fails closed (503): "each code once" is a security promise
 *   (RFC 6238 §5.2), and a second-factor step can wait for Redis to come back;
 * - the pending second factor only names the person in the audit log: it fails open.
 */
export type SharedState = {
  redis: Redis | null;
  /** Options for `@fastify/rate-limit` (its own Redis store when shared). */
  routeLimitOptions: { redis?: Redis; nameSpace?: string; skipOnError?: boolean };
  failureLimiter(name: string, limit: number, windowMs: number, now?: () => number): FailureLimiter;
  expiringMap(name: string, ttlMs: number, onError: "fail-open" | "fail-closed", now?: () => number): ExpiringMap;
  /** Better Auth's `rateLimit.customStorage`; undefined keeps its own memory storage. */
  authLimitStorage: AuthLimitStorage | undefined;
  close(): Promise<void>;
};

/** Failed attempts per key in a sliding window; only failures count. */
export type FailureLimiter = {
  /** Seconds until `key` may try again, or 0 if it may try now. */
  retryAfterSeconds(key: string): Promise<number>;
  recordFailure(key: string): Promise<void>;
};

/** Values that expire `ttlMs` after they are set. */
export type ExpiringMap = { get(key: string): Promise<string | undefined>; set(key: string, value: string): Promise<void> };

export type AuthLimitStorage = {
  consume(key: string, rule: { window: number; max: number }): Promise<{ allowed: boolean; retryAfter: number | null }>;
};

type Logger = Pick<FastifyBaseLogger, "warn" | "info">;

/**
 * Sliding window in a sorted set: drop the expired, then record a failure (keeping only
 * the newest `limit`) or return the score of the failure that must expire before the next try.
 */
const FAILURE_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
local limit = tonumber(ARGV[3])
if ARGV[4] == 'record' then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[5])
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(limit + 1))
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return -1
end
local n = redis.call('ZCARD', KEYS[1])
if n < limit then return -1 end
return tonumber(redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')[2])`;

/** A fixed window per key: count, start the window on the first request, refuse beyond `max`. */
const CONSUME_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n <= tonumber(ARGV[2]) then return -1 end
return redis.call('PTTL', KEYS[1])`;

type ScriptedRedis = Redis & {
  portalFailures(key: string, now: number, windowMs: number, limit: number, mode: string, member: string): Promise<number>;
  portalConsume(key: string, windowMs: number, max: number): Promise<number>;
};

/** In-memory state: one process. */
export function createMemoryState(): SharedState {
  return {
    redis: null,
    routeLimitOptions: {},
    failureLimiter: (_name, limit, windowMs, now) => memoryFailures(limit, windowMs, now),
    expiringMap: (_name, ttlMs, _onError, now) => memoryMap(ttlMs, now),
    authLimitStorage: undefined,
    close: async () => {},
  };
}

/**
 * Shared state in Redis. Commands fail fast while Redis is unreachable (no offline queue,
 * a 1 s timeout) so a request never hangs on it; the client reconnects on its own.
 */
export async function createRedisState(url: string, keyPrefix: string, logger: Logger): Promise<SharedState> {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  }) as ScriptedRedis;
  redis.defineCommand("portalFailures", { numberOfKeys: 1, lua: FAILURE_SCRIPT });
  redis.defineCommand("portalConsume", { numberOfKeys: 1, lua: CONSUME_SCRIPT });
  let down = false;
  redis.on("error", (err: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: { message: err.message } }, "redis unreachable: shared rate limits fall back (see shared-state.ts)");
  });
  redis.on("ready", () => {
    if (down) logger.info({}, "redis reachable again");
    down = false;
  });
  // A portal whose Redis is down at start still starts, on the fallbacks; the client keeps trying.
  await redis.connect().catch(() => undefined);

  const failureLimiter = (name: string, limit: number, windowMs: number, now: () => number = Date.now): FailureLimiter => {
    const local = memoryFailures(limit, windowMs, now);
    const key = (k: string) => `failures:${name}:${k}`;
    return {
      async retryAfterSeconds(k) {
        const t = now();
        try {
          const oldest = await redis.portalFailures(key(k), t, windowMs, limit, "check", "");
          return oldest < 0 ? 0 : Math.max(1, Math.ceil((oldest + windowMs - t) / 1000));
        } catch {
          return local.retryAfterSeconds(k);
        }
      },
      async recordFailure(k) {
        const t = now();
        const member = `${t}:${Math.random().toString(36).slice(2)}`;
        await redis.portalFailures(key(k), t, windowMs, limit, "record", member).catch(() => local.recordFailure(k));
      },
    };
  };

  const expiringMap = (name: string, ttlMs: number, onError: "fail-open" | "fail-closed", now?: () => number): ExpiringMap => {
    const unavailable = () =>
      new AppError(503, "SERVICE_UNAVAILABLE", "The portal cannot check this right now. Try again in a minute.");
    const local = memoryMap(ttlMs, now);
    const key = (k: string) => `once:${name}:${k}`;
    return {
      async get(k) {
        try {
          return (await redis.get(key(k))) ?? undefined;
        } catch {
          if (onError === "fail-closed") throw unavailable();
          return local.get(k);
        }
      },
      async set(k, value) {
        try {
          await redis.set(key(k), value, "PX", ttlMs);
        } catch {
          if (onError === "fail-closed") throw unavailable();
          await local.set(k, value);
        }
      },
    };
  };

  const localAuth = memoryAuthLimit();
  const authLimitStorage: AuthLimitStorage = {
    async consume(k, rule) {
      try {
        const ttl = await redis.portalConsume(`auth-limit:${k}`, rule.window * 1000, rule.max);
        return ttl < 0 ? { allowed: true, retryAfter: null } : { allowed: false, retryAfter: Math.max(1, Math.ceil(ttl / 1000)) };
      } catch {
        return localAuth.consume(k, rule);
      }
    },
  };

  return {
    redis,
    routeLimitOptions: { redis, nameSpace: "route-limit:", skipOnError: true },
    failureLimiter,
    expiringMap,
    authLimitStorage,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function memoryFailures(limit: number, windowMs: number, now?: () => number): FailureLimiter {
  const window = new FailureWindow(limit, windowMs, now);
  return {
    retryAfterSeconds: async (key) => window.retryAfterSeconds(key),
    recordFailure: async (key) => window.recordFailure(key),
  };
}

function memoryMap(ttlMs: number, now: () => number = Date.now): ExpiringMap {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      return entry && entry.expiresAt > now() ? entry.value : undefined;
    },
    async set(key, value) {
      entries.set(key, { value, expiresAt: now() + ttlMs });
      if (entries.size > 50_000) {
        const t = now();
        for (const [k, e] of entries) if (e.expiresAt <= t) entries.delete(k);
      }
    },
  };
}

/** Better Auth's fixed window, for the Redis fallback. */
function memoryAuthLimit(): AuthLimitStorage {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return {
    async consume(key, rule) {
      const t = Date.now();
      let entry = windows.get(key);
      if (!entry || entry.endsAt <= t) {
        entry = { count: 0, endsAt: t + rule.window * 1000 };
        windows.set(key, entry);
      }
      entry.count += 1;
      if (windows.size > 50_000) for (const [k, e] of windows) if (e.endsAt <= t) windows.delete(k);
      if (entry.count <= rule.max) return { allowed: true, retryAfter: null };
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((entry.endsAt - t) / 1000)) };
    },
  };
}
