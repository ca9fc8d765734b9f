import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Attachment, TicketView } from "../../contracts/support.ts";
import { type Clock, manualClock } from "../../src/server/clock.ts";
import { send } from "../downloads/downloads-kit.ts";
import { activated } from "../farms/farm-kit.ts";
import { businessAccount, joinAsAdmin, member, type Person, person, userIdOf } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

/**
 * Helpers shared by the support tests (not a test file itself): an app with its own storage
 * directory and a settable clock, an account with a subscription, its Primary Key and a farm,
 * members of each role, an operator, and calls to open tickets and upload attachments.
 */

export { send };

export type SupportTestApp = TestApp & { storageDir: string; clock: ReturnType<typeof manualClock> };

export async function createSupportApp(
  options: { clock?: ReturnType<typeof manualClock>; env?: Record<string, string> } = {},
): Promise<SupportTestApp> {
  const storageDir = mkdtempSync(join(tmpdir(), "lp-support-"));
  const clock = options.clock ?? manualClock(new Date());
  const t = await createTestApp({ AUTH_RATE_LIMIT: "off", STORAGE_DIR: storageDir, ...options.env }, { clock: clock as Clock });
  return {
    ...t,
    storageDir,
    clock,
    async close() {
      await t.close();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

export type Member = Person & { userId: string };

/** An account as the support tests need it. */
export type SupportAccount = {
  accountId: string;
  /** The Account Administrator who created the account. */
  admin: Member;
  /** A second Account Administrator. */
  admin2: Member;
  /** Regular Members. */
  member: Member;
  member2: Member;
  subscriptionId: string;
  /** The Primary Key's id (and the key itself, for farm activation). */
  keyId: string;
  primaryKey: string;
  farmId: string;
};

/**
 * A business account with a subscription of `plan` (issued straight into it), its Primary
 * Key, one activated farm, and members of each role.
 */
export async function supportAccount(
  t: TestApp,
  op: Person,
  plan: "standard" | "premium" = "standard",
  issueBody: Record<string, unknown> = {},
): Promise<SupportAccount> {
  const adminPerson = await person(t, "admin");
  const accountId = await businessAccount(t, adminPerson);
  const admin = { ...adminPerson, userId: await userIdOf(t, adminPerson.email) };
  const admin2Person = await person(t, "admin2");
  const admin2 = { ...admin2Person, userId: await joinAsAdmin(t, adminPerson, accountId, admin2Person) };
  const regular = await member(t, adminPerson, accountId, "member");
  const regular2 = await member(t, adminPerson, accountId, "member2");
  const issued = await issue(t, op, { accountId, supportPlan: plan, ...issueBody });
  const key = await t.database.db
    .selectFrom("licenseKeys")
    .select("id")
    .where("subscriptionId", "=", issued.id)
    .where("kind", "=", "primary")
    .executeTakeFirstOrThrow();
  const farm = await activated(t, adminPerson, issued.primaryKey);
  return {
    accountId,
    admin,
    admin2,
    member: regular,
    member2: regular2,
    subscriptionId: issued.id,
    keyId: key.id,
    primaryKey: issued.primaryKey,
    farmId: farm.farmId,
  };
}

export async function supportOperator(t: TestApp): Promise<Member> {
  const op = await operator(t);
  return { ...op, userId: await userIdOf(t, op.email) };
}

export const supportUrl = (accountId: string) => `/api/accounts/${accountId}/support`;
export const ticketsUrl = (accountId: string) => `${supportUrl(accountId)}/tickets`;
export const ticketUrl = (accountId: string, ticketId: string) => `${ticketsUrl(accountId)}/${ticketId}`;

/** Opens a ticket (a licensing question without key unless `body` says otherwise), failing loudly. */
export async function openTicket(
  t: TestApp,
  who: Person,
  accountId: string,
  body: Record<string, unknown> = {},
): Promise<TicketView> {
  const response = await send(t, who, "POST", ticketsUrl(accountId), {
    productId: "ras",
    category: "licensing",
    severity: "normal",
    subject: "How do additional keys work?",
    description: "We want one key per site.\nCan we split the licenses?",
    ...body,
  });
  if (response.statusCode !== 201) throw new Error(`open ticket failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** The raw upload request (any status). */
export function uploadRequest(t: TestApp, who: Person | null, accountId: string, bytes: Buffer, fileName = "screenshot.png") {
  return send(t, who, "POST", `${supportUrl(accountId)}/attachments?fileName=${encodeURIComponent(fileName)}`, bytes);
}

/** Uploads an attachment, failing loudly; returns it (unbound until posted). */
export async function uploadAttachment(
  t: TestApp,
  who: Person,
  accountId: string,
  bytes: Buffer = PNG_BYTES,
  fileName = "screenshot.png",
): Promise<Attachment> {
  const response = await uploadRequest(t, who, accountId, bytes, fileName);
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A reply as `who`, any status. */
export function replyRequest(
  t: TestApp,
  who: Person,
  accountId: string,
  ticketId: string,
  body: string,
  attachmentIds: string[] = [],
) {
  return send(t, who, "POST", `${ticketUrl(accountId, ticketId)}/messages`, { body, attachmentIds });
}

/** The smallest PNG (1×1): a real image by its bytes. */
export const PNG_BYTES = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);
export const PDF_BYTES = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
export const ZIP_BYTES = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26)]);

/** The support emails in the outbox, oldest first, with their data. */
export async function supportEmails(t: TestApp, template?: string) {
  let query = t.database.db
    .selectFrom("outbox")
    .select(["recipient", "template", "payloadJson", "locale", "createdAt"])
    .where("template", "like", "support-%");
  if (template) query = query.where("template", "=", template);
  const rows = await query.orderBy("createdAt").execute();
  return rows.map((r) => ({
    to: r.recipient,
    template: r.template,
    locale: r.locale,
    data: (typeof r.payloadJson === "string" ? JSON.parse(r.payloadJson) : r.payloadJson) as Record<string, string>,
  }));
}

/** Empties the outbox (so a test sees only the emails of what it does next). */
export async function clearOutbox(t: TestApp): Promise<void> {
  await t.database.db.deleteFrom("outbox").execute();
}
