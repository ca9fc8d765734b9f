import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { isUniqueViolation } from "../../db/constraint-errors.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../server/errors.ts";
import { checkMembership } from "../accounts/account-access.ts";
import { ensurePersonalAccount, findPerson, findPersonalAccountId } from "../accounts/accounts.repo.ts";
import type { LicenseKeyCrypto } from "../licensing/license-key-crypto.ts";
import { insertPrimaryKey } from "../licensing/primary-key.ts";
import { addDays, TRIAL_DAYS } from "../licensing/subscription-status.ts";

/**
 * Concurrent users a trial allows. The guide does not say; Parallels RAS trials are
 * commonly described as 30 days for 50 users, and the number only has to be generous
 * enough to evaluate the product.
 */
export const TRIAL_USERS = 50;

/** The personal account is created on first use (as the account switcher does). */
async function personalAccountOf(db: Kysely<DB>, userId: string, now: Date): Promise<string> {
  const existing = await findPersonalAccountId(db, userId);
  if (existing) return existing;
  const person = await findPerson(db, userId);
  if (!person) throw new AppError(404, "ACCOUNT_NOT_FOUND", "No such account, or you are not a member of it.");
  return db.transaction().execute((trx) => ensurePersonalAccount(trx, person, now));
}

const trialUsed = () =>
  new AppError(
    409,
    "TRIAL_ALREADY_USED",
    "This account has already used its 30-day trial. Activate the farm with a license key.",
  );

type Deps = { db: Kysely<DB>; crypto: LicenseKeyCrypto; now: Date };

/**
 * Activation without a key starts the account's trial: a trial subscription with a
 * Primary Key, created on first use. Once per account (trial_activations' primary
 * key); while the trial runs, more farms may join it, after it ends none may.
 * Only an Account Administrator starts one, as with keys.
 */
export async function startTrial({ db, crypto, now }: Deps, userId: string, requestedAccountId: string | undefined) {
  const accountId = requestedAccountId ?? (await personalAccountOf(db, userId, now));
  await checkMembership(db, accountId, userId, { admin: true });

  const existing = async () => {
    const row = await db
      .selectFrom("trialActivations as t")
      .innerJoin("subscriptions as s", "s.id", "t.subscriptionId")
      .innerJoin("licenseKeys as k", (join) => join.onRef("k.subscriptionId", "=", "s.id").on("k.kind", "=", "primary"))
      .select(["s.id as subscriptionId", "s.expiresAt", "k.id as keyId"])
      .where("t.accountId", "=", accountId)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.expiresAt && row.expiresAt <= now) throw trialUsed();
    return { accountId, subscriptionId: row.subscriptionId, keyId: row.keyId };
  };

  const found = await existing();
  if (found) return found;
  const product = await db.selectFrom("products").select(["id", "name"]).orderBy("createdAt").orderBy("id").executeTakeFirst();
  if (!product) throw new AppError(409, "CONFLICT", "No product is available for a trial.");
  const subscriptionId = randomUUID();
  const displayName = `${product.name} trial`;
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("subscriptions")
        .values({
          id: subscriptionId,
          accountId,
          productId: product.id,
          displayName,
          nameKey: displayName.toLowerCase(),
          licenseType: "trial",
          term: null,
          totalLicenses: TRIAL_USERS,
          supportPlan: "standard",
          salesChannel: "online",
          resellerName: null,
          contactName: null,
          contactEmail: null,
          renewalEnabled: false,
          startsAt: now,
          expiresAt: addDays(now, TRIAL_DAYS),
          maintenanceExpiresAt: addDays(now, TRIAL_DAYS),
          activatedAt: now,
          issuedByUserId: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      await insertPrimaryKey(trx, crypto, { subscriptionId, accountId, now, name: "Trial Key" });
      await trx.insertInto("trialActivations").values({ accountId, subscriptionId, startedAt: now }).execute();
    });
  } catch (error) {
    // Two farms started the trial at once: the other one won, join its trial.
    if (!isUniqueViolation(error)) throw error;
    const raced = await existing();
    if (raced) return raced;
    throw error;
  }
  return (await existing()) ?? { accountId, subscriptionId, keyId: "" };
}
