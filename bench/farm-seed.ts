/**
 * Seeds the farm check-in bench (farm-checkins.bench.ts): K license keys and F farms that
 * have already been activated, written straight into the tables in big transactions, because
 * activating 200,000 farms through the API would verify 200,000 passwords.
 *
 * What goes in, with the columns activation.service.ts and operator.service.ts write:
 * - one business account per 100 subscriptions, each with an Account Administrator (the
 *   recipient of overuse emails, so an overuse check-in queues a real outbox row);
 * - subscriptions, each with a Primary Key; every fifth one also has an additional key
 *   reserving 30% of its licenses, so the Primary Key's limit is what is left in the pool;
 * - real keys: formatKey over random bytes, stored as the app's HMAC and AES-GCM ciphertext
 *   under its LICENSE_KEY_SECRET (check-in decrypts the key for the certificate's digest).
 *   Encrypting each of 100,000 keys takes a fraction of a second, so no ciphertext is shared;
 * - a key_usage row per key (activation creates it);
 * - F farms: one per key, the rest on keys drawn at random (so a key has 1–10 farms), all
 *   active and all reported within the last 20 minutes, so every farm counts in its key's pool.
 *   Farm i's credential is farmCredential(i), which the load client computes the same way;
 *   the portal keeps only its SHA-256 (credentialHash in check-in.service.ts).
 * All subscriptions are active (expiring in 60–700 days): the bench measures the common path.
 * farm_reports starts empty (in production it holds the last hours of reports until rolled up).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { formatKey } from "../contracts/license-key-format.ts";
import type { LicenseKeyCrypto } from "../src/modules/licensing/license-key-crypto.ts";

/** Farm i's credential: `lpf_` + 43 base64url characters, like the ones activation hands out. */
export const farmCredential = (i: number) => `lpf_${createHash("sha256").update(`farm-checkins-bench:${i}`).digest("base64url")}`;

/** mulberry32: every run seeds the same shape. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FarmSeed = {
  accounts: number;
  subscriptions: number;
  keys: number;
  farms: number;
  /** Per farm: its fair share of its key's limit (limit ÷ farms on the key, at least 1). The load client sends 0..share users. */
  farmShare: Int32Array;
  /** Farms per key: the largest count, and how many keys have more than one farm. */
  maxFarmsPerKey: number;
  keysWithSeveralFarms: number;
  ms: number;
  /** Milliseconds spent building the rows (keys are encrypted here) and writing each table. */
  timings: Record<string, number>;
};

type Value = string | number | boolean | null;
type Column = { name: string; pg: "text" | "int" | "bool" | "timestamptz" };

/** Inserts rows in chunks on either engine: a prepared statement in one SQLite transaction, or `unnest` arrays on PostgreSQL. */
export interface BulkWriter {
  insert(table: string, columns: Column[], rows: Value[][]): Promise<void>;
  close(): Promise<void>;
}

export function sqliteWriter(file: string): BulkWriter & { begin(): void; commit(): void } {
  const db = new BetterSqlite3(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF"); // the database is thrown away after the bench
  return {
    begin: () => db.exec("begin"),
    commit: () => db.exec("commit"),
    async insert(table, columns, rows) {
      const statement = db.prepare(
        `insert into ${table} (${columns.map((c) => c.name).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
      );
      for (const row of rows) statement.run(row.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v)));
    },
    async close() {
      db.close();
    },
  };
}

export async function postgresWriter(url: string): Promise<BulkWriter & { client: pg.Client }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    client,
    async insert(table, columns, rows) {
      const CHUNK = 20_000;
      const names = columns.map((c) => c.name).join(", ");
      const arrays = columns.map((c, i) => `$${i + 1}::${c.pg}[]`).join(", ");
      for (let at = 0; at < rows.length; at += CHUNK) {
        const chunk = rows.slice(at, at + CHUNK);
        const params = columns.map((_, i) => chunk.map((row) => row[i] ?? null));
        await client.query(`insert into ${table} (${names}) select * from unnest(${arrays})`, params);
      }
    },
    close: () => client.end(),
  };
}

const col = (name: string, type: Column["pg"] = "text"): Column => ({ name, pg: type });
const TIERS = [5, 10, 10, 25, 25, 50, 50, 100, 250, 500];

export async function seedFarms(
  writer: BulkWriter,
  crypto: LicenseKeyCrypto,
  input: { keys: number; farms: number; now?: Date },
): Promise<FarmSeed> {
  const started = performance.now();
  const now = input.now ?? new Date();
  const iso = (ms: number) => new Date(now.getTime() + ms).toISOString();
  const DAY = 86_400_000;
  const random = prng(20261128);
  if (input.farms < input.keys) throw new Error("--farms must be at least --keys (every key has a farm)");

  // Subscriptions and keys: every fifth subscription has an additional key, so keys ≈ 1.2 × subscriptions.
  const keyRows: Value[][] = [];
  const subRows: Value[][] = [];
  const keyInfo: Array<{ id: string; accountId: string; subscriptionId: string; limit: number }> = [];
  const accountIds: string[] = [];
  for (let s = 0; keyRows.length < input.keys; s++) {
    if (s % 100 === 0) accountIds.push(randomUUID());
    const accountId = accountIds[accountIds.length - 1] as string;
    const id = randomUUID();
    const total = TIERS[Math.floor(random() * TIERS.length)] as number;
    const starts = iso(-random() * 300 * DAY);
    const expires = iso((60 + random() * 640) * DAY);
    const name = `Bench subscription ${s + 1} – ${total} users`;
    subRows.push([
      ...[id, accountId, "ras", name, name.toLowerCase(), "subscription", "1y", total, "standard", "direct"],
      ...[starts, expires, expires, starts, starts],
    ]);
    const reserved = s % 5 === 4 && keyRows.length + 2 <= input.keys ? Math.floor(total * 0.3) : 0;
    const keys: Array<["primary" | "additional", number | null]> = [["primary", null]];
    if (reserved > 0) keys.push(["additional", reserved]);
    for (const [kind, licenses] of keys) {
      const key = formatKey(randomBytes(29));
      const keyId = randomUUID();
      const keyName = kind === "primary" ? "Primary Key" : "Division";
      keyRows.push([
        keyId,
        id,
        accountId,
        kind,
        keyName,
        licenses,
        crypto.hash(key),
        crypto.encrypt(key),
        key.slice(-6),
        starts,
        starts,
      ]);
      keyInfo.push({ id: keyId, accountId, subscriptionId: id, limit: licenses ?? total - reserved });
    }
  }

  // Farms: one per key first, the rest on random keys.
  const keyOfFarm = new Int32Array(input.farms);
  const farmsOnKey = new Int32Array(keyInfo.length);
  for (let f = 0; f < input.farms; f++) {
    const k = f < keyInfo.length ? f : Math.floor(random() * keyInfo.length);
    keyOfFarm[f] = k;
    farmsOnKey[k] = (farmsOnKey[k] ?? 0) + 1;
  }
  const farmShare = new Int32Array(input.farms);
  const farmRows: Value[][] = [];
  for (let f = 0; f < input.farms; f++) {
    const k = keyOfFarm[f] as number;
    const key = keyInfo[k] as (typeof keyInfo)[number];
    const share = Math.max(1, Math.floor(key.limit / (farmsOnKey[k] ?? 1)));
    farmShare[f] = share;
    const users = Math.floor(share * (0.3 + random() * 0.6)); // under the limit to start with
    const uid = `bench-farm-${f}`;
    const activated = iso(-(30 + random() * 200) * DAY);
    farmRows.push([
      ...[randomUUID(), key.accountId, key.subscriptionId, key.id, uid, `${uid}-srv`, uid, uid, "19.4.1"],
      ...["active", "active", credentialHashOf(f), 0, users, users, users],
      ...[activated, iso(-random() * 19 * 60_000), activated, activated],
    ]);
  }

  const timings: Record<string, number> = { build: performance.now() - started };
  let mark = performance.now();
  const write = async (table: string, columns: Column[], rows: Value[][]) => {
    await writer.insert(table, columns, rows);
    timings[table] = performance.now() - mark;
    mark = performance.now();
  };
  const t = "timestamptz" as const;
  const nowIso = now.toISOString();
  const users = accountIds.map((_, i) => [
    randomUUID(),
    `Bench Admin ${i}`,
    "Bench",
    `Admin ${i}`,
    `bench-admin-${i}@example.com`,
    true,
  ]);
  await write(
    "users",
    [col("id"), col("name"), col("first_name"), col("last_name"), col("email"), col("email_verified", "bool")],
    users,
  );
  await write(
    "accounts",
    [col("id"), col("kind"), col("company_name"), col("created_at", t), col("updated_at", t)],
    accountIds.map((id, i) => [id, "business", `Bench Customer ${i} GmbH`, nowIso, nowIso]),
  );
  await write(
    "memberships",
    ["account_id", "user_id", "role", "status", "email", "display_name", "name_key"]
      .map((n) => col(n))
      .concat([col("joined_at", t), col("updated_at", t)]),
    accountIds.map((id, i) => {
      const u = users[i] as Value[];
      return [id, u[0] as string, "admin", "active", u[4] as string, u[1] as string, String(u[1]).toLowerCase(), nowIso, nowIso];
    }),
  );
  const subColumns = ["id", "account_id", "product_id", "display_name", "name_key", "license_type", "term"].map((n) => col(n));
  subColumns.push(col("total_licenses", "int"), col("support_plan"), col("sales_channel"));
  for (const n of ["starts_at", "expires_at", "maintenance_expires_at", "activated_at", "created_at"]) subColumns.push(col(n, t));
  await write("subscriptions", subColumns, subRows);
  const keyColumns = ["id", "subscription_id", "account_id", "kind", "name"].map((n) => col(n));
  keyColumns.push(
    col("licenses", "int"),
    col("key_hash"),
    col("key_ciphertext"),
    col("key_tail"),
    col("created_at", t),
    col("updated_at", t),
  );
  await write("license_keys", keyColumns, keyRows);
  await write(
    "key_usage",
    [col("key_id"), col("updated_at", t)],
    keyInfo.map((k) => [k.id, nowIso]),
  );
  const farmColumns = ["id", "account_id", "subscription_id", "key_id", "farm_uid", "server_id", "name", "name_key"].map((n) =>
    col(n),
  );
  farmColumns.push(col("app_version"), col("status"), col("license_state"), col("credential_hash"));
  for (const n of ["last_sequence", "current_users", "last_peak_users", "peak_users"]) farmColumns.push(col(n, "int"));
  for (const n of ["activated_at", "last_report_at", "created_at", "updated_at"]) farmColumns.push(col(n, t));
  await write("farms", farmColumns, farmRows);

  let maxFarmsPerKey = 0;
  let keysWithSeveralFarms = 0;
  for (const n of farmsOnKey) {
    maxFarmsPerKey = Math.max(maxFarmsPerKey, n);
    if (n > 1) keysWithSeveralFarms += 1;
  }
  return {
    accounts: accountIds.length,
    subscriptions: subRows.length,
    keys: keyRows.length,
    farms: farmRows.length,
    farmShare,
    maxFarmsPerKey,
    keysWithSeveralFarms,
    ms: performance.now() - started,
    timings,
  };
}

/** What the portal stores for farm i's credential: credentialHash() in check-in.service.ts, recomputed here. */
const credentialHashOf = (i: number) => createHash("sha256").update(farmCredential(i), "utf8").digest("base64url");
