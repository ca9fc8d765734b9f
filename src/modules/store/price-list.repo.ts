import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { PriceEntry, PriceList } from "../../../contracts/store.ts";
import type { DB } from "../../db/schema.ts";
import type { Tier } from "./pricing.ts";

type Executor = Kysely<DB> | Transaction<DB>;
type Term = PriceEntry["term"];
type SupportPlan = PriceEntry["supportPlan"];

const SETTINGS_ID = "default";

export async function readStoreSettings(executor: Executor) {
  return executor
    .selectFrom("storeSettings")
    .select(["currency", "defaultTaxRateBp", "defaultTaxName"])
    .where("id", "=", SETTINGS_ID)
    .executeTakeFirstOrThrow();
}

/** The whole price list as operators edit it: settings, tax rates, and prices grouped into entries with sorted tiers. */
export async function readPriceList(executor: Executor): Promise<PriceList> {
  const [settings, taxRates, prices] = await Promise.all([
    readStoreSettings(executor),
    executor.selectFrom("taxRates").select(["country", "rateBp", "name"]).orderBy("country").execute(),
    executor
      .selectFrom("prices")
      .select(["productId", "term", "supportPlan", "minQuantity", "unitAmount"])
      .orderBy("productId")
      .orderBy("term")
      .orderBy("supportPlan")
      .orderBy("minQuantity")
      .execute(),
  ]);
  const entries = new Map<string, PriceEntry>();
  for (const p of prices) {
    const key = `${p.productId}|${p.term}|${p.supportPlan}`;
    const entry = entries.get(key) ?? { productId: p.productId, term: p.term, supportPlan: p.supportPlan, tiers: [] };
    entry.tiers.push({ minQuantity: p.minQuantity, unitAmount: p.unitAmount });
    entries.set(key, entry);
  }
  return {
    currency: settings.currency,
    defaultTax: { rateBp: settings.defaultTaxRateBp, name: settings.defaultTaxName },
    taxRates,
    prices: [...entries.values()],
  };
}

/** Replaces the whole price list; the caller runs it in one transaction with the validation and the audit record. */
export async function replacePriceList(trx: Transaction<DB>, list: PriceList, now: Date): Promise<void> {
  await trx
    .updateTable("storeSettings")
    .set({
      currency: list.currency,
      defaultTaxRateBp: list.defaultTax.rateBp,
      defaultTaxName: list.defaultTax.name,
      updatedAt: now,
    })
    .where("id", "=", SETTINGS_ID)
    .execute();
  await trx.deleteFrom("taxRates").execute();
  if (list.taxRates.length > 0) {
    await trx
      .insertInto("taxRates")
      .values(list.taxRates.map((r) => ({ country: r.country, rateBp: r.rateBp, name: r.name, updatedAt: now })))
      .execute();
  }
  await trx.deleteFrom("prices").execute();
  const rows = list.prices.flatMap((entry) =>
    entry.tiers.map((tier) => ({
      id: randomUUID(),
      productId: entry.productId,
      term: entry.term,
      supportPlan: entry.supportPlan,
      minQuantity: tier.minQuantity,
      unitAmount: tier.unitAmount,
      updatedAt: now,
    })),
  );
  // In slices: PostgreSQL allows 65 535 parameters per statement, and 500 entries × 20 tiers × 7 columns would pass it.
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto("prices")
      .values(rows.slice(i, i + 1000))
      .execute();
}

export async function findTiers(executor: Executor, productId: string, term: Term, supportPlan: SupportPlan): Promise<Tier[]> {
  return executor
    .selectFrom("prices")
    .select(["minQuantity", "unitAmount"])
    .where("productId", "=", productId)
    .where("term", "=", term)
    .where("supportPlan", "=", supportPlan)
    .orderBy("minQuantity")
    .execute();
}

/**
 * The tax the account pays: its Business Profile country's rate, or the default rate for a
 * personal account (no country) and for countries without a rate of their own.
 */
export async function taxFor(executor: Executor, accountId: string): Promise<{ rateBp: number; name: string }> {
  const account = await executor
    .selectFrom("accounts")
    .select(["kind", "country"])
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (account?.kind === "business" && account.country) {
    const rate = await executor
      .selectFrom("taxRates")
      .select(["rateBp", "name"])
      .where("country", "=", account.country)
      .executeTakeFirst();
    if (rate) return rate;
  }
  const settings = await readStoreSettings(executor);
  return { rateBp: settings.defaultTaxRateBp, name: settings.defaultTaxName };
}
