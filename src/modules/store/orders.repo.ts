import type { Insertable, Kysely, Transaction, Updateable } from "kysely";
import type { DB, OrderLinesTable, OrderStatus, OrdersTable, PaymentStatus, PaymentsTable } from "../../db/schema.ts";
import { decodeTimeCursor, encodeTimeCursor } from "../../db/time-cursor.ts";

type Executor = Kysely<DB> | Transaction<DB>;
export type Engine = "sqlite" | "postgres";
export type OrderRow = OrdersTable;
export type NewOrder = Insertable<OrdersTable>;
export type NewOrderLine = Omit<OrderLinesTable, "orderId" | "position">;
export type NewPayment = Omit<Insertable<PaymentsTable>, "orderId">;

/** The order, its lines and its first payment, in the caller's transaction. */
export async function insertOrder(trx: Transaction<DB>, order: NewOrder, lines: NewOrderLine[], payment: NewPayment) {
  await trx.insertInto("orders").values(order).execute();
  await trx
    .insertInto("orderLines")
    .values(lines.map((line, index) => ({ ...line, orderId: order.id, position: index + 1 })))
    .execute();
  await trx
    .insertInto("payments")
    .values({ ...payment, orderId: order.id })
    .execute();
}

export async function findOrderByIdempotencyKey(executor: Executor, accountId: string, idempotencyKey: string) {
  return executor
    .selectFrom("orders")
    .select(["id", "requestHash", "status"])
    .where("accountId", "=", accountId)
    .where("idempotencyKey", "=", idempotencyKey)
    .executeTakeFirst();
}

/** Tenant-scoped when `accountId` is given (customers); operators pass null. */
export async function findOrder(executor: Executor, accountId: string | null, orderId: string): Promise<OrderRow | undefined> {
  let query = executor.selectFrom("orders").selectAll().where("id", "=", orderId);
  if (accountId !== null) query = query.where("accountId", "=", accountId);
  return query.executeTakeFirst();
}

/** Serializes changes to one order (FOR UPDATE on PostgreSQL; SQLite's writer is already exclusive). */
export async function lockOrder(trx: Transaction<DB>, engine: Engine, orderId: string): Promise<OrderRow | undefined> {
  const query = trx.selectFrom("orders").selectAll().where("id", "=", orderId);
  return (engine === "postgres" ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Moves an order from one of `from` to a new state, and says whether it did. This
 * conditional update is what makes settlement happen once: of two concurrent attempts
 * (a webhook and its replay, an operator's double click) only one changes the row.
 */
export async function transitionOrder(
  executor: Executor,
  orderId: string,
  from: readonly OrderStatus[],
  changes: Updateable<OrdersTable>,
): Promise<boolean> {
  const result = await executor
    .updateTable("orders")
    .set(changes)
    .where("id", "=", orderId)
    .where("status", "in", [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updatePayment(
  executor: Executor,
  paymentId: string,
  from: readonly PaymentStatus[],
  changes: Updateable<PaymentsTable>,
): Promise<boolean> {
  const result = await executor
    .updateTable("payments")
    .set(changes)
    .where("id", "=", paymentId)
    .where("status", "in", [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listOrderLines(executor: Executor, orderId: string) {
  return executor
    .selectFrom("orderLines")
    .select(["description", "quantity", "unitAmount", "amount", "periodStartsAt", "periodEndsAt"])
    .where("orderId", "=", orderId)
    .orderBy("position")
    .execute();
}

export async function listPayments(executor: Executor, orderId: string) {
  return executor.selectFrom("payments").selectAll().where("orderId", "=", orderId).orderBy("createdAt").orderBy("id").execute();
}

export async function findPaymentByRef(executor: Executor, gateway: string, gatewayRef: string) {
  return executor
    .selectFrom("payments")
    .selectAll()
    .where("gateway", "=", gateway)
    .where("gatewayRef", "=", gatewayRef)
    .executeTakeFirst();
}

// ---- Keyset pages, newest first, over orders_account_created_idx / orders_status_created_idx ----

export type OrderPageFilter = {
  /** Null for the operators' list of every account's orders. */
  accountId: string | null;
  status?: OrderStatus;
  subscriptionId?: string;
  limit: number;
  cursor?: string;
};

export async function listOrderPage(executor: Executor, filter: OrderPageFilter) {
  const cursor = decodeTimeCursor(filter.cursor);
  let query = executor.selectFrom("orders").selectAll();
  if (filter.accountId !== null) query = query.where("accountId", "=", filter.accountId);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.subscriptionId) query = query.where("subscriptionId", "=", filter.subscriptionId);
  if (cursor) {
    const at = new Date(cursor.at);
    query = query.where((eb) => eb.or([eb("createdAt", "<", at), eb.and([eb("createdAt", "=", at), eb("id", "<", cursor.id)])]));
  }
  const rows = await query
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit + 1)
    .execute();
  const items = rows.slice(0, filter.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeTimeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

// ---- The saved payment method (one per account) ----

export async function findPaymentMethod(executor: Executor, accountId: string) {
  return executor.selectFrom("paymentMethods").selectAll().where("accountId", "=", accountId).executeTakeFirst();
}

export async function upsertPaymentMethod(
  executor: Executor,
  method: { accountId: string; gateway: string; token: string; brand: string; last4: string; expMonth: number; expYear: number },
  savedByUserId: string | null,
  now: Date,
) {
  const values = { ...method, savedByUserId, updatedAt: now };
  await executor
    .insertInto("paymentMethods")
    .values({ ...values, createdAt: now })
    .onConflict((oc) => oc.column("accountId").doUpdateSet(values))
    .execute();
}

export async function deletePaymentMethod(executor: Executor, accountId: string): Promise<boolean> {
  const result = await executor.deleteFrom("paymentMethods").where("accountId", "=", accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
