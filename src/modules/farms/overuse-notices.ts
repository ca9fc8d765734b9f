import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";
import { listLicenseRecipients } from "../licensing/licensing.repo.ts";
import { insertOutboxEmails, type OutboxEmail } from "../notifications/outbox.repo.ts";
import { claimOveruseNotice } from "./farms.repo.ts";

type Executor = Kysely<DB> | Transaction<DB>;
export type OveruseNoticeKind = "started" | "grace_ending" | "deactivated" | "back_under";

const TEMPLATES = {
  started: "overuse-started",
  grace_ending: "overuse-grace-ending",
  deactivated: "overuse-deactivated",
  back_under: "overuse-resolved",
} as const;

export type OveruseNotice = {
  episodeId: string;
  kind: OveruseNoticeKind;
  accountId: string;
  keyId: string;
  limit: number;
  inUse: number;
  graceEndsAt: Date | null;
  now: Date;
};

/**
 * Queues one overuse email per recipient, in the caller's transaction, once per
 * (episode, kind): the claim row's primary key makes a second check-in, a retried job
 * or another server process skip it.
 */
export async function queueOveruseNotice(executor: Executor, publicUrl: string, n: OveruseNotice): Promise<number> {
  if (!(await claimOveruseNotice(executor, n.episodeId, n.kind, n.now))) return 0;
  const about = await executor
    .selectFrom("licenseKeys as k")
    .innerJoin("subscriptions as s", "s.id", "k.subscriptionId")
    .innerJoin("products as p", "p.id", "s.productId")
    .select(["k.name as keyName", "s.displayName as subscriptionName", "p.name as productName"])
    .where("k.id", "=", n.keyId)
    .executeTakeFirst();
  if (!about) return 0;
  const people = await listLicenseRecipients(executor, n.accountId, { keyId: n.keyId });
  const url = `${publicUrl}/accounts/${n.accountId}/farms?keyId=${encodeURIComponent(n.keyId)}`;
  const common = { ...about, limit: String(n.limit), inUse: String(n.inUse), url };
  const withGrace = n.kind === "started" || n.kind === "grace_ending";
  const mails = people.map(
    (person): OutboxEmail => ({
      to: person.email,
      locale: person.locale,
      template: TEMPLATES[n.kind],
      data: {
        name: person.name,
        ...common,
        ...(withGrace && n.graceEndsAt ? { graceEndsAt: n.graceEndsAt.toISOString() } : {}),
      },
    }),
  );
  await insertOutboxEmails(executor, mails);
  return mails.length;
}
