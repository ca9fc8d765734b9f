import { z } from "zod";

/**
 * Every setting the portal reads from the environment. It is parsed once at boot
 * (see `loadConfig`) and passed down; nothing else reads `process.env`.
 * Keep README.md's settings table in step with this schema.
 */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(postgres(ql)?:\/\/.+|sqlite:.+)$/, "must start with postgres://, postgresql:// or sqlite:")
      .default("sqlite:./data/portal.sqlite"),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, "must start with smtp:// or smtps://")
      .optional(),
    MAIL_FROM: z.string().min(3).max(200).default("License Portal <no-reply@license-portal.local>"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TRUST_PROXY: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    AUTH_RATE_LIMIT: z.enum(["on", "off"]).default("on"),
    LICENSE_KEY_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    INVITATION_DAILY_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(500),
    // Several server processes: rate limits and one-time-code guards shared through Redis (unset: in memory).
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, "must start with redis:// or rediss://")
      .optional(),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[\w:.-]{1,64}$/, "must be 1-64 letters, digits, '_', ':', '.' or '-'")
      .default("license-portal:"),
    // Overrides the interval of every periodic job (reminders, renewals, usage roll-ups, support); tests and demos.
    JOB_INTERVAL_MS: z.coerce.number().int().min(50).max(86_400_000).optional(),
    // The seller printed on invoices. Lines are separated by "|".
    VENDOR_NAME: z.string().trim().min(1).max(200).default("License Portal Demo Vendor Ltd."),
    VENDOR_ADDRESS: z.string().max(1000).default("1 Example Street|Example City 10001|United States"),
    VENDOR_TAX_ID: z.string().max(60).optional(),
    VENDOR_EMAIL: z.email().max(254).default("billing@license-portal.local"),
    VENDOR_PHONE: z.string().max(60).optional(),
    // Bank transfer: the payee details shown to buyers ("|"-separated lines); unset turns bank transfer off.
    BANK_TRANSFER_DETAILS: z.string().max(1000).optional(),
    // The built-in test card gateway: on by default except in production, where a real provider belongs.
    STORE_TEST_GATEWAY: z.enum(["on", "off"]).optional(),
    // Where uploaded files (release downloads, later support attachments) are kept.
    STORAGE_DIR: z.string().trim().min(1).max(1000).default("./data/files"),
    // Support email in: the inbound SMTP listener's port (unset: off) and address, and the domain
    // of the per-ticket reply addresses ("ticket+<token>@<domain>"; its MX must reach the listener).
    INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    INBOUND_SMTP_HOST: z.string().min(1).default("0.0.0.0"),
    INBOUND_EMAIL_DOMAIN: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9.-]+$/, "must be a domain name such as support.example.com")
      .default("support.license-portal.local"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SMTP_URL) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "is required when NODE_ENV=production" });
    }
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required when NODE_ENV=production" });
    }
    if (env.NODE_ENV === "production" && !env.LICENSE_KEY_SECRET) {
      ctx.addIssue({ code: "custom", path: ["LICENSE_KEY_SECRET"], message: "is required when NODE_ENV=production" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Every variable the portal reads, for the configuration reference test (OPERATIONS.md, README.md). */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze(Object.keys(EnvSchema.shape));

export type Config = Readonly<{
  env: Env["NODE_ENV"];
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string;
  database: { kind: "sqlite"; file: string } | { kind: "postgres"; url: string; poolMax: number };
  authSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: Env["LOG_LEVEL"];
  trustProxy: boolean;
  outboxPollMs: number;
  /** Off only for benchmarks or when a proxy in front already limits auth routes. */
  authRateLimit: boolean;
  /** Keys the license-key HMAC and encryption keys are derived from (see licensing/license-key-crypto.ts). */
  licenseKeySecret: string;
  /** Invitations (sent + resent) one business account may send in any 24 hours. */
  invitationDailyLimit: number;
  /** Shared state for several processes (src/server/shared-state.ts); null = in memory, one process. */
  redis: { url: string; keyPrefix: string } | null;
  /** Every periodic job's interval instead of its own (tests, demos); null = each job's default. */
  jobIntervalMs: number | null;
  store: {
    /** The seller on invoices. */
    vendor: { name: string; addressLines: string[]; taxId: string | null; email: string; phone: string | null };
    /** The payee lines shown for a bank transfer; null = bank transfer is not offered. */
    bankTransferDetails: string[] | null;
    testGateway: boolean;
  };
  /** The directory of the local file storage (src/storage/local-disk-storage.ts). */
  storageDir: string;
  /** Support email in (src/modules/support/inbound/): the listener (port null: off) and the reply addresses' domain. */
  inboundEmail: { port: number | null; host: string; domain: string };
}>;

export class ConfigError extends Error {}

/** A development-only secret, so `npm start` needs no setup. Production must set AUTH_SECRET. */
const DEV_LICENSE_KEY_SECRET = "dev-only-license-key-secret-change-me-dev-only";
const DEV_AUTH_SECRET = "dev-only-secret-change-me-dev-only-secret-change-me";

/** "a|b|c" → ["a", "b", "c"], blank lines dropped. */
const lines = (value: string) =>
  value
    .split("|")
    .map((line) => line.trim())
    .filter((line) => line !== "");

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join(".") || "environment";
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? "is invalid"}`);
  }
  const env = parsed.data;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  const database = env.DATABASE_URL.startsWith("sqlite:")
    ? ({ kind: "sqlite", file: env.DATABASE_URL.slice("sqlite:".length) } as const)
    : ({ kind: "postgres", url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX } as const);
  return Object.freeze({
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === "production",
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    database,
    authSecret: env.AUTH_SECRET ?? DEV_AUTH_SECRET,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    outboxPollMs: env.OUTBOX_POLL_MS,
    authRateLimit: env.AUTH_RATE_LIMIT === "on",
    invitationDailyLimit: env.INVITATION_DAILY_LIMIT,
    redis: env.REDIS_URL ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX } : null,
    jobIntervalMs: env.JOB_INTERVAL_MS ?? null,
    licenseKeySecret: env.LICENSE_KEY_SECRET ?? DEV_LICENSE_KEY_SECRET,
    store: {
      vendor: {
        name: env.VENDOR_NAME,
        addressLines: lines(env.VENDOR_ADDRESS),
        taxId: env.VENDOR_TAX_ID?.trim() || null,
        email: env.VENDOR_EMAIL,
        phone: env.VENDOR_PHONE?.trim() || null,
      },
      bankTransferDetails: env.BANK_TRANSFER_DETAILS
        ? lines(env.BANK_TRANSFER_DETAILS)
        : env.NODE_ENV === "production"
          ? null
          : ["Demo Bank plc", "IBAN GB00 DEMO 0000 0000 0000 00", "BIC DEMOGB2L"],
      testGateway: (env.STORE_TEST_GATEWAY ?? (env.NODE_ENV === "production" ? "off" : "on")) === "on",
    },
    storageDir: env.STORAGE_DIR,
    inboundEmail: { port: env.INBOUND_SMTP_PORT ?? null, host: env.INBOUND_SMTP_HOST, domain: env.INBOUND_EMAIL_DOMAIN },
  });
}
