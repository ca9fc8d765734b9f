import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedRelease } from "../downloads/downloads-kit.ts";
import { activated } from "../farms/farm-kit.ts";
import { invite, type Person, person } from "../helpers/account-fixtures.ts";
import { changedTables, type Fingerprint, fingerprinter, tableNames } from "../helpers/database-fingerprint.ts";
import { type FuzzContext, fuzzRequest } from "../helpers/fuzz-requests.ts";
import { uniqueEmail } from "../helpers/identity-fixtures.ts";
import { type Operation, operationsOf } from "../helpers/openapi-arbitraries.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { newKey } from "../licensing/licensing-kit.ts";
import { checkout } from "../store/store-kit.ts";
import { openTicket, send, supportAccount, supportOperator, uploadAttachment } from "../support/support-kit.ts";

/**
 * Bad input, generated: every route of the OpenAPI document is called with requests derived
 * from its own schemas (valid ones, then one mutation each: wrong types, missing and extra
 * fields, hostile strings, edge numbers, deep nesting, 10,000-element arrays, malformed JSON,
 * wrong content types, bad path ids, odd headers), as the caller it is meant for: the Account
 * Administrator of an account with data, an operator for /api/operator, a farm credential for
 * /api/farm. Properties: never a 5xx; every 4xx is problem+json with a string `code`; and a
 * refused request changes no row of any table.
 *
 * Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> TEST_DB=<engine> npx vitest run
 * test/platform/bad-input.property.test.ts. FUZZ_RUNS sets the requests per route (10 in CI;
 * 60 runs clean too), and FUZZ_TRACE=<file> appends each request to that file before sending it.
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 10);

type Outcome = { ok: true } | { ok: false; reason: string };

/** The answer's contract for a bad request: no 5xx; a 4xx is problem+json with a string code. */
function judge(response: LightMyRequestResponse): Outcome {
  if (response.statusCode >= 500) return { ok: false, reason: `answered ${response.statusCode}: ${response.body.slice(0, 300)}` };
  if (response.statusCode < 400) return { ok: true };
  const type = String(response.headers["content-type"] ?? "");
  if (!type.startsWith("application/problem+json")) {
    return { ok: false, reason: `${response.statusCode} as ${type || "no content type"}: ${response.body.slice(0, 300)}` };
  }
  let problem: { code?: unknown; status?: unknown };
  try {
    problem = JSON.parse(response.body);
  } catch {
    return { ok: false, reason: `${response.statusCode} problem+json that is not JSON: ${response.body.slice(0, 300)}` };
  }
  if (typeof problem.code !== "string" || problem.status !== response.statusCode) {
    return {
      ok: false,
      reason: `${response.statusCode} problem without a code or with another status: ${response.body.slice(0, 300)}`,
    };
  }
  return { ok: true };
}

/** Reads first, then changes, then deletions, and leaving and deactivating last: they take data away. */
function rank(op: Operation): number {
  if (op.path.endsWith("/leave") || op.path.endsWith("/deactivate")) return 3;
  if (op.method === "DELETE") return 2;
  return op.method === "GET" ? 0 : 1;
}

describe(`bad input, generated from the OpenAPI document (${TEST_ENGINE}, seed ${SEED})`, () => {
  let t: TestApp;
  let storageDir: string;
  let operations: Operation[];
  let context: FuzzContext;
  let fingerprint: () => Promise<Fingerprint>;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), "lp-fuzz-"));
    t = await createTestApp({ AUTH_RATE_LIMIT: "off", STORAGE_DIR: storageDir, INVITATION_DAILY_LIMIT: "1000000" });
    const op = await supportOperator(t);
    const acme = await supportAccount(t, op);
    const outsider: Person = await person(t, "outsider");
    const farm = await activated(t, acme.admin, acme.primaryKey);
    const extraKey = await newKey(t, acme.admin, acme.accountId, acme.subscriptionId, { name: "Division", licenses: 2 });
    const ticket = await openTicket(t, acme.admin, acme.accountId);
    const attachment = await uploadAttachment(t, acme.admin, acme.accountId);
    const watcher = await send(t, acme.admin, "POST", `/api/accounts/${acme.accountId}/support/tickets/${ticket.id}/watchers`, {
      email: uniqueEmail("watcher"),
    });
    const [invitation] = await invite(t, acme.admin, acme.accountId, [uniqueEmail("invitee")]);
    const release = await publishedRelease(t, op, Buffer.from("installer bytes"));
    const order = await checkout(t, acme.admin, acme.accountId, { method: "bank_transfer" }, { quantity: 3 });
    if (watcher.statusCode !== 201 || order.statusCode !== 201 || !invitation?.invitationId) {
      throw new Error(`fixture failed: ${watcher.body} ${order.body} ${JSON.stringify(invitation)}`);
    }
    const watcherId: string = watcher.json().id;

    const document = (await t.app.inject({ url: "/api/openapi.json" })).json();
    operations = operationsOf(document).sort((a, b) => rank(a) - rank(b));
    const cookieOf = (who: { cookie: string }) => ({ origin: TEST_ORIGIN, cookie: who.cookie });
    context = {
      ids: {
        accountId: [acme.accountId],
        userId: [acme.member.userId, acme.member2.userId, acme.admin2.userId],
        invitationId: [invitation.invitationId],
        subscriptionId: [acme.subscriptionId],
        keyId: [acme.keyId, extraKey.id],
        productId: ["ras"],
        farmId: [farm.farmId, acme.farmId],
        orderId: [order.json().id],
        releaseId: [release.id],
        ticketId: [ticket.id],
        attachmentId: [attachment.id],
        watcherId: [watcherId],
        token: [t.app.support.tokens.watchLinkToken(watcherId)],
        gateway: ["test"],
      },
      callerHeaders(operation): Record<string, string> {
        if (operation.path.startsWith("/api/farm/")) return { authorization: `Bearer ${farm.credential}` };
        if (operation.path.startsWith("/api/operator/")) return cookieOf(op);
        if (operation.path.startsWith("/api/store/gateways/") || operation.path.startsWith("/.well-known/")) return {};
        return cookieOf(acme.admin);
      },
      otherCallers: [
        cookieOf(acme.member),
        cookieOf(outsider),
        cookieOf(op),
        cookieOf(acme.admin),
        { authorization: `Bearer ${farm.credential}` },
      ],
    };
    fingerprint = fingerprinter(t, await tableNames(t));
  });

  afterAll(async () => {
    await t?.close();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  /** Sends one request and checks the three properties; the fingerprint before is the one after the previous request. */
  let last: Fingerprint | undefined;
  const answered = { refused: 0, succeeded: 0 };
  async function check(options: InjectOptions, mutation: string): Promise<LightMyRequestResponse> {
    last ??= await fingerprint();
    if (process.env.FUZZ_TRACE)
      appendFileSync(process.env.FUZZ_TRACE, `${options.method} ${String(options.url).slice(0, 150)} [${mutation}]\n`);
    const response = await t.app.inject(options);
    const after = await fingerprint();
    const changed = response.statusCode >= 400 ? changedTables(last, after) : [];
    last = after;
    if (response.statusCode >= 400) answered.refused += 1;
    else answered.succeeded += 1;
    const outcome = judge(response);
    const where = `${options.method} ${String(options.url).slice(0, 200)} [${mutation}]`;
    if (!outcome.ok) throw new Error(`${where}: ${outcome.reason}`);
    if (changed.length > 0) throw new Error(`${where}: refused with ${response.statusCode} but changed ${changed.join(", ")}`);
    return response;
  }

  /** Counterexamples the generator found, kept as fixed cases (each was a 5xx or a non-problem answer). */
  it("keeps answering the counterexamples it found with a 4xx problem or success", async () => {
    const accountId = context.ids.accountId?.[0] ?? "";
    const adminHeaders = context.callerHeaders({ method: "GET", path: "/api/accounts/:accountId", params: [] });
    const farmHeaders = context.callerHeaders({ method: "POST", path: "/api/farm/v1/check-in", params: [] });
    const cases: Array<[string, InjectOptions, number]> = [
      // The router's own errors were Fastify's JSON, not problem+json (now `frameworkErrors`).
      [
        "a path id longer than the router keeps (414)",
        { method: "GET", url: `/api/accounts/${accountId}/subscriptions/${"x".repeat(10_000)}`, headers: adminHeaders },
        414,
      ],
      [
        "a path id that is not valid percent-encoding",
        { method: "GET", url: `/api/accounts/${accountId}/subscriptions/%E0%A4%A`, headers: adminHeaders },
        400,
      ],
      // PostgreSQL text cannot hold NUL: it reached the database and failed with a 500 (now refused up front).
      [
        "NUL in a path id",
        {
          method: "PUT",
          url: "/api/accounts/%00/company",
          headers: { ...adminHeaders, "content-type": "application/json" },
          payload: "{}",
        },
        400,
      ],
      ["NUL in a query", { method: "GET", url: `/api/accounts/${accountId}/users?q=a%00b`, headers: adminHeaders }, 400],
      [
        "NUL in a body",
        {
          method: "PUT",
          url: "/api/me/profile",
          headers: { ...adminHeaders, "content-type": "application/json" },
          payload: JSON.stringify({ firstName: "A\u0000", lastName: "B", locale: "en" }),
        },
        400,
      ],
      // PostgreSQL's `integer` sequence columns overflowed past 2^31 − 1 (now bigint).
      [
        "a check-in sequence past 2^31",
        {
          method: "POST",
          url: "/api/farm/v1/check-in",
          headers: { ...farmHeaders, "content-type": "application/json" },
          payload: JSON.stringify({ sequence: 2 ** 40, currentUsers: 1, peakUsers: 1 }),
        },
        200,
      ],
    ];
    for (const [name, options, status] of cases) expect([name, (await check(options, name)).statusCode]).toEqual([name, status]);
  });

  it("answers every mutated request to every route with a 4xx problem (or success), never 5xx, and a refusal changes nothing", async () => {
    expect(operations.length).toBeGreaterThan(90);
    const failures: string[] = [];
    for (const operation of operations) {
      const result = await fc.check(
        fc.asyncProperty(fuzzRequest(operation, context), async (request) => {
          await check(request.options, request.mutation);
        }),
        { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
      if (result.failed) {
        failures.push(
          `${operation.method} ${operation.path} (seed ${SEED}, path ${result.counterexamplePath}): ${String(result.errorInstance).slice(0, 600)}`,
        );
      }
    }
    expect(failures).toEqual([]);
    // The generator reaches past validation: many requests are refused, and valid ones do succeed.
    expect(answered.refused).toBeGreaterThan(operations.length * 3);
    expect(answered.succeeded).toBeGreaterThan(operations.length / 2);
  }, 120_000);
});
