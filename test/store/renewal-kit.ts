import type { FastifyBaseLogger } from "fastify";
import { createLicenseKeyCrypto } from "../../src/modules/licensing/license-key-crypto.ts";
import { upsertPaymentMethod } from "../../src/modules/store/orders.repo.ts";
import type { ChargeRequest, PaymentGateway, PaymentOutcome } from "../../src/modules/store/payments/gateway.ts";
import type { TestGateway } from "../../src/modules/store/payments/test-gateway.ts";
import { periodEnd } from "../../src/modules/store/pricing.ts";
import { createRenewalJob } from "../../src/modules/store/renewals.ts";
import type { Clock } from "../../src/server/clock.ts";
import type { Person } from "../helpers/account-fixtures.ts";
import { businessAccount, person } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import type { TestApp } from "../helpers/test-app.ts";

/**
 * Helpers of the renewal tests: the built-in test gateway wrapped so a test can count what
 * reached the "provider" (a charge is real once per idempotency key, as at a real provider),
 * renewal jobs standing in for server processes, and saved cards.
 */

export type Provider = {
  gateway: PaymentGateway;
  /** Every charge call, in order. */
  calls: ChargeRequest[];
  /** What the provider actually took: one per idempotency key that succeeded. */
  taken(): number;
  /** Makes the next `n` charges "crash" after reaching the provider (the charge happens; the caller never hears back). */
  crashAfterCharge(n: number): void;
};

export function countingProvider(inner: TestGateway): Provider {
  const calls: ChargeRequest[] = [];
  const outcomes = new Map<string, PaymentOutcome>();
  let crashes = 0;
  const gateway: PaymentGateway = {
    name: inner.name,
    testMode: inner.testMode,
    saveMethod: (token) => inner.saveMethod(token),
    nextActionUrl: (ref) => inner.nextActionUrl(ref),
    verifyEvent: (raw, headers) => inner.verifyEvent(raw, headers),
    async charge(request) {
      calls.push(request);
      // Like a real provider: the same idempotency key answers with the first outcome.
      const outcome = outcomes.get(request.idempotencyKey) ?? (await inner.charge(request));
      outcomes.set(request.idempotencyKey, outcome);
      if (crashes > 0) {
        crashes -= 1;
        throw new Error("process died after the provider took the charge");
      }
      return outcome;
    },
  };
  return {
    gateway,
    calls,
    taken: () => [...outcomes.values()].filter((o) => o.status === "succeeded").length,
    crashAfterCharge(n) {
      crashes = n;
    },
  };
}

/**
 * A renewal job on the app's database: one per simulated server process. `errors` keeps
 * what it logged, so a test sees a failure the job would otherwise only log (a deadlock).
 */
export function renewalJob(t: TestApp, clock: Clock, gateway: PaymentGateway) {
  const errors: string[] = [];
  const job = createRenewalJob({
    database: t.database,
    clock,
    gateways: new Map([[gateway.name, gateway]]),
    logger: {
      info: () => undefined,
      error: (details: unknown, message?: string) => {
        errors.push(`${message}: ${String((details as { err?: unknown }).err)}`);
      },
    } as unknown as Pick<FastifyBaseLogger, "info" | "error">,
    settlement: {
      engine: t.database.engine,
      crypto: createLicenseKeyCrypto(t.config.licenseKeySecret),
      publicUrl: t.config.publicUrl,
      vendor: t.config.store.vendor,
    },
  });
  return Object.assign(job, { errors });
}

export const CARD = { good: "4242424242424242", declined: "4000000000000002", authenticate: "4000002760003184" } as const;

/** Saves a test card as the account's method for auto-renewal (what Payment Options does). */
export async function saveCard(t: TestApp, gateway: TestGateway, accountId: string, number: string, now: Date) {
  const once = gateway.tokenize({ number, expMonth: 12, expYear: 2099 });
  const saved = await gateway.saveMethod(once.token);
  await upsertPaymentMethod(
    t.database.db,
    {
      accountId,
      gateway: gateway.name,
      token: saved.token,
      brand: saved.brand,
      last4: saved.last4,
      expMonth: saved.expMonth,
      expYear: saved.expYear,
    },
    null,
    now,
  );
}

/** An online subscription (as the store sells them) in the account, issued by an operator at the clock's time. */
export async function onlineSubscription(t: TestApp, op: Person, accountId: string, body: Record<string, unknown> = {}) {
  return issue(t, op, { accountId, licenses: 10, term: "1m", salesChannel: "online", ...body });
}

export async function subscriptionRow(t: TestApp, id: string) {
  return t.database.db.selectFrom("subscriptions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

export async function renewalOrders(t: TestApp, subscriptionId: string) {
  return t.database.db
    .selectFrom("orders")
    .selectAll()
    .where("subscriptionId", "=", subscriptionId)
    .where("kind", "=", "renewal")
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
}

export async function attemptRows(t: TestApp, subscriptionId: string) {
  return t.database.db
    .selectFrom("renewalAttempts")
    .selectAll()
    .where("subscriptionId", "=", subscriptionId)
    .orderBy("periodEndsAt")
    .orderBy("attempt")
    .execute();
}

/** The renewal emails to `email`, as "template@retryAt" lines (retryAt only for payment failures), sorted. */
export async function renewalMails(t: TestApp, email: string) {
  const rows = await t.database.db
    .selectFrom("outbox")
    .select(["template", "payloadJson"])
    .where("recipient", "=", email)
    .where("template", "in", ["renewal-succeeded", "renewal-payment-failed", "renewal-ended"])
    .orderBy("createdAt")
    .execute();
  return rows
    .map((r) => (r.template === "renewal-payment-failed" ? `${r.template}@${r.payloadJson.retryAt}` : r.template))
    .sort();
}

/**
 * A new business account with its administrator and an online 1-month subscription bought at
 * `from`: anchored there and expiring at the first anchored period end, as the store's
 * settlement provisions it.
 */
export async function renewalSetUp(
  t: TestApp,
  clock: Clock & { set(at: Date): void },
  testGateway: TestGateway,
  prefix: string,
  from: Date,
  card: string | null = CARD.good,
) {
  clock.set(from);
  const op = await operator(t);
  const admin = await person(t, prefix);
  const accountId = await businessAccount(t, admin);
  const { id } = await onlineSubscription(t, op, accountId);
  const expiresAt = periodEnd(from, "1m", 1);
  await t.database.db
    .updateTable("subscriptions")
    .set({ billingAnchorAt: from, expiresAt, maintenanceExpiresAt: expiresAt })
    .where("id", "=", id)
    .execute();
  if (card) await saveCard(t, testGateway, accountId, card, from);
  return { op, admin, accountId, id, expiresAt };
}

const DAY = 24 * 60 * 60 * 1000;
/** `days` (and `minutes`) after `base`. */
export const at = (base: Date, days: number, minutes = 0) => new Date(base.getTime() + days * DAY + minutes * 60_000);
