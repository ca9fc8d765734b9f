import { randomInt, randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { CreateTicketBody, TicketListQuery, TicketOptions, TicketPage, TicketView } from "../../../contracts/support.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import type { AccountActor } from "../accounts/account-access.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { type AttachmentFileRow, findTicketAttachment } from "./attachments.repo.ts";
import type { SavedAttachment, SupportAttachments } from "./attachments.ts";
import { emailTicketOpened, type SupportEmailDeps } from "./support-emails.ts";
import {
  consumeIncident,
  DEFAULT_PLAN,
  findPlan,
  incidentsLeft,
  isSupportActive,
  listPlans,
  targetMinutes,
  toPlanInfo,
} from "./support-plans.ts";
import { loadVisibleTicket, type TicketRow } from "./ticket-access.ts";
import { isOpenToCustomers, reopenUntil, type TicketThread } from "./ticket-thread.ts";
import { loadTicketDetail, toSummary } from "./ticket-view.ts";
import { accountKeysAndFarms, findAccountFarm, findAccountKey, insertTicket, listTickets } from "./tickets.repo.ts";

type Deps = { database: Database; clock: Clock; thread: TicketThread; emails: SupportEmailDeps };
export type TicketsService = ReturnType<typeof createTicketsService>;

const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/** "SR-7KQ2MX4P": random, so a reference says nothing about how many tickets there are. */
export const newTicketReference = () =>
  `SR-${Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join("")}`;

const fieldError = (field: string, message: string) =>
  new AppError(400, "VALIDATION_FAILED", message, { errors: [{ field, message }] });
const keyNotFound = () => new AppError(404, "LICENSE_KEY_NOT_FOUND", "No such license key in this account.");
const farmNotFound = () => new AppError(404, "FARM_NOT_FOUND", "No such farm in this account.");
const supportNotActive = () =>
  new AppError(
    409,
    "SUPPORT_NOT_ACTIVE",
    "Technical support for this license key has ended (the subscription or its maintenance has expired). Licensing and purchase questions are still welcome.",
  );
const attachmentNotFound = () => new AppError(404, "ATTACHMENT_NOT_FOUND", "No such attachment on this ticket.");

/** The customer side of support: members of the account open, read and answer their tickets. */
export function createTicketsService({ database, clock, thread, emails }: Deps) {
  const { db, engine } = database;

  const urlFor = (accountId: string, ticketId: string) => (attachmentId: string) =>
    `/api/accounts/${accountId}/support/tickets/${ticketId}/attachments/${attachmentId}`;

  async function authorName(userId: string): Promise<string> {
    const user = await db.selectFrom("users").select(["name", "email"]).where("id", "=", userId).executeTakeFirstOrThrow();
    return user.name.trim() || user.email;
  }

  /** The ticket as the member sees it, with what they may do there. */
  async function view(actor: AccountActor, ticket: TicketRow): Promise<TicketView> {
    const now = clock.now();
    const detail = await loadTicketDetail(db, ticket.id, "customer", actor.userId, {
      urlFor: urlFor(actor.accountId, ticket.id),
      now,
    });
    const { account: _account, assignee: _assignee, subscriptionId: _subscription, ...rest } = detail;
    const open = isOpenToCustomers(ticket, now);
    return {
      ...rest,
      can: {
        reply: open,
        manageWatchers: actor.role === "admin" || ticket.createdByUserId === actor.userId,
        resolve: ticket.status !== "resolved" && ticket.status !== "closed",
        reopen: ticket.status === "resolved" && open && reopenUntil(ticket) !== null,
      },
    };
  }

  return {
    async options(actor: AccountActor): Promise<TicketOptions> {
      const now = clock.now();
      const [products, plans, { keys, farms }] = await Promise.all([
        db.selectFrom("products").select(["id", "code", "name"]).orderBy("name").execute(),
        listPlans(db),
        accountKeysAndFarms(db, actor.accountId),
      ]);
      const left = new Map<string, number | null>();
      for (const k of keys)
        if (!left.has(k.subscriptionId)) left.set(k.subscriptionId, await incidentsLeft(db, k.subscriptionId, now));
      return {
        products,
        licenseKeys: keys.map((k) => ({
          id: k.id,
          name: k.name,
          tail: k.keyTail,
          productId: k.productId,
          subscriptionId: k.subscriptionId,
          subscriptionName: k.displayName,
          supportPlan: k.supportPlan,
          incidentsLeft: left.get(k.subscriptionId) ?? null,
          supportActive: isSupportActive(k, now),
        })),
        farms: farms.map((f) => ({ id: f.id, name: f.name, licenseKeyId: f.keyId, appVersion: f.appVersion })),
        plans: plans.map(toPlanInfo),
      };
    },

    async list(actor: AccountActor, query: TicketListQuery): Promise<TicketPage> {
      const page = await listTickets(
        db,
        { accountId: actor.accountId, userId: actor.userId, isAdmin: actor.role === "admin" },
        query,
      );
      return { items: page.items.map((t) => toSummary(t, t.watching)), nextCursor: page.nextCursor };
    },

    /**
     * Opens a ticket with its description as the first message. A technical ticket about a
     * key needs active support and, on a limited plan, uses one incident of the key's
     * subscription year, in the same transaction (so a refused incident leaves no ticket).
     * The creator gets an email copy with the ticket's reply address, written in that transaction too.
     */
    async create(actor: AccountActor, body: CreateTicketBody, client: ClientInfo): Promise<TicketView> {
      const now = clock.now();
      const product = await db.selectFrom("products").select("id").where("id", "=", body.productId).executeTakeFirst();
      if (!product) throw fieldError("productId", "No such product.");
      const farm = body.farmId ? await findAccountFarm(db, actor.accountId, body.farmId) : null;
      if (body.farmId && !farm) throw farmNotFound();
      if (farm && body.licenseKeyId && farm.keyId !== body.licenseKeyId) {
        throw fieldError("farmId", "This farm is activated with another license key.");
      }
      // A farm names its key: a ticket about a farm is about that key (and its plan and incidents).
      const keyId = body.licenseKeyId ?? farm?.keyId ?? null;
      const key = keyId ? await findAccountKey(db, actor.accountId, keyId) : null;
      if (keyId && !key) throw keyNotFound();
      if (key && key.productId !== body.productId) throw fieldError("licenseKeyId", "This license key is for another product.");
      if (key && body.category === "technical" && !isSupportActive(key, now)) throw supportNotActive();

      const plan = await findPlan(db, key?.supportPlan ?? DEFAULT_PLAN);
      const name = await authorName(actor.userId);
      const id = randomUUID();
      const reference = newTicketReference();
      await db.transaction().execute(async (trx) => {
        const ticket: TicketRow = {
          id,
          accountId: actor.accountId,
          reference,
          productId: body.productId,
          category: body.category,
          severity: body.severity,
          subject: body.subject,
          status: "new",
          licenseKeyId: key?.id ?? null,
          farmId: farm?.id ?? null,
          supportPlan: key?.supportPlan ?? null,
          responseTargetMinutes: targetMinutes(plan, body.severity),
          createdByUserId: actor.userId,
          assigneeUserId: null,
          firstResponseAt: null,
          resolvedAt: null,
          closedAt: null,
          lastActivityAt: now,
          createdAt: now,
          updatedAt: now,
        };
        await insertTicket(trx, ticket);
        const usedIncident =
          key && body.category === "technical"
            ? await consumeIncident(trx, engine, { ticketId: id, subscriptionId: key.subscriptionId, now })
            : false;
        await thread.post(trx, {
          ticketId: id,
          author: { kind: "customer", userId: actor.userId, name },
          body: body.description,
          visibility: "public",
          via: "portal",
          attachmentIds: body.attachmentIds,
        });
        await emailTicketOpened(trx, emails, ticket);
        const audit = { outcome: "success" as const, actorUserId: actor.userId, accountId: actor.accountId, ...client };
        await insertAuditEvent(trx, {
          ...audit,
          action: "support.ticket_opened",
          targetType: "support_ticket",
          targetId: id,
          // `name` is what the account's audit log shows as the target (as other modules name theirs).
          metadata: {
            name: reference,
            reference,
            category: body.category,
            severity: body.severity,
            productId: body.productId,
            licenseKeyId: key?.id ?? null,
          },
        });
        if (usedIncident && key) {
          await insertAuditEvent(trx, {
            ...audit,
            action: "support.incident_used",
            targetType: "subscription",
            targetId: key.subscriptionId,
            metadata: { name: key.displayName, ticketId: id, reference },
          });
        }
      });
      return view(actor, await loadVisibleTicket(db, actor, id));
    },

    async get(actor: AccountActor, ticketId: string): Promise<TicketView> {
      return view(actor, await loadVisibleTicket(db, actor, ticketId));
    },

    async reply(actor: AccountActor, ticketId: string, body: { body: string; attachmentIds: string[] }): Promise<TicketView> {
      await loadVisibleTicket(db, actor, ticketId);
      const name = await authorName(actor.userId);
      await db.transaction().execute((trx) =>
        thread.post(trx, {
          ticketId,
          author: { kind: "customer", userId: actor.userId, name },
          body: body.body,
          visibility: "public",
          via: "portal",
          attachmentIds: body.attachmentIds,
        }),
      );
      return view(actor, await loadVisibleTicket(db, actor, ticketId));
    },

    /** Resolve an open ticket, or reopen a resolved one within its window (the thread checks both). */
    async setStatus(actor: AccountActor, ticketId: string, status: "resolved" | "in_progress"): Promise<TicketView> {
      await loadVisibleTicket(db, actor, ticketId);
      const name = await authorName(actor.userId);
      await db
        .transaction()
        .execute((trx) => thread.setStatus(trx, ticketId, status, { kind: "customer", userId: actor.userId, name }));
      return view(actor, await loadVisibleTicket(db, actor, ticketId));
    },

    async upload(
      actor: AccountActor,
      fileName: string,
      body: Readable,
      attachments: Pick<SupportAttachments, "save">,
    ): Promise<SavedAttachment> {
      return attachments.save({ accountId: actor.accountId, fileName, body, uploader: { userId: actor.userId } });
    },

    /** A public message's attachment on a ticket the member may see. */
    async attachmentFile(actor: AccountActor, ticketId: string, attachmentId: string): Promise<AttachmentFileRow> {
      await loadVisibleTicket(db, actor, ticketId);
      const row = await findTicketAttachment(db, ticketId, attachmentId, { publicOnly: true });
      if (!row) throw attachmentNotFound();
      return row;
    },
  };
}
