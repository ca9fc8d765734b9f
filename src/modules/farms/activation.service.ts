import { randomBytes, randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { ActivateBody, ActivateResponse } from "../../../contracts/farms.ts";
import { checkKey } from "../../../contracts/license-key-format.ts";
import type { Database } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import type { SharedState } from "../../server/shared-state.ts";
import { checkMembership } from "../accounts/account-access.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { verifyPassword } from "../identity/password-hasher.ts";
import { verifyTotpCode } from "../identity/totp-check.ts";
import { CODE_LIFETIME_MS, TotpReplayGuard } from "../identity/totp-replay-guard.ts";
import type { LicenseKeyCrypto } from "../licensing/license-key-crypto.ts";
import { findKeyByHash, findSubscription } from "../licensing/licensing.repo.ts";
import { scopeFor } from "../licensing/licensing-scope.ts";
import type { CertificateSigner } from "./certificates.ts";
import { credentialHash } from "./check-in.service.ts";
import { readKeyState } from "./check-in.statements.ts";
import { evaluateFarm, farmAnswer } from "./farm-license.ts";
import { ensureKeyUsage, findFarmContext, termsOf } from "./farms.repo.ts";
import { evaluate } from "./license-state.ts";
import { startTrial } from "./trials.ts";

const invalidLogin = () => new AppError(401, "INVALID_LOGIN_OR_PASSWORD", "Invalid login or password.");
const keyNotFound = () =>
  new AppError(404, "LICENSE_KEY_NOT_FOUND", "This license key is not registered to an account you belong to.");
const notAllowed = () =>
  new AppError(
    403,
    "ACTIVATION_NOT_ALLOWED",
    "Only an Account Administrator of the account that holds this key, or the key's License Administrator, can activate a farm with it.",
  );

/** Failed activations per email address before a pause: the farm API must not be a password oracle. */
const FAILURES_PER_EMAIL = 10;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

type Deps = {
  database: Database;
  /** Decrypts the authenticator secrets Better Auth stores. */
  authSecret: string;
  signer: CertificateSigner;
  crypto: LicenseKeyCrypto;
  clock: Clock;
  rateLimit: boolean;
  /** Where failures and used codes are kept (in memory, or shared by every process). */
  shared: Pick<SharedState, "failureLimiter" | "expiringMap">;
};

/**
 * Activation: a farm's console sends the person's email and password, the license key
 * (none for a trial) and the farm's identity. Who may activate: an Account
 * Administrator of the account that holds the key, or a License Administrator of the
 * key (or of its subscription's Primary Key). A blocked or removed member may not.
 *
 * Activating the same farm id with the same key again (a reinstall, a lost credential)
 * reuses the farm's row and replaces its credential, so the farm keeps its history
 * and the old credential stops working.
 */
export function createActivationService({ database, authSecret, signer, crypto, clock, rateLimit, shared }: Deps) {
  const { db } = database;
  const now = () => clock.now().getTime();
  const failures = shared.failureLimiter("farm-activation", FAILURES_PER_EMAIL, FAILURE_WINDOW_MS, now);
  const usedCodes = new TotpReplayGuard(shared.expiringMap("totp-activation", CODE_LIFETIME_MS, "fail-closed", now));

  /**
   * A person who turned on two-step verification needs their code here too: a farm
   * console must not be the way around it.
   */
  async function checkSecondFactor(userId: string, otp: string | undefined, limiterKey: string): Promise<void> {
    if (!otp) {
      throw new AppError(
        401,
        "SECOND_FACTOR_REQUIRED",
        "This account uses two-step verification: send the current code from the authenticator app as `otp`.",
      );
    }
    const valid = !(await usedCodes.wasUsed(userId, otp)) && (await verifyTotpCode(db, authSecret, userId, otp));
    if (!valid) {
      await failures.recordFailure(limiterKey);
      throw new AppError(
        401,
        "INVALID_SECOND_FACTOR",
        "This code from the authenticator app is not valid, or was used already. Wait for the next one.",
      );
    }
    await usedCodes.markUsed(userId, otp);
  }

  async function authenticate(email: string, password: string, otp: string | undefined): Promise<string> {
    const limiterKey = email.toLowerCase();
    const wait = rateLimit ? await failures.retryAfterSeconds(limiterKey) : 0;
    if (wait > 0) {
      throw new AppError(429, "RATE_LIMITED", "Too many failed activations for this email address. Try again later.", {
        retryAfterSeconds: wait,
      });
    }
    const row = await db
      .selectFrom("users as u")
      .innerJoin("authAccounts as a", (join) => join.onRef("a.userId", "=", "u.id").on("a.providerId", "=", "credential"))
      .select(["u.id", "a.password", "u.twoFactorEnabled"])
      .where("u.email", "=", email.toLowerCase())
      .executeTakeFirst();
    const ok = row?.password ? await verifyPassword({ hash: row.password, password }) : false;
    if (!row || !ok) {
      await failures.recordFailure(limiterKey);
      throw invalidLogin();
    }
    if (row.twoFactorEnabled) await checkSecondFactor(row.id, otp, limiterKey);
    return row.id;
  }

  /** The key's subscription, after checking that this person may activate with it. */
  async function keyFor(userId: string, typedKey: string) {
    const checked = checkKey(typedKey);
    if (!checked.ok) {
      throw new AppError(400, "LICENSE_KEY_INVALID", "This is not a valid license key. Check it for typing mistakes.");
    }
    const key = await findKeyByHash(db, crypto.hash(checked.key));
    if (!key) throw keyNotFound();
    const subscription = await findSubscription(db, key.subscriptionId);
    if (!subscription?.accountId) {
      throw new AppError(
        409,
        "LICENSE_KEY_NOT_REGISTERED",
        "Register this license key to your account in the portal before activating a farm with it.",
      );
    }
    const actor = await checkMembership(db, subscription.accountId, userId, {}).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "ACCOUNT_NOT_FOUND") throw keyNotFound();
      throw error;
    });
    const scope = await scopeFor(db, { ...actor, sessionId: "" });
    if (!scope.canManageKey(subscription.id, key.id)) throw notAllowed();
    return { accountId: subscription.accountId, subscriptionId: subscription.id, keyId: key.id };
  }

  async function upsertFarm(
    trx: Transaction<DB>,
    target: { accountId: string; subscriptionId: string; keyId: string },
    body: ActivateBody,
    userId: string,
    credential: string,
    now: Date,
  ): Promise<string> {
    const existing = await trx
      .selectFrom("farms")
      .select(["id", "status"])
      .where("keyId", "=", target.keyId)
      .where("farmUid", "=", body.farmId)
      .executeTakeFirst();
    const fields = {
      serverId: body.serverId,
      appVersion: body.appVersion,
      status: "active" as const,
      licenseState: "active" as const,
      credentialHash: credentialHash(credential),
      lastSequence: 0,
      activatedByUserId: userId,
      deactivatedAt: null,
      deactivatedByUserId: null,
      updatedAt: now,
    };
    // The same farm moving to another key: its old activation stops counting.
    await trx
      .updateTable("farms")
      .set({ status: "deactivated", licenseState: "deactivated", deactivatedAt: now, updatedAt: now })
      .where("accountId", "=", target.accountId)
      .where("farmUid", "=", body.farmId)
      .where("keyId", "!=", target.keyId)
      .where("status", "=", "active")
      .execute();
    if (existing) {
      // A reinstall keeps the farm's name (it may have been renamed in the portal) and, if it was active, its activation date.
      await trx
        .updateTable("farms")
        .set({ ...fields, ...(existing.status === "deactivated" ? { activatedAt: now, currentUsers: 0 } : {}) })
        .where("id", "=", existing.id)
        .execute();
      return existing.id;
    }
    const id = randomUUID();
    await trx
      .insertInto("farms")
      .values({
        id,
        ...target,
        ...fields,
        farmUid: body.farmId,
        name: body.farmName,
        nameKey: body.farmName.toLowerCase(),
        activatedAt: now,
        createdAt: now,
      })
      .execute();
    return id;
  }

  return {
    async activate(body: ActivateBody, client: ClientInfo): Promise<ActivateResponse> {
      const userId = await authenticate(body.email, body.password, body.otp);
      const now = clock.now();
      const target = body.key ? await keyFor(userId, body.key) : await startTrial({ db, crypto, now }, userId, body.accountId);

      const credential = `lpf_${randomBytes(32).toString("base64url")}`;
      const farmId = await db.transaction().execute(async (trx) => {
        const id = await upsertFarm(trx, target, body, userId, credential, now);
        await ensureKeyUsage(trx, target.keyId, now);
        // A key that no longer works is refused at activation (a running farm is told at check-in).
        const c = await findFarmContext(trx, id);
        const state =
          c &&
          evaluate({
            now,
            farmDeactivated: false,
            terms: termsOf(c),
            usage: { pooledUsers: 0, farmUsers: 0, anyFarmOverCap: false },
            grace: { startedAt: null, endsAt: null, limit: null },
          }).state;
        if (state === "expired" || state === "suspended") {
          throw new AppError(
            409,
            state === "expired" ? "LICENSE_EXPIRED" : "LICENSE_SUSPENDED",
            state === "expired"
              ? "This license has expired. Renew the subscription before activating a farm."
              : "This license has been suspended. Contact the vendor's support.",
          );
        }
        await insertAuditEvent(trx, {
          action: "farm.activated",
          outcome: "success",
          actorUserId: userId,
          accountId: target.accountId,
          targetType: "farm",
          targetId: id,
          ipAddress: client.ipAddress,
          userAgent: client.userAgent,
          metadata: { farmName: body.farmName, farmUid: body.farmId, serverId: body.serverId, keyId: target.keyId },
        });
        return id;
      });

      const c = await findFarmContext(db, farmId);
      if (!c) throw new Error(`farm ${farmId} vanished during activation`);
      const { evaluation, pooled } = evaluateFarm(c, 0, await readKeyState(database, c, now), now);
      const answer = await farmAnswer({ signer, crypto }, c, evaluation, {
        inUse: pooled,
        now,
        sequence: 0,
        replayed: false,
      });
      return { ...answer, farmCredential: credential };
    },
  };
}

export type ActivationService = ReturnType<typeof createActivationService>;
