import type { Kysely, Selectable, Transaction } from "kysely";
import type { SupportPlanInfo, TicketSeverity } from "../../../contracts/support.ts";
import type { Engine } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";
import type { SupportPlanCode, SupportPlansTable } from "../../db/schema-support.ts";
import { AppError } from "../../server/errors.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { lockSubscription } from "../licensing/licensing.repo.ts";
import { subscriptionStatus } from "../licensing/subscription-status.ts";

type Executor = Kysely<DB> | Transaction<DB>;
type PlanRow = Selectable<SupportPlansTable>;

/** A ticket without a key gets Standard's targets. */
export const DEFAULT_PLAN: SupportPlanCode = "standard";

export async function listPlans(db: Executor): Promise<PlanRow[]> {
  return db.selectFrom("supportPlans").selectAll().orderBy("code", "desc").execute();
}

export async function findPlan(db: Executor, code: SupportPlanCode): Promise<PlanRow> {
  return db.selectFrom("supportPlans").selectAll().where("code", "=", code).executeTakeFirstOrThrow();
}

export function toPlanInfo(p: PlanRow): SupportPlanInfo {
  return {
    code: p.code,
    name: p.name,
    incidentsPerYear: p.incidentsPerYear,
    responseMinutes: {
      critical: p.criticalResponseMinutes,
      high: p.highResponseMinutes,
      normal: p.normalResponseMinutes,
      low: p.lowResponseMinutes,
    },
  };
}

/** The plan's response target for a severity, in minutes of calendar time. */
export function targetMinutes(plan: PlanRow, severity: TicketSeverity): number {
  return toPlanInfo(plan).responseMinutes[severity];
}

/**
 * The start of the subscription year `now` falls in: `startsAt` advanced by whole years to
 * the last anniversary at or before `now` (calendar years, as Date counts them).
 */
export function subscriptionYearStart(startsAt: Date, now: Date): Date {
  let start = new Date(startsAt);
  for (let years = 1; ; years++) {
    const next = new Date(startsAt);
    next.setUTCFullYear(startsAt.getUTCFullYear() + years);
    if (next.getTime() > now.getTime()) return start;
    start = next;
  }
}

type SupportSubscription = {
  expiresAt: Date | null;
  suspendedAt: Date | null;
  canceledAt: Date | null;
  maintenanceExpiresAt: Date | null;
};

/** Technical support needs the subscription neither expired nor suspended, and maintenance (if it ends) not over. */
export function isSupportActive(s: SupportSubscription, now: Date): boolean {
  const status = subscriptionStatus(s, now);
  if (status === "expired" || status === "suspended") return false;
  return s.maintenanceExpiresAt === null || s.maintenanceExpiresAt.getTime() > now.getTime();
}

/** Technical incidents left in the subscription's current year; null = unlimited. */
export async function incidentsLeft(db: Executor, subscriptionId: string, now: Date): Promise<number | null> {
  const sub = await db
    .selectFrom("subscriptions as s")
    .innerJoin("supportPlans as p", "p.code", "s.supportPlan")
    .select(["s.startsAt", "p.incidentsPerYear"])
    .where("s.id", "=", subscriptionId)
    .executeTakeFirst();
  if (!sub || sub.incidentsPerYear === null) return null;
  const used = await db
    .selectFrom("supportIncidents")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("subscriptionId", "=", subscriptionId)
    .where("periodStart", "=", subscriptionYearStart(sub.startsAt, now))
    .where("creditedAt", "is", null)
    .executeTakeFirstOrThrow();
  return Math.max(0, sub.incidentsPerYear - Number(used.n));
}

/**
 * Uses one incident of the subscription's year for a technical ticket (no-op on an unlimited
 * plan). Locks the subscription first, so two tickets racing for the last incident queue
 * and the second sees none left (409 NO_INCIDENTS_LEFT, and its ticket is not created).
 */
export async function consumeIncident(
  trx: Transaction<DB>,
  engine: Engine,
  input: { ticketId: string; subscriptionId: string; now: Date },
): Promise<boolean> {
  await lockSubscription(trx, engine, input.subscriptionId);
  const left = await incidentsLeft(trx, input.subscriptionId, input.now);
  if (left === null) return false;
  if (left <= 0) {
    throw new AppError(
      409,
      "NO_INCIDENTS_LEFT",
      "This subscription has used all technical support incidents of its current year. Contact sales to add more.",
    );
  }
  const sub = await trx
    .selectFrom("subscriptions")
    .select("startsAt")
    .where("id", "=", input.subscriptionId)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("supportIncidents")
    .values({
      ticketId: input.ticketId,
      subscriptionId: input.subscriptionId,
      periodStart: subscriptionYearStart(sub.startsAt, input.now),
      usedAt: input.now,
      creditedAt: null,
      creditedByUserId: null,
      creditReason: null,
    })
    .execute();
  return true;
}

/**
 * An operator gives a ticket's incident back (e.g. the problem was a bug). Audited as
 * `support.incident_credited` in the same transaction; 409 NO_INCIDENT_TO_CREDIT when the
 * ticket used none or it was already credited.
 */
export async function creditIncident(
  trx: Transaction<DB>,
  ticketId: string,
  operatorUserId: string,
  reason: string,
  now: Date,
): Promise<void> {
  const result = await trx
    .updateTable("supportIncidents")
    .set({ creditedAt: now, creditedByUserId: operatorUserId, creditReason: reason })
    .where("ticketId", "=", ticketId)
    .where("creditedAt", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    throw new AppError(409, "NO_INCIDENT_TO_CREDIT", "This ticket has no incident to credit back.");
  }
  const ticket = await trx
    .selectFrom("supportTickets")
    .select(["accountId", "reference"])
    .where("id", "=", ticketId)
    .executeTakeFirstOrThrow();
  await insertAuditEvent(trx, {
    action: "support.incident_credited",
    outcome: "success",
    actorUserId: operatorUserId,
    accountId: ticket.accountId,
    targetType: "support_ticket",
    targetId: ticketId,
    metadata: { name: ticket.reference, reference: ticket.reference, reason },
  });
}
