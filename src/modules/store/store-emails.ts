import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";
import { insertOutboxEmail, type OutboxEmail } from "../notifications/outbox.repo.ts";

type Executor = Kysely<DB> | Transaction<DB>;
type Recipient = { email: string; name: string; locale: string };

/**
 * Who hears about the store's money: the person who placed an order (order-paid,
 * upgrade-paid, bank-transfer-instructions), and every active Account Administrator of the
 * account for what happens with nobody at the keyboard (renewals). Each email is written to
 * the outbox in the caller's transaction, so it exists exactly when the change does.
 */

export async function findBuyer(executor: Executor, userId: string | null): Promise<Recipient | undefined> {
  if (!userId) return undefined;
  return executor.selectFrom("users").select(["email", "name", "locale"]).where("id", "=", userId).executeTakeFirst();
}

export async function listAccountAdmins(executor: Executor, accountId: string): Promise<Recipient[]> {
  return executor
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.userId")
    .select(["u.email", "u.name", "u.locale"])
    .where("m.accountId", "=", accountId)
    .where("m.role", "=", "admin")
    .where("m.status", "=", "active")
    .orderBy("u.email")
    .execute();
}

export const storeUrls = (publicUrl: string, accountId: string) => ({
  subscription: (subscriptionId: string) => `${publicUrl}/accounts/${accountId}/subscriptions/${subscriptionId}`,
  order: (orderId: string) => `${publicUrl}/accounts/${accountId}/store/orders/${orderId}`,
  paymentMethod: () => `${publicUrl}/accounts/${accountId}/store/payment-method`,
});

/** Amounts travel as digits (minor units); the template formats them in the recipient's language. */
export const amountData = (amount: number, currency: string) => ({ amount: String(amount), currency });

export async function queueStoreEmail(
  executor: Executor,
  to: Recipient | Recipient[] | undefined,
  template: OutboxEmail["template"],
  data: Record<string, string>,
): Promise<void> {
  for (const recipient of [to ?? []].flat()) {
    await insertOutboxEmail(executor, {
      template,
      to: recipient.email,
      locale: recipient.locale,
      data: { name: recipient.name, ...data },
    });
  }
}
