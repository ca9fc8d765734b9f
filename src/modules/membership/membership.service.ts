import type { MemberDetails, RosterEntry, RosterPage, RosterQuery, UpdateMemberBody } from "../../../contracts/accounts.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import { AppError } from "../../server/errors.ts";
import { type AccountActor, accountNotFound, checkMembership } from "../accounts/account-access.ts";
import {
  countActiveAdmins,
  deleteMembership,
  findAccount,
  findMembership,
  findPerson,
  lockAccount,
} from "../accounts/accounts.repo.ts";
import { lastAdmin } from "../accounts/accounts.service.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { listAdministeredKeys } from "../licensing/licensing.repo.ts";
import { insertOutboxEmail } from "../notifications/outbox.repo.ts";
import { insertRoleChange, listRoleChanges } from "./role-history.repo.ts";
import { listRoster, type RosterFilter } from "./roster.repo.ts";

const memberNotFound = () => new AppError(404, "MEMBER_NOT_FOUND", "This person is not a member of the account.");

const ROLE_LABEL = { member: "Regular Member", admin: "Account Administrator" } as const;

export function createMembershipService({ database, publicUrl }: { database: Database; publicUrl: string }) {
  const { db, engine } = database;

  /** The names of the keys each listed member administers (License Administrator rights). */
  async function withLicenseKeys(accountId: string, items: RosterEntry[]): Promise<RosterEntry[]> {
    const memberIds = items.filter((i) => i.kind === "member").map((i) => i.id);
    const grants = await listAdministeredKeys(db, accountId, memberIds);
    if (grants.length === 0) return items;
    return items.map((i) =>
      i.kind === "member" ? { ...i, licenseKeys: grants.filter((g) => g.userId === i.id).map((g) => g.name) } : i,
    );
  }

  async function loadMember(accountId: string, userId: string): Promise<MemberDetails> {
    const membership = await findMembership(db, accountId, userId);
    if (!membership) throw memberNotFound();
    return {
      userId,
      name: membership.displayName,
      email: membership.email,
      role: membership.role,
      status: membership.status,
      joinedAt: membership.joinedAt.toISOString(),
      licenseKeys: (await listAdministeredKeys(db, accountId, [userId])).map((k) => k.name),
      roleHistory: await listRoleChanges(db, accountId, userId),
    };
  }

  return {
    loadMember,

    async listUsers(actor: AccountActor, query: RosterQuery): Promise<RosterPage> {
      const { limit, cursor, ...filter } = query;
      const page = await listRoster(db, engine, actor.accountId, filter, { limit, cursor });
      return { ...page, items: await withLicenseKeys(actor.accountId, page.items) };
    },

    /** Every row of the filtered list, page by page, for the CSV export. */
    async *iterateUsers(actor: AccountActor, filter: RosterFilter) {
      let cursor: string | undefined;
      do {
        const page = await listRoster(db, engine, actor.accountId, filter, { limit: 1000, cursor });
        yield* await withLicenseKeys(actor.accountId, page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },

    /**
     * The user's dialog Save: role (with the note), and Block / Unblock / Remove. All of
     * it happens in one transaction under the account lock, which also re-checks that
     * the actor is still an active administrator and that at least one active
     * administrator remains afterwards.
     */
    async updateMember(
      actor: AccountActor,
      userId: string,
      body: UpdateMemberBody,
      client: ClientInfo,
    ): Promise<MemberDetails | null> {
      const note = body.note ? body.note : null;
      await db.transaction().execute(async (trx) => {
        if (!(await lockAccount(trx, engine, actor.accountId))) throw accountNotFound();
        await checkMembership(trx, actor.accountId, actor.userId, { admin: true, business: true });
        const target = await findMembership(trx, actor.accountId, userId);
        if (!target) throw memberNotFound();
        // The invariant first: the sole administrator is told to make someone else an administrator,
        // not to use Leave (which would refuse them too).
        const staysActiveAdmin = body.status === "active" && body.role === "admin";
        if (target.role === "admin" && target.status === "active" && !staysActiveAdmin) {
          if ((await countActiveAdmins(trx, actor.accountId)) <= 1) {
            throw lastAdmin(
              "Every business account needs at least one active Account Administrator. Make someone else an Account Administrator first.",
            );
          }
        }
        if (userId === actor.userId && body.status !== "active") {
          throw new AppError(
            409,
            "SELF_CHANGE_REFUSED",
            body.status === "removed" ? "To remove yourself, use Leave This Business Account." : "You cannot block yourself.",
          );
        }

        const now = new Date();
        const account = await findAccount(trx, actor.accountId);
        const person = await findPerson(trx, userId);
        const accountName = account?.companyName ?? "";
        const audit = (action: string, metadata: Record<string, unknown>) =>
          insertAuditEvent(trx, {
            action,
            outcome: "success",
            actorUserId: actor.userId,
            accountId: actor.accountId,
            targetType: "user",
            targetId: userId,
            ...client,
            metadata: { email: target.email, name: target.displayName, ...metadata },
          });
        const mail = (template: "membership-blocked" | "membership-restored" | "membership-removed", url?: string) =>
          insertOutboxEmail(trx, {
            template,
            to: target.email,
            locale: person?.locale ?? "en",
            data: { name: target.displayName, accountName, ...(url ? { url } : {}) },
          });

        if (body.status === "removed") {
          await deleteMembership(trx, actor.accountId, userId);
          await audit("member.removed", { role: target.role, note });
          await mail("membership-removed");
          return;
        }
        if (body.role !== target.role) {
          await trx
            .updateTable("memberships")
            .set({ role: body.role, updatedAt: now })
            .where("accountId", "=", actor.accountId)
            .where("userId", "=", userId)
            .execute();
          await insertRoleChange(trx, {
            accountId: actor.accountId,
            userId,
            fromRole: target.role,
            toRole: body.role,
            note,
            changedByUserId: actor.userId,
            now,
          });
          await audit("member.role_changed", {
            fromRole: target.role,
            toRole: body.role,
            note,
            summary: `${ROLE_LABEL[target.role]} → ${ROLE_LABEL[body.role]}`,
          });
        }
        if (body.status !== target.status) {
          await trx
            .updateTable("memberships")
            .set({ status: body.status, updatedAt: now })
            .where("accountId", "=", actor.accountId)
            .where("userId", "=", userId)
            .execute();
          if (body.status === "blocked") {
            await audit("member.blocked", { note });
            await mail("membership-blocked");
          } else {
            await audit("member.unblocked", { note });
            await mail("membership-restored", `${publicUrl}/accounts/${actor.accountId}`);
          }
        }
      });
      return body.status === "removed" ? null : loadMember(actor.accountId, userId);
    },
  };
}

export type MembershipService = ReturnType<typeof createMembershipService>;
