import type { Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type FarmContext, type KeyUsageRow, openEpisode, saveKeyUsage, updateEpisode } from "./farms.repo.ts";
import type { Evaluation } from "./license-state.ts";
import { type OveruseNoticeKind, queueOveruseNotice } from "./overuse-notices.ts";

/** States in which the farm is not serving users: its reports do not count towards overuse. */
const NOT_SERVING = new Set(["deactivated", "suspended", "expired"]);

/**
 * Keeps the key's overuse record in step with a report, in the report's transaction:
 * an episode opens at the first report over the limit and closes at the first one back
 * under; a new grace (licenses were added) starts a new episode. The emails each
 * transition calls for go to the outbox in the same transaction, once per episode.
 */
export async function trackOveruse(
  trx: Transaction<DB>,
  publicUrl: string,
  c: FarmContext,
  before: KeyUsageRow,
  e: Evaluation,
  pooled: number,
  limit: number,
  now: Date,
): Promise<void> {
  if (e.notices.some((n) => NOT_SERVING.has(n.code))) return;
  const notices: OveruseNoticeKind[] = [];
  let episodeId = before.episodeId;
  if (e.keyOver) {
    if (episodeId && e.graceStarted) {
      // Licenses were added but the key is still over: the old episode ends, a new grace begins.
      await updateEpisode(trx, episodeId, { peakUsers: pooled, endedAt: now });
      episodeId = null;
    }
    if (!episodeId) {
      const graceEndsAt = e.grace.endsAt ?? now;
      episodeId = await openEpisode(trx, {
        keyId: c.keyId,
        accountId: c.accountId,
        now,
        graceEndsAt,
        limit,
        peakUsers: pooled,
      });
      if (e.graceStarted) notices.push("started");
    } else {
      await updateEpisode(trx, episodeId, {
        peakUsers: pooled,
        ...(e.state === "overuse_deactivated" ? { deactivatedAt: now } : {}),
      });
    }
    if (e.state === "overuse_deactivated") notices.push("deactivated");
  } else if (episodeId) {
    await updateEpisode(trx, episodeId, { peakUsers: 0, endedAt: now });
    notices.push("back_under");
    // The episode is over: the key's row must stop pointing at it, or the next overuse would reopen it.
    episodeId = null;
  }
  const changed =
    episodeId !== before.episodeId ||
    e.grace.startedAt?.getTime() !== before.startedAt?.getTime() ||
    e.grace.limit !== before.limit;
  if (changed) await saveKeyUsage(trx, c.keyId, { ...e.grace, episodeId }, now);
  const noticeEpisode = episodeId ?? before.episodeId;
  for (const kind of notices) {
    if (!noticeEpisode) continue;
    await queueOveruseNotice(trx, publicUrl, {
      episodeId: noticeEpisode,
      kind,
      accountId: c.accountId,
      keyId: c.keyId,
      limit,
      inUse: pooled,
      graceEndsAt: e.grace.endsAt,
      now,
    });
  }
}
