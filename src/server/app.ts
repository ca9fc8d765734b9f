import { randomUUID } from "node:crypto";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { DestinationStream } from "pino";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { createAccountAccess } from "../modules/accounts/account-access.ts";
import { accountsRoutes } from "../modules/accounts/accounts.routes.ts";
import { createAccountsService } from "../modules/accounts/accounts.service.ts";
import { accountAuditRoutes } from "../modules/audit/account-audit.routes.ts";
import { registerDownloads } from "../modules/downloads/downloads.plugin.ts";
import { createActivationService } from "../modules/farms/activation.service.ts";
import { createCertificateSigner } from "../modules/farms/certificates.ts";
import { createCheckInService } from "../modules/farms/check-in.service.ts";
import { farmApiRoutes } from "../modules/farms/farm-api.routes.ts";
import { farmsRoutes } from "../modules/farms/farms.routes.ts";
import { createFarmsService } from "../modules/farms/farms.service.ts";
import { createUsageJobs, type UsageJobs } from "../modules/farms/usage-jobs.ts";
import { type Auth, createAuth, SESSION_EXPIRES_IN_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "../modules/identity/auth.ts";
import { authBridgeRoutes } from "../modules/identity/auth-bridge.routes.ts";
import { identityRoutes } from "../modules/identity/identity.routes.ts";
import { createIdentityService } from "../modules/identity/identity.service.ts";
import { createSessionResolver } from "../modules/identity/session-resolver.ts";
import { invitationsRoutes } from "../modules/invitations/invitations.routes.ts";
import { createInvitationsService } from "../modules/invitations/invitations.service.ts";
import { joinRoutes } from "../modules/invitations/join.routes.ts";
import { createJoinService } from "../modules/invitations/join.service.ts";
import { createKeysService } from "../modules/licensing/keys.service.ts";
import { createLicenseKeyCrypto } from "../modules/licensing/license-key-crypto.ts";
import { licensingRoutes } from "../modules/licensing/licensing.routes.ts";
import { operatorRoutes } from "../modules/licensing/operator.routes.ts";
import { createOperatorService } from "../modules/licensing/operator.service.ts";
import { createReminderJob, type ReminderJob } from "../modules/licensing/reminders.ts";
import { createSubscriptionsService } from "../modules/licensing/subscriptions.service.ts";
import { membershipRoutes } from "../modules/membership/membership.routes.ts";
import { createMembershipService } from "../modules/membership/membership.service.ts";
import { devMailboxRoutes } from "../modules/notifications/dev-mailbox.routes.ts";
import { createMailer } from "../modules/notifications/mailer.ts";
import { createOutboxWorker, type OutboxWorker } from "../modules/notifications/outbox.worker.ts";
import { createSealer } from "../modules/notifications/sealed-fields.ts";
import { invoicesRoutes } from "../modules/store/invoices.routes.ts";
import { createRenewalJob, type RenewalJob } from "../modules/store/renewals.ts";
import { registerStore } from "../modules/store/store.plugin.ts";
import { registerSupport, type Support } from "../modules/support/support.plugin.ts";
import { type Clock, systemClock } from "./clock.ts";
import { registerCsrfProtection } from "./csrf.ts";
import { handleFrameworkError, registerErrorHandling, sendProblem } from "./error-handler.ts";
import { AppError } from "./errors.ts";
import { registerNulGuard } from "./input-guard.ts";
import { loggerOptions } from "./logger.ts";
import { registerObservability } from "./observability.ts";
import { createMemoryState, createRedisState, type SharedState } from "./shared-state.ts";
import { isSpaNavigation, registerWebApp } from "./web-app.ts";

export type AppDeps = {
  config: Config;
  database: Database;
  startWorkers?: boolean;
  clock?: Clock;
  /** Where the log goes instead of stdout (the test suite writes each worker's log to a file it then scans). */
  logStream?: DestinationStream;
};

export type App = FastifyInstance & {
  auth: Auth;
  outbox: OutboxWorker;
  reminders: ReminderJob;
  usageJobs: UsageJobs;
  renewals: RenewalJob;
  support: Support;
};

/** Swagger UI 5's injected stylesheet (see the /api/docs CSP below). */
const SWAGGER_UI_STYLE_HASH = "sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=";

/** Largest JSON body we accept. Nothing in the API needs more; huge bodies get 413. */
const BODY_LIMIT_BYTES = 256 * 1024;

export async function buildApp({ config, database, startWorkers = true, clock = systemClock, logStream }: AppDeps): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(config, logStream),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    return503OnClosing: true,
    frameworkErrors: handleFrameworkError,
  });
  // The API speaks JSON only; anything else gets 415 instead of a confusing validation error.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  registerErrorHandling(app);
  registerNulGuard(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        // Helmet's default also allows fonts from any https: origin; the web app ships its own.
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.publicUrl.startsWith("https://") ? [] : null,
      },
    },
    // HSTS only makes sense when we are actually served over HTTPS.
    hsts: config.publicUrl.startsWith("https://"),
  });
  // Rate limits and one-time guards: shared through Redis by every process when REDIS_URL is set.
  const shared: SharedState = config.redis
    ? await createRedisState(config.redis.url, config.redis.keyPrefix, app.log)
    : createMemoryState();
  await app.register(rateLimit, { global: false, ...shared.routeLimitOptions });
  registerCsrfProtection(app, config.publicUrl);
  registerObservability(app, database);

  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "License Portal API", version: "0.1.0" },
      servers: [{ url: config.publicUrl }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    // The API reference stays (it documents the same schemas the server validates with). Swagger
    // UI's pages get its own CSP, only under /api/docs: still no inline or eval'd script, but
    // styles and fonts from https: and the validator badge's image; framing is refused as for
    // the app (test/security/headers.test.ts).
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        // The one <style> block Swagger UI injects at run time, allowed by its hash, not by 'unsafe-inline'
        // (e2e/security-headers.spec.ts fails on any CSP violation if an upgrade changes it).
        .replace("style-src 'self' https:", `style-src 'self' https: '${SWAGGER_UI_STYLE_HASH}'`),
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const auth = createAuth(config, database, app.log, shared.authLimitStorage);
  const accounts = createAccountsService({ database });
  const sessions = createSessionResolver({
    db: database.db,
    secret: config.authSecret,
    secureCookies: config.publicUrl.startsWith("https://"),
    expiresInSeconds: SESSION_EXPIRES_IN_SECONDS,
    updateAgeSeconds: SESSION_UPDATE_AGE_SECONDS,
  });
  const identity = createIdentityService({
    auth,
    database,
    sessions,
    accounts,
    publicUrl: config.publicUrl,
    secret: config.authSecret,
  });
  const access = createAccountAccess({ identity, db: database.db });
  await authBridgeRoutes(app, { auth, database, publicUrl: config.publicUrl, rateLimit: config.authRateLimit, shared });
  await identityRoutes(app, { identity, rateLimit: config.authRateLimit });
  await accountsRoutes(app, { accounts, access, identity });
  await membershipRoutes(app, { membership: createMembershipService({ database, publicUrl: config.publicUrl }), access });
  await invitationsRoutes(app, {
    invitations: createInvitationsService({ database, publicUrl: config.publicUrl, dailyLimit: config.invitationDailyLimit }),
    access,
  });
  await joinRoutes(app, { join: createJoinService({ database }), identity, auth, rateLimit: config.authRateLimit });
  await accountAuditRoutes(app, { access, database });

  const crypto = createLicenseKeyCrypto(config.licenseKeySecret);
  const sealer = createSealer(config.licenseKeySecret);
  const subscriptions = createSubscriptionsService({ database, crypto, clock, rateLimit: config.authRateLimit, shared });
  const keys = createKeysService({ database, crypto, clock, subscriptions });
  await licensingRoutes(app, { access, subscriptions, keys });
  const jobIntervalMs = config.jobIntervalMs ?? undefined;
  const reminders = createReminderJob({
    database,
    clock,
    publicUrl: config.publicUrl,
    logger: app.log,
    intervalMs: jobIntervalMs,
  });
  await operatorRoutes(app, {
    operator: createOperatorService({ database, crypto, sealer, clock, identity, publicUrl: config.publicUrl }),
  });

  const signer = createCertificateSigner(config.licenseKeySecret);
  const checkIns = createCheckInService({ database, signer, crypto, clock, publicUrl: config.publicUrl });
  await farmApiRoutes(app, {
    activation: createActivationService({
      database,
      authSecret: config.authSecret,
      signer,
      crypto,
      clock,
      rateLimit: config.authRateLimit,
      shared,
    }),
    checkIns,
    signer,
    rateLimit: config.authRateLimit,
  });
  await farmsRoutes(app, { access, farms: createFarmsService({ database, clock }) });
  const store = await registerStore(app, { config, database, clock, access, identity, crypto });
  await invoicesRoutes(app, { access, database });
  const { storage } = await registerDownloads(app, { config, database, clock, identity });
  const support = await registerSupport(app, { config, database, clock, access, identity, sealer, storage });
  const renewals = createRenewalJob({
    database,
    clock,
    gateways: store.gateways,
    settlement: store.settlement,
    logger: app.log,
    intervalMs: jobIntervalMs,
  });
  const usageJobs = createUsageJobs({ database, clock, publicUrl: config.publicUrl, logger: app.log, intervalMs: jobIntervalMs });

  const mailer = createMailer(config);
  const outbox = createOutboxWorker({ db: database.db, mailer, pollMs: config.outboxPollMs, logger: app.log, sealer });
  if (mailer.kind === "dev-mailbox") await devMailboxRoutes(app, { db: database.db, sealer });

  const hasWebApp = await registerWebApp(app);
  app.setNotFoundHandler((request, reply) => {
    if (hasWebApp && isSpaNavigation(request.method, request.url, request.headers.accept)) {
      return reply.type("text/html").sendFile("index.html");
    }
    return sendProblem(request, reply, new AppError(404, "NOT_FOUND", "No such route."));
  });

  if (startWorkers) {
    app.addHook("onReady", async () => {
      outbox.start();
      reminders.start();
      usageJobs.start();
      renewals.start();
      support.jobs.start();
    });
  }
  app.addHook("onClose", async () => {
    await support.jobs.stop();
    await renewals.stop();
    await usageJobs.stop();
    await reminders.stop();
    await outbox.stop();
    await shared.close();
  });

  return Object.assign(app, { auth, outbox, reminders, usageJobs, renewals, support }) as App;
}
