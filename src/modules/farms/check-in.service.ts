import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import type { CheckInBody, FarmLicenseResponse } from "../../../contracts/farms.ts";
import type { Database } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import type { LicenseKeyCrypto } from "../licensing/license-key-crypto.ts";
import type { CertificateSigner } from "./certificates.ts";
import { checkInStatements, readKeyState } from "./check-in.statements.ts";
import { evaluateFarm, farmAnswer } from "./farm-license.ts";
import { deactivateFarms, type FarmContext, findFarmContextByCredential } from "./farms.repo.ts";
import type { Evaluation } from "./license-state.ts";
import { trackOveruse } from "./overuse-tracking.ts";
import { createReportWriter } from "./report-writer.ts";

type PendingReport = { hash: string; body: CheckInBody; now: Date };
/** What happened to a report: its farm is unknown; it was not applied (a repeat, an older one, a deactivated farm); or it was recorded. */
type ReportOutcome =
  | { kind: "unknown" }
  | { kind: "not-applied"; c: FarmContext }
  | { kind: "recorded"; c: FarmContext; evaluation: Evaluation; pooled: number };

export const credentialHash = (credential: string) => createHash("sha256").update(credential, "utf8").digest("base64url");

const invalidCredential = () =>
  new AppError(401, "FARM_CREDENTIAL_INVALID", "This farm credential is not valid. Activate the farm again.");

type Deps = { database: Database; signer: CertificateSigner; crypto: LicenseKeyCrypto; clock: Clock; publicUrl: string };

/**
 * Check-ins: every 20 minutes a farm reports its concurrent users and gets back the
 * license state and a fresh certificate.
 *
 * Exactly-once counting: each report carries a sequence number that must grow. The
 * farm row is updated only `where last_sequence < :sequence`, so a retried report (the
 * answer was lost) or a replayed one is never counted twice; a repeat of the last report
 * gets the current answer again, an older one 409. Check-ins of one key's farms take
 * turns on the key's usage row (see check-in.statements.ts), which makes the pooled count exact at
 * the grace boundary however many farms report at once.
 */
export function createCheckInService({ database, signer, crypto, clock, publicUrl }: Deps) {
  const { db, engine } = database;
  const answer = (c: FarmContext, e: Evaluation, x: { inUse: number; now: Date; sequence: number; replayed: boolean }) =>
    farmAnswer({ signer, crypto }, c, e, x);

  /** The answer without recording anything: for repeats and for deactivated farms. */
  async function currentAnswer(c: FarmContext, now: Date, replayed: boolean): Promise<FarmLicenseResponse> {
    const counts = c.status === "active" ? c.currentUsers : 0;
    const { evaluation, pooled } = evaluateFarm(c, counts, await readKeyState(database, c, now), now, c.status === "deactivated");
    return answer(c, evaluation, { inUse: pooled, now, sequence: c.lastSequence, replayed });
  }

  /** One report, inside the writer's transaction. */
  async function applyReport(trx: Transaction<DB>, { hash, body, now }: PendingReport): Promise<ReportOutcome> {
    const q = checkInStatements(database, trx);
    // Read in the report's transaction: on SQLite that is the writer, whose page cache stays warm (the reader's is reset by every commit).
    const c = await q.findContext(hash);
    if (!c) return { kind: "unknown" };
    if (body.sequence <= c.lastSequence || c.status === "deactivated") return { kind: "not-applied", c };
    const state = await q.keyState(c, now);
    const { evaluation, pooled, terms } = evaluateFarm(c, body.currentUsers, state, now);
    const report = {
      farmId: c.farmId,
      sequence: body.sequence,
      currentUsers: body.currentUsers,
      peakUsers: body.peakUsers,
      ...(body.appVersion ? { appVersion: body.appVersion } : {}),
      licenseState: evaluation.state,
      now,
    };
    if (!(await q.recordReport(report))) {
      // PostgreSQL: another request with this sequence (or a deactivation) committed since we read the farm.
      const fresh = await q.findContext(hash);
      return fresh ? { kind: "not-applied", c: fresh } : { kind: "unknown" };
    }
    const raw = { ...report, keyId: c.keyId, pooledUsers: pooled, licensed: terms.limit };
    await q.insertRawReport(raw);
    await trackOveruse(trx, publicUrl, c, state.grace, evaluation, pooled, terms.limit, now);
    return { kind: "recorded", c, evaluation, pooled };
  }
  const writer = createReportWriter(db, engine, applyReport);

  return {
    async checkIn(credential: string, body: CheckInBody): Promise<FarmLicenseResponse> {
      const now = clock.now();
      const outcome = await writer.write({ hash: credentialHash(credential), body, now });
      if (outcome.kind === "unknown") throw invalidCredential();
      const { c } = outcome;
      if (outcome.kind === "recorded") {
        return answer(c, outcome.evaluation, { inUse: outcome.pooled, now, sequence: body.sequence, replayed: false });
      }
      if (c.status === "deactivated" && body.sequence > c.lastSequence) return currentAnswer(c, now, false);
      const repeat =
        body.sequence === c.lastSequence && body.currentUsers === c.currentUsers && body.peakUsers === c.lastPeakUsers;
      if (repeat) return currentAnswer(c, now, true);
      throw new AppError(
        409,
        "REPORT_OUT_OF_ORDER",
        `This report's sequence number (${body.sequence}) is not after the last one accepted (${c.lastSequence}).`,
      );
    },

    /** The farm deactivates itself (uninstall, or moving to another key). */
    async deactivate(credential: string): Promise<{ farm: { id: string }; state: "deactivated" }> {
      const c = await findFarmContextByCredential(db, credentialHash(credential));
      if (!c) throw invalidCredential();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        if ((await deactivateFarms(trx, [c.farmId], now, null)).length === 0) return;
        await insertAuditEvent(trx, {
          action: "farm.deactivated",
          outcome: "success",
          accountId: c.accountId,
          targetType: "farm",
          targetId: c.farmId,
          metadata: { farmName: c.name, by: "farm" },
        });
      });
      return { farm: { id: c.farmId }, state: "deactivated" };
    },
  };
}

export type CheckInService = ReturnType<typeof createCheckInService>;
