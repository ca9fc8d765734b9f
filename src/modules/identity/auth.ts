import { AsyncLocalStorage } from "node:async_hooks";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { twoFactor } from "better-auth/plugins";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/database.ts";
import { isDatabaseUnavailable } from "../../db/database-errors.ts";
import type { AuthLimitStorage } from "../../server/shared-state.ts";
import { type EmailTemplate, insertOutboxEmail } from "../notifications/outbox.repo.ts";
import { hashPassword, verifyPassword } from "./password-hasher.ts";
import { checkPasswordPolicy } from "./password-policy.ts";

export const AUTH_BASE_PATH = "/api/auth";
/** The header our Fastify bridge sets from `request.ip`; clients cannot spoof it. */
export const CLIENT_IP_HEADER = "x-portal-client-ip";

/** Sessions last a week and slide forward once a day of use (session-resolver.ts reads the same numbers). */
export const SESSION_EXPIRES_IN_SECONDS = 60 * 60 * 24 * 7;
export const SESSION_UPDATE_AGE_SECONDS = 60 * 60 * 24;
/** Verification links last a day (sign-up.ts signs them with the same lifetime). */
export const VERIFY_EMAIL_EXPIRES_IN_SECONDS = 60 * 60 * 24;

/** Paths whose body carries a new password that must pass our policy. */
const NEW_PASSWORD_FIELDS: Record<string, "password" | "newPassword"> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
};

/** Where Better Auth's own log lines go (pino in the server). */
export type AuthLogger = { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

/**
 * `limitStorage`: where Better Auth counts its own rate limits; given (Redis, see
 * server/shared-state.ts) every server process counts in one place, else in memory.
 */
/**
 * Set by the auth bridge around each Better Auth request. Better Auth answers any failure with
 * a bare 500; this records whether it came from an unreachable database, so the bridge can
 * answer 503 DATABASE_UNAVAILABLE even when the database is back by the time it looks
 * (test/faults/postgres-restart.test.ts saw that race).
 */
export const authRequestFailure = new AsyncLocalStorage<{ databaseUnavailable: boolean }>();

export function createAuth(config: Config, database: Database, log?: AuthLogger, limitStorage?: AuthLimitStorage) {
  const { db } = database;
  /** Every identity email goes to one person, in their language, with their name and one link. */
  const queueEmail = (template: EmailTemplate, user: { email: string; name: string }, url: string) =>
    insertOutboxEmail(db, { template, to: user.email, locale: localeOf(user), data: { name: user.name, url } });
  /** "Your password was changed; if it wasn't you, reset it." After a change and after a reset. */
  const notifyPasswordChanged = (user: { email: string; name: string }) =>
    queueEmail("password-changed", user, `${config.publicUrl}/forgot-password`);
  return betterAuth({
    appName: "License Portal",
    // Plain text into our logger: no ANSI colours in JSON logs, and no terminal
    // colour detection on every request (it showed up in session-lookup profiles).
    logger: {
      level: "warn",
      disableColors: true,
      log: (level, message, ...args) => {
        if (!log) return;
        if (level === "error") log.error({ args }, `better-auth: ${message}`);
        else log.warn({ args }, `better-auth: ${message}`);
      },
    },
    onAPIError: {
      onError: (error) => {
        if (isDatabaseUnavailable(error)) {
          const failure = authRequestFailure.getStore();
          if (failure) failure.databaseUnavailable = true;
        }
        // Better Auth's own 4xx answers (a wrong password, a common password) are not failures;
        // the bridge audits them. Everything else is logged as Better Auth would have.
        const status = (error as { status?: unknown } | null)?.status;
        if (typeof status === "string" && status !== "INTERNAL_SERVER_ERROR") return;
        log?.error({ err: error }, "better-auth: request failed");
      },
    },
    baseURL: config.publicUrl,
    basePath: AUTH_BASE_PATH,
    secret: config.authSecret,
    trustedOrigins: [config.publicUrl],
    database: { db: database.authDb, type: database.engine, transaction: true },
    user: {
      modelName: "users",
      additionalFields: {
        firstName: { type: "string", required: true, input: true },
        lastName: { type: "string", required: true, input: true },
        locale: { type: "string", required: false, defaultValue: "en", input: true },
        // Operators are vendor staff. `input: false` means no API body can set it;
        // only `license-portal operator create` does (see operators.cli.ts).
        isOperator: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    session: { modelName: "sessions", expiresIn: SESSION_EXPIRES_IN_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    account: { modelName: "auth_accounts" },
    verification: { modelName: "verifications" },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      password: { hash: hashPassword, verify: verifyPassword },
      onPasswordReset: async ({ user }) => {
        await notifyPasswordChanged(user);
      },
      sendResetPassword: async ({ user, url }) => {
        await queueEmail("reset-password", user, url);
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: VERIFY_EMAIL_EXPIRES_IN_SECONDS,
      // Fires on the first verification only (an already verified person returns early).
      afterEmailVerification: async (user) => {
        await queueEmail("welcome", user, `${config.publicUrl}/`);
      },
      sendVerificationEmail: async ({ user, url }) => {
        await queueEmail("verify-email", user, url);
      },
    },
    // Sign-up and profile edits go through our routes (identity.routes.ts, sign-up.ts),
    // which validate the whole form and write the person, any business account and the
    // verification email in one transaction.
    disabledPaths: ["/sign-up/email", "/update-user"],
    rateLimit: {
      enabled: config.authRateLimit,
      window: 60,
      max: 100,
      storage: "memory",
      ...(limitStorage ? { customStorage: limitStorage } : {}),
      customRules: {
        // Sign-in is limited per address *and* per IP by our bridge (sign-in-limiter.ts).
        "/sign-in/email": false,
        "/request-password-reset": { window: 60, max: 5 },
        "/send-verification-email": { window: 60, max: 5 },
        "/verify-email": { window: 60, max: 20 },
        "/two-factor/*": { window: 60, max: 10 },
        "/change-password": { window: 60, max: 10 },
      },
    },
    advanced: {
      useSecureCookies: config.publicUrl.startsWith("https://"),
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const field = NEW_PASSWORD_FIELDS[ctx.path];
        const password = field ? (ctx.body as Record<string, unknown> | undefined)?.[field] : undefined;
        if (typeof password !== "string") return;
        const problem = checkPasswordPolicy(password);
        if (problem) throw APIError.from("BAD_REQUEST", { code: problem.code, message: problem.message });
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/change-password" || ctx.context.returned instanceof APIError) return;
        const user = ctx.context.session?.user;
        if (user) await notifyPasswordChanged(user);
      }),
    },
    plugins: [
      twoFactor({
        issuer: "License Portal",
        schema: { twoFactor: { modelName: "two_factors" } },
        backupCodeOptions: { amount: 10, length: 10 },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

function localeOf(user: object): string {
  const locale = (user as { locale?: unknown }).locale;
  return typeof locale === "string" ? locale : "en";
}
