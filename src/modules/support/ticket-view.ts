import type { Kysely, Transaction } from "kysely";
import type { Attachment, TicketMessage, TicketSummary, TicketView, Watcher } from "../../../contracts/support.ts";
import type { DB } from "../../db/schema.ts";
import type { SupportTicketsTable } from "../../db/schema-support.ts";
import { subscriptionStatus } from "../licensing/subscription-status.ts";
import { type TicketRow, ticketNotFound } from "./ticket-access.ts";
import { reopenUntil } from "./ticket-thread.ts";
import { selectKeysWithSubscriptions, selectTicketsWithAccountNames } from "./tickets.repo.ts";

type Executor = Kysely<DB> | Transaction<DB>;
const MINUTE_MS = 60_000;

export type Audience = "customer" | "operator";

/** Everything TicketView has except `can` (the caller knows the viewer's rights), plus what operators see. */
export type TicketDetail = Omit<TicketView, "can"> & {
  account: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  /** The subscription of the ticket's key, if any (incidents count against it). */
  subscriptionId: string | null;
};

export type AttachmentRowLike = { id: string; fileName: string; mediaType: string; byteSize: number };

/** An attachment as the API shows it; `urlFor` gives the download address of the audience (customer, operator, watch link). */
export function toAttachment(row: AttachmentRowLike, urlFor: (attachmentId: string) => string): Attachment {
  return { id: row.id, fileName: row.fileName, mediaType: row.mediaType, size: row.byteSize, url: urlFor(row.id) };
}

/** The response target of a ticket at `now`: due time, first response, and whether it was (or is) missed. */
export function responseTarget(
  t: Pick<SupportTicketsTable, "supportPlan" | "responseTargetMinutes" | "createdAt" | "firstResponseAt">,
  now: Date,
) {
  const dueAt = new Date(t.createdAt.getTime() + t.responseTargetMinutes * MINUTE_MS);
  const first = t.firstResponseAt;
  return {
    plan: t.supportPlan,
    targetMinutes: t.responseTargetMinutes,
    dueAt: dueAt.toISOString(),
    firstResponseAt: first?.toISOString() ?? null,
    firstResponseMinutes: first ? Math.floor((first.getTime() - t.createdAt.getTime()) / MINUTE_MS) : null,
    breached: first ? first.getTime() > dueAt.getTime() : now.getTime() > dueAt.getTime(),
  };
}

/** The list row of a ticket; `product` and `createdBy` come from joins (see tickets.repo.ts). */
export function toSummary(
  t: TicketRow & { productCode: string; productName: string; creatorName: string | null; creatorEmail: string | null },
  watching: boolean,
): TicketSummary {
  return {
    id: t.id,
    reference: t.reference,
    subject: t.subject,
    product: { id: t.productId, code: t.productCode, name: t.productName },
    category: t.category,
    severity: t.severity,
    status: t.status,
    createdBy: t.creatorEmail ? { name: t.creatorName ?? t.creatorEmail, email: t.creatorEmail } : null,
    createdAt: t.createdAt.toISOString(),
    lastActivityAt: t.lastActivityAt.toISOString(),
    watching,
  };
}

/**
 * A ticket's thread as `audience` may see it: customers never get internal notes (nor their
 * attachments), and see operators by name only. Attachments of a message go with it.
 */
export async function loadMessages(
  db: Executor,
  ticketId: string,
  audience: Audience,
  urlFor: (attachmentId: string) => string,
): Promise<TicketMessage[]> {
  let query = db
    .selectFrom("supportMessages as m")
    .leftJoin("users as u", "u.id", "m.authorUserId")
    .select([
      "m.id",
      "m.authorKind",
      "m.authorName",
      "m.authorEmail",
      "m.visibility",
      "m.body",
      "m.via",
      "m.createdAt",
      "u.email as userEmail",
    ])
    .where("m.ticketId", "=", ticketId);
  if (audience === "customer") query = query.where("m.visibility", "=", "public");
  const messages = await query.orderBy("m.createdAt").orderBy("m.id").execute();
  const ids = messages.map((m) => m.id);
  const files =
    ids.length === 0
      ? []
      : await db
          .selectFrom("supportAttachments as a")
          .innerJoin("storedFiles as f", "f.id", "a.fileId")
          .select(["a.id", "a.messageId", "a.fileName", "f.mediaType", "f.byteSize"])
          .where("a.messageId", "in", ids)
          .orderBy("a.createdAt")
          .orderBy("a.id")
          .execute();
  return messages.map((m) => ({
    id: m.id,
    authorKind: m.authorKind,
    author: {
      name: m.authorName,
      email: m.authorKind === "operator" && audience === "customer" ? null : (m.authorEmail ?? m.userEmail ?? null),
    },
    visibility: m.visibility,
    body: m.body,
    via: m.via,
    attachments: files.filter((f) => f.messageId === m.id).map((f) => toAttachment(f, urlFor)),
    createdAt: m.createdAt.toISOString(),
  }));
}

export async function loadWatchers(db: Executor, ticketId: string): Promise<Watcher[]> {
  const rows = await db
    .selectFrom("supportWatchers as w")
    .leftJoin("users as u", "u.id", "w.userId")
    .select(["w.id", "w.email", "w.userId", "w.createdAt", "u.name"])
    .where("w.ticketId", "=", ticketId)
    .orderBy("w.createdAt")
    .orderBy("w.id")
    .execute();
  return rows.map((w) => ({
    id: w.id,
    email: w.email,
    name: w.userId ? w.name || w.email : null,
    isMember: w.userId !== null,
    addedAt: w.createdAt.toISOString(),
  }));
}

/**
 * Everything a ticket page shows except `can`: summary, thread (filtered by audience),
 * watchers, the key/farm context as it is now, the response target and the incident.
 * `watching` is whether `viewerUserId` watches it. Not scoped: check visibility first
 * (loadVisibleTicket for members; operators see all).
 */
export async function loadTicketDetail(
  db: Executor,
  ticketId: string,
  audience: Audience,
  viewerUserId: string | null,
  options: { urlFor: (attachmentId: string) => string; now: Date },
): Promise<TicketDetail> {
  const t = await selectTicketsWithAccountNames(db).where("t.id", "=", ticketId).executeTakeFirst();
  if (!t) throw ticketNotFound();

  const [messages, watchers, key, farm, incident] = await Promise.all([
    loadMessages(db, ticketId, audience, options.urlFor),
    loadWatchers(db, ticketId),
    t.licenseKeyId ? selectKeysWithSubscriptions(db).where("k.id", "=", t.licenseKeyId).executeTakeFirst() : undefined,
    t.farmId
      ? db
          .selectFrom("farms")
          .select(["id", "name", "appVersion", "licenseState", "currentUsers", "lastReportAt"])
          .where("id", "=", t.farmId)
          .executeTakeFirst()
      : undefined,
    db.selectFrom("supportIncidents").select(["usedAt", "creditedAt"]).where("ticketId", "=", ticketId).executeTakeFirst(),
  ]);
  const watching = viewerUserId !== null && (await isWatching(db, ticketId, viewerUserId));
  const until = reopenUntil(t);

  return {
    ...toSummary(t, watching),
    messages,
    watchers,
    context: {
      licenseKey: key
        ? {
            id: key.id,
            name: key.name,
            tail: key.keyTail,
            subscription: {
              id: key.subscriptionId,
              name: key.displayName,
              status: subscriptionStatus(key, options.now),
              supportPlan: key.supportPlan,
              maintenanceExpiresAt: key.maintenanceExpiresAt?.toISOString() ?? null,
              expiresAt: key.expiresAt?.toISOString() ?? null,
            },
          }
        : null,
      farm: farm ? { ...farm, lastReportAt: farm.lastReportAt?.toISOString() ?? null } : null,
    },
    response: responseTarget(t, options.now),
    incident: incident ? { usedAt: incident.usedAt.toISOString(), creditedAt: incident.creditedAt?.toISOString() ?? null } : null,
    reopenUntil: until?.toISOString() ?? null,
    account: { id: t.accountId, name: t.companyName ?? t.ownerName ?? "Personal account" },
    assignee: t.assigneeUserId ? { id: t.assigneeUserId, name: t.assigneeName ?? "" } : null,
    subscriptionId: key?.subscriptionId ?? null,
  };
}

export async function isWatching(db: Executor, ticketId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("supportWatchers")
    .select("id")
    .where("ticketId", "=", ticketId)
    .where("userId", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}
