import type { AccountDetails, AccountSummary, CompanyInfo, CompanyView } from "../../../contracts/accounts.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import { AppError } from "../../server/errors.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { insertRoleChange } from "../membership/role-history.repo.ts";
import { type AccountActor, accountNotFound, checkMembership } from "./account-access.ts";
import {
  type AccountRow,
  countActiveAdmins,
  deleteMembership,
  ensurePersonalAccount,
  findAccount,
  findMembership,
  findPerson,
  findPersonalAccountId,
  insertBusinessAccount,
  insertMembership,
  listActiveAdmins,
  listMembershipsOfUser,
  lockAccount,
  updateCompany,
} from "./accounts.repo.ts";

export const lastAdmin = (message: string) => new AppError(409, "LAST_ADMIN", message);

const COMPANY_FIELDS = [
  "companyName",
  "country",
  "postcode",
  "businessPhone",
  "addressLine1",
  "addressLine2",
  "city",
  "vatId",
  "website",
] as const satisfies ReadonlyArray<keyof CompanyView>;

function companyOf(account: AccountRow): CompanyView | null {
  if (account.kind !== "business") return null;
  return {
    companyName: account.companyName ?? "",
    country: account.country ?? "",
    postcode: account.postcode ?? "",
    businessPhone: account.businessPhone ?? "",
    addressLine1: account.addressLine1,
    addressLine2: account.addressLine2,
    city: account.city,
    vatId: account.vatId,
    website: account.website,
  };
}

export function createAccountsService({ database }: { database: Database }) {
  const { db, engine } = database;

  async function loadDetails(accountId: string, userId: string): Promise<AccountDetails> {
    const [account, membership, admins] = await Promise.all([
      findAccount(db, accountId),
      findMembership(db, accountId, userId),
      listActiveAdmins(db, accountId),
    ]);
    if (!account || !membership) throw accountNotFound();
    return {
      id: account.id,
      kind: account.kind,
      name: account.kind === "business" ? (account.companyName ?? "") : membership.displayName,
      company: companyOf(account),
      membership: { role: membership.role, status: membership.status, joinedAt: membership.joinedAt.toISOString() },
      admins: admins.map((a) => ({ userId: a.id, name: a.name, email: a.email })),
      createdAt: account.createdAt.toISOString(),
    };
  }

  /** Creates the business account with `userId` as its first Account Administrator, inside the caller's transaction. */
  async function createBusinessAccountIn(
    trx: Parameters<typeof insertBusinessAccount>[0],
    userId: string,
    company: CompanyInfo,
    client: ClientInfo,
    now = new Date(),
  ): Promise<string> {
    const person = await findPerson(trx, userId);
    if (!person) throw new AppError(401, "UNAUTHENTICATED", "Sign in to continue.");
    const accountId = await insertBusinessAccount(trx, { company, createdByUserId: userId, now });
    await insertMembership(trx, { accountId, person, role: "admin", now });
    await insertRoleChange(trx, { accountId, userId, fromRole: null, toRole: "admin", note: null, changedByUserId: userId, now });
    await insertAuditEvent(trx, {
      action: "account.created",
      outcome: "success",
      actorUserId: userId,
      accountId,
      targetType: "account",
      targetId: accountId,
      ...client,
      metadata: { companyName: company.companyName },
    });
    return accountId;
  }

  return {
    loadDetails,
    createBusinessAccountIn,

    /** The account switcher: the personal account (created on first use) and every business membership. */
    async listAccounts(userId: string): Promise<AccountSummary[]> {
      const person = await findPerson(db, userId);
      if (!person) return [];
      if (!(await findPersonalAccountId(db, userId))) {
        await db.transaction().execute((trx) => ensurePersonalAccount(trx, person));
      }
      const rows = await listMembershipsOfUser(db, userId);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        name: r.kind === "business" ? (r.companyName ?? "") : person.name,
        role: r.role,
        status: r.status,
        joinedAt: r.joinedAt.toISOString(),
      }));
    },

    async createBusinessAccount(userId: string, company: CompanyInfo, client: ClientInfo): Promise<AccountDetails> {
      const accountId = await db.transaction().execute((trx) => createBusinessAccountIn(trx, userId, company, client));
      return loadDetails(accountId, userId);
    },

    async updateCompany(actor: AccountActor, company: CompanyInfo, client: ClientInfo): Promise<AccountDetails> {
      await db.transaction().execute(async (trx) => {
        if (!(await lockAccount(trx, engine, actor.accountId))) throw accountNotFound();
        // Re-check inside the lock: the actor may have been demoted since the route checked.
        await checkMembership(trx, actor.accountId, actor.userId, { admin: true, business: true });
        const before = await findAccount(trx, actor.accountId);
        const now = new Date();
        await updateCompany(trx, actor.accountId, company, now);
        const changed = COMPANY_FIELDS.filter((field) => (before?.[field] ?? null) !== (company[field] ?? null));
        await insertAuditEvent(trx, {
          action: "account.company_updated",
          outcome: "success",
          actorUserId: actor.userId,
          accountId: actor.accountId,
          targetType: "account",
          targetId: actor.accountId,
          ...client,
          metadata: {
            changes: Object.fromEntries(changed.map((f) => [f, { from: before?.[f] ?? null, to: company[f] ?? null }])),
          },
        });
      });
      return loadDetails(actor.accountId, actor.userId);
    },

    /** Leave This Business Account. The last active Account Administrator may not leave. */
    async leave(actor: AccountActor, client: ClientInfo): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await lockAccount(trx, engine, actor.accountId))) throw accountNotFound();
        const me = await checkMembership(trx, actor.accountId, actor.userId, { business: true });
        if (me.role === "admin" && (await countActiveAdmins(trx, actor.accountId)) <= 1) {
          throw lastAdmin(
            "You are the only Account Administrator. Make someone else an Account Administrator before you leave this business account.",
          );
        }
        const membership = await findMembership(trx, actor.accountId, actor.userId);
        await deleteMembership(trx, actor.accountId, actor.userId);
        await insertAuditEvent(trx, {
          action: "member.left",
          outcome: "success",
          actorUserId: actor.userId,
          accountId: actor.accountId,
          targetType: "user",
          targetId: actor.userId,
          ...client,
          metadata: { email: membership?.email ?? null, name: membership?.displayName ?? null, role: me.role },
        });
      });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
