import { randomUUID } from "node:crypto";
import type { IssueSubscriptionBody, OperatorActionBody, OperatorSubscriptionView } from "../../../contracts/licensing.ts";
import type { Database } from "../../db/database.ts";
import { containsText } from "../../db/like.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { findAccount } from "../accounts/accounts.repo.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import { insertOutboxEmail } from "../notifications/outbox.repo.ts";
import type { Sealer } from "../notifications/sealed-fields.ts";
import type { LicenseKeyCrypto } from "./license-key-crypto.ts";
import {
  findSubscription,
  listOperatorSubscriptions,
  lockSubscription,
  reservedLicenses,
  type SubscriptionRow,
} from "./licensing.repo.ts";
import { insertPrimaryKey } from "./primary-key.ts";
import { addDays, addTerm, subscriptionStatus, TRIAL_DAYS } from "./subscription-status.ts";
import { termWords } from "./term-words.ts";

type Deps = {
  database: Database;
  crypto: LicenseKeyCrypto;
  sealer: Sealer;
  clock: Clock;
  identity: Pick<IdentityService, "requireSession" | "requireOperator">;
  publicUrl: string;
};

const notFound = () => new AppError(404, "SUBSCRIPTION_NOT_FOUND", "No such subscription.");

/**
 * The operator console: vendor staff issue and manage subscriptions. Every route checks
 * `users.is_operator` on the server; every change is audited with the operator as actor.
 */
export function createOperatorService({ database, crypto, sealer, clock, identity, publicUrl }: Deps) {
  const { db, engine } = database;

  async function toView(s: SubscriptionRow, primaryKey: string | null = null): Promise<OperatorSubscriptionView> {
    const [account, reserved] = await Promise.all([
      s.accountId ? findAccount(db, s.accountId) : undefined,
      reservedLicenses(db, s.id),
    ]);
    const owner =
      account?.kind === "personal" && account.ownerUserId
        ? await db.selectFrom("users").select("name").where("id", "=", account.ownerUserId).executeTakeFirst()
        : undefined;
    return {
      id: s.id,
      accountId: s.accountId,
      accountName: account ? (account.companyName ?? owner?.name ?? null) : null,
      displayName: s.displayName,
      product: { id: s.productId, code: s.productCode, name: s.productName },
      licenseType: s.licenseType,
      term: s.term,
      status: subscriptionStatus(s, clock.now()),
      canceled: s.canceledAt !== null,
      totalLicenses: s.totalLicenses,
      reservedInAdditionalKeys: reserved,
      startsAt: s.startsAt.toISOString(),
      expiresAt: s.expiresAt?.toISOString() ?? null,
      maintenanceExpiresAt: s.maintenanceExpiresAt?.toISOString() ?? null,
      supportPlan: s.supportPlan,
      contract: {
        salesChannel: s.salesChannel,
        resellerName: s.resellerName,
        contactName: s.contactName,
        contactEmail: s.contactEmail,
      },
      primaryKey,
    };
  }

  async function load(subscriptionId: string) {
    const s = await findSubscription(db, subscriptionId);
    if (!s) throw notFound();
    return s;
  }

  return {
    requireOperator: identity.requireOperator,

    async products() {
      return { products: await db.selectFrom("products").select(["id", "code", "name"]).orderBy("name").execute() };
    },

    async createProduct(operatorId: string, body: { code: string; name: string }, client: ClientInfo) {
      const exists = await db.selectFrom("products").select("id").where("code", "=", body.code).executeTakeFirst();
      if (exists) {
        throw new AppError(409, "CONFLICT", "A product with this code exists.", {
          errors: [{ field: "code", message: "Choose another code." }],
        });
      }
      const id = body.code;
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("products").values({ id, code: body.code, name: body.name, createdAt: clock.now() }).execute();
        await insertAuditEvent(trx, {
          action: "operator.product_created",
          outcome: "success",
          actorUserId: operatorId,
          targetType: "product",
          targetId: id,
          ...client,
          metadata: body,
        });
      });
      return { id, code: body.code, name: body.name };
    },

    async renameProduct(operatorId: string, productId: string, name: string, client: ClientInfo) {
      const product = await db
        .selectFrom("products")
        .select(["id", "code", "name"])
        .where("id", "=", productId)
        .executeTakeFirst();
      if (!product) throw new AppError(404, "NOT_FOUND", "No such product.");
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("products").set({ name }).where("id", "=", productId).execute();
        await insertAuditEvent(trx, {
          action: "operator.product_renamed",
          outcome: "success",
          actorUserId: operatorId,
          targetType: "product",
          targetId: productId,
          ...client,
          metadata: { from: product.name, to: name },
        });
      });
      return { ...product, name };
    },

    async search(q: string) {
      const accounts = await db
        .selectFrom("accounts")
        .select(["id", "kind", "companyName", "ownerUserId"])
        .where((eb) => containsText(eb.fn<string>("lower", ["companyName"]), q))
        .limit(20)
        .execute();
      const people = await db
        .selectFrom("users as u")
        .leftJoin("accounts as a", "a.ownerUserId", "u.id")
        .select(["u.id", "u.name", "u.email", "a.id as personalAccountId"])
        .where((eb) => eb.or([containsText(eb.ref("u.email"), q), containsText(eb.fn<string>("lower", ["u.name"]), q)]))
        .limit(20)
        .execute();
      const adminRows =
        accounts.length === 0
          ? []
          : await db
              .selectFrom("memberships")
              .select(["accountId", "email"])
              .where(
                "accountId",
                "in",
                accounts.map((a) => a.id),
              )
              .where("role", "=", "admin")
              .where("status", "=", "active")
              .execute();
      return {
        accounts: accounts.map((a) => ({
          id: a.id,
          kind: a.kind,
          name: a.companyName ?? "Personal account",
          admins: adminRows.filter((r) => r.accountId === a.id).map((r) => r.email),
        })),
        people: people.map((p) => ({
          userId: p.id,
          name: p.name,
          email: p.email,
          personalAccountId: p.personalAccountId ?? null,
        })),
      };
    },

    async list(accountId: string | null) {
      const rows = await listOperatorSubscriptions(db, accountId, 200);
      return { items: await Promise.all(rows.map((s) => toView(s))) };
    },

    async get(subscriptionId: string) {
      return toView(await load(subscriptionId));
    },

    /**
     * Issue a subscription with its Primary Key: straight into an account, or as a
     * registration key emailed to the purchaser (outbox, same transaction). The key is
     * returned once, in this answer; afterwards only its hash and ciphertext exist.
     */
    async issue(operatorId: string, body: IssueSubscriptionBody, client: ClientInfo): Promise<OperatorSubscriptionView> {
      const now = clock.now();
      const product = await db.selectFrom("products").select(["id", "name"]).where("id", "=", body.productId).executeTakeFirst();
      if (!product)
        throw new AppError(400, "VALIDATION_FAILED", "No such product.", {
          errors: [{ field: "productId", message: "Choose a product." }],
        });
      if (body.accountId && !(await findAccount(db, body.accountId))) {
        throw new AppError(400, "VALIDATION_FAILED", "No such account.", {
          errors: [{ field: "accountId", message: "Choose an account." }],
        });
      }
      const expiresAt =
        body.licenseType === "permanent"
          ? null
          : body.licenseType === "trial"
            ? addDays(now, TRIAL_DAYS)
            : body.term
              ? addTerm(now, body.term)
              : addTerm(now, "1y");
      const maintenanceExpiresAt =
        body.licenseType === "permanent"
          ? new Date(new Date(now).setUTCMonth(now.getUTCMonth() + (body.maintenanceMonths ?? 12)))
          : expiresAt;
      const id = randomUUID();
      let key = "";
      const displayName = `${product.name} (${body.licenses} users)`;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("subscriptions")
          .values({
            id,
            accountId: body.accountId,
            productId: product.id,
            displayName,
            nameKey: displayName.toLowerCase(),
            licenseType: body.licenseType,
            term: body.licenseType === "subscription" ? body.term : null,
            totalLicenses: body.licenses,
            supportPlan: body.supportPlan,
            salesChannel: body.salesChannel,
            resellerName: body.resellerName,
            contactName: body.contactName,
            contactEmail: body.contactEmail,
            renewalEnabled: body.salesChannel === "online",
            startsAt: now,
            expiresAt,
            maintenanceExpiresAt,
            activatedAt: body.accountId ? now : null,
            issuedByUserId: operatorId,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        key = await insertPrimaryKey(trx, crypto, { subscriptionId: id, accountId: body.accountId, now });
        if (body.purchaserEmail) {
          await insertOutboxEmail(trx, {
            template: "registration-key",
            to: body.purchaserEmail,
            locale: body.locale,
            data: {
              productName: product.name,
              licenses: String(body.licenses),
              term: termWords(body.locale, body.licenseType, body.term),
              url: `${publicUrl}/`,
              // Sealed: the outbox row must not hold a working key in clear.
              key: sealer.seal(key),
            },
          });
        }
        await insertAuditEvent(trx, {
          action: "operator.subscription_issued",
          outcome: "success",
          actorUserId: operatorId,
          accountId: body.accountId,
          targetType: "subscription",
          targetId: id,
          ...client,
          metadata: { ...body, purchaserEmail: body.purchaserEmail },
        });
      });
      return toView(await load(id), key);
    },

    async act(operatorId: string, subscriptionId: string, action: OperatorActionBody, client: ClientInfo) {
      await db.transaction().execute(async (trx) => {
        if (!(await lockSubscription(trx, engine, subscriptionId))) throw notFound();
        const s = await findSubscription(trx, subscriptionId);
        if (!s) throw notFound();
        const now = clock.now();
        let changes: Record<string, unknown>;
        switch (action.action) {
          case "renew": {
            // From the current expiry when still running, else from today; maintenance & support follows.
            const from = s.expiresAt && s.expiresAt > now ? s.expiresAt : now;
            const expiresAt = addTerm(from, action.term);
            changes = { expiresAt, maintenanceExpiresAt: expiresAt, term: action.term, canceledAt: null };
            if (s.licenseType === "permanent") {
              const base = s.maintenanceExpiresAt && s.maintenanceExpiresAt > now ? s.maintenanceExpiresAt : now;
              changes = { maintenanceExpiresAt: addTerm(base, action.term) };
            }
            break;
          }
          case "extend": {
            const expiresAt = new Date(action.expiresAt);
            // A permanent license never gets an expiry: extending it moves maintenance & support.
            const permanent = s.licenseType === "permanent";
            const current = permanent ? s.maintenanceExpiresAt : s.expiresAt;
            if (current && expiresAt <= current) {
              throw new AppError(400, "VALIDATION_FAILED", "Extending needs a date after the current expiry.", {
                errors: [{ field: "expiresAt", message: "Choose a later date." }],
              });
            }
            changes = permanent
              ? { maintenanceExpiresAt: expiresAt }
              : { expiresAt, maintenanceExpiresAt: expiresAt, canceledAt: null };
            break;
          }
          case "set_licenses": {
            const reserved = await reservedLicenses(trx, s.id);
            if (action.licenses < reserved) {
              throw new AppError(
                409,
                "LICENSES_BELOW_RESERVED",
                `Additional keys reserve ${reserved} licenses; the total cannot go below that. Reduce or delete those keys first.`,
                { errors: [{ field: "licenses", message: `At least ${reserved}.` }] },
              );
            }
            changes = { totalLicenses: action.licenses };
            break;
          }
          case "suspend":
            changes = { suspendedAt: now };
            break;
          case "reinstate":
            changes = { suspendedAt: null };
            break;
          case "cancel":
            changes = { canceledAt: now, renewalEnabled: false };
            break;
        }
        await trx
          .updateTable("subscriptions")
          .set({ ...changes, updatedAt: now })
          .where("id", "=", s.id)
          .execute();
        await insertAuditEvent(trx, {
          action: `operator.subscription_${action.action}`,
          outcome: "success",
          actorUserId: operatorId,
          accountId: s.accountId,
          targetType: "subscription",
          targetId: s.id,
          ...client,
          metadata: { ...action, name: s.displayName },
        });
      });
      return toView(await load(subscriptionId));
    },
  };
}

export type OperatorService = ReturnType<typeof createOperatorService>;
