import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import * as createIdentity from "./migrations/2026_11_26_000001_create_identity.ts";
import * as createOutboxAndAudit from "./migrations/2026_11_26_000002_create_outbox_and_audit.ts";
import * as createAccountsAndInvitations from "./migrations/2026_11_26_000003_create_accounts_and_invitations.ts";
import * as tuneRosterIndexes from "./migrations/2026_11_26_000004_tune_roster_indexes.ts";
import * as createLicensing from "./migrations/2026_11_26_000005_create_licensing.ts";
import * as createSubscriptionReminders from "./migrations/2026_11_26_000006_create_subscription_reminders.ts";
import * as createFarms from "./migrations/2026_11_26_000007_create_farms.ts";
import * as createStore from "./migrations/2026_11_26_000008_create_store.ts";
import * as createDownloads from "./migrations/2026_11_26_000009_create_downloads.ts";
import * as createSupport from "./migrations/2026_11_26_000010_create_support.ts";
import * as supportMessageEmailId from "./migrations/2026_11_26_000011_support_message_email_id.ts";
import * as widenFarmSequences from "./migrations/2026_11_26_000012_widen_farm_sequences.ts";

/**
 * Migrations are listed here rather than read from disk, so they work the same from
 * source (tsx) and from any bundle. Never edit a shipped migration; add a new one.
 */
const MIGRATIONS: Record<string, Migration> = {
  "2026_11_26_000001_create_identity": createIdentity,
  "2026_11_26_000002_create_outbox_and_audit": createOutboxAndAudit,
  "2026_11_26_000003_create_accounts_and_invitations": createAccountsAndInvitations,
  "2026_11_26_000004_tune_roster_indexes": tuneRosterIndexes,
  "2026_11_26_000005_create_licensing": createLicensing,
  "2026_11_26_000006_create_subscription_reminders": createSubscriptionReminders,
  "2026_11_26_000007_create_farms": createFarms,
  "2026_11_26_000008_create_store": createStore,
  "2026_11_26_000009_create_downloads": createDownloads,
  "2026_11_26_000010_create_support": createSupport,
  "2026_11_26_000011_support_message_email_id": supportMessageEmailId,
  "2026_11_26_000012_widen_farm_sequences": widenFarmSequences,
};

/** Every migration this version knows, oldest first (a backup holding others is from a newer version). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export type MigrationReport = { applied: string[] };

export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    // No failed migration means we never got that far (e.g. the database is unreachable).
    if (!failed) throw error;
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
