/**
 * Seeds one business account for business-users.bench.ts: N members (users rows plus
 * memberships with the email / display_name / name_key copies that
 * accounts.repo.ts insertMembership writes) and M pending invitations (about a fifth
 * of them past their expiry, as on a real account), inserted directly with Kysely in
 * batches of 1,000 rows inside one transaction. Names and addresses are varied and
 * deterministic (seeded PRNG, skewed so that some surnames and domains are common).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Database } from "../src/db/database.ts";
import { nameKeyOf } from "../src/modules/accounts/accounts.repo.ts";
import { INVITATION_TTL_MS } from "../src/modules/invitations/invitation-token.ts";

const FIRST = (
  "Anna Lukas Sofia Mateo Emma Noah Mia Leon Olivia Elias Hannah Paul Lena Felix Marie Jonas Laura Maximilian Julia " +
  "Ben Clara David Sarah Tobias Lisa Jan Nina Simon Eva Daniel Léa Hugo Chloé Louis Camille Jules Manon Théo Inès " +
  "Lucía Martín Valentina Santiago Isabella Diego Carmen Javier Elena Pablo Giulia Lorenzo Francesca Alessandro " +
  "Chiara Matteo Aurora Riccardo Yuki Haruto Sakura Ren Aoi Sota Hina Wei Li Fang Jun Mei Hao Xin Olga Ivan Anastasia " +
  "Dmitri Ekaterina Sergei Natalia Alexei Søren Ingrid Björn Astrid Mikael Aoife Seán Niamh Oliver Amelia George " +
  "Isla Harry Ava Jack Grace Priya Arjun Aisha Omar Fatima Yusuf Zoe Samuel Chen Kwame Amara Tomás Joana João Beatriz"
).split(" ");

// Ordered roughly by how common they are; pickSkewed makes the first ones frequent.
const LAST = (
  "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Smith Johnson Williams Brown Jones " +
  "García Martínez Rodríguez López González Rossi Russo Ferrari Esposito Bianchi Martin Bernard Dubois Thomas Robert " +
  "Richard Petit Durand Leroy Moreau Tanaka Suzuki Takahashi Watanabe Yamamoto Nakamura Kobayashi Wang Zhang Liu " +
  "Chen Yang Huang Zhao Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novak Kowalski Nowak Wiśniewski " +
  "Jensen Nielsen Hansen Andersen Johansson Karlsson Nilsson Eriksson Larsen Virtanen Korhonen Murphy Kelly " +
  "O'Sullivan Walsh Byrne Taylor Davies Evans Wilson Roberts Patel Shah Singh Kumar Khan Ali Hassan Silva Santos " +
  "Oliveira Pereira Costa Ferreira Almeida Dupont Lefèvre Van der Berg De Vries Janssen Peeters Horvat Novák Dvořák " +
  "Papadopoulos Yilmaz Kaya Demir Cohen Levi Friedman Okafor Mensah Nguyen Tran Kim Park Lee Choi Sato Ito"
).split(" ");

const COMPANY_DOMAIN = "acme-remote.de";
const DOMAINS =
  "gmail.com outlook.com gmx.de web.de yahoo.com proton.me icloud.com t-online.de orange.fr libero.it mail.ru yandex.ru qq.com 163.com hotmail.co.uk northwind-traders.com contoso.eu".split(
    " ",
  );
const LOCALES = ["en", "de", "fr", "es", "it", "ja", "zh", "ru"] as const;
const BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** mulberry32: a small deterministic PRNG, so every run seeds the same people. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An email-safe ASCII form: "Wiśniewski" → "wisniewski", "O'Sullivan" → "osullivan". */
const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

export type SeedSummary = {
  members: number;
  admins: number;
  blocked: number;
  invitations: number;
  expiredInvitations: number;
  ms: number;
};

/** Generates people with unique emails (shared across members and invitees, and the given taken addresses). */
function peopleGenerator(random: () => number, taken: Set<string>) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  // random()^2 skews towards the start of the list: the first surnames and domains are common.
  const pickSkewed = <T>(list: readonly T[]) => list[Math.floor(random() * random() * list.length)] as T;
  return () => {
    const first = pick(FIRST);
    const last = pickSkewed(LAST);
    const [f, l] = [ascii(first), ascii(last)];
    const local = pick([`${f}.${l}`, `${f}.${l}`, `${f[0]}.${l}`, `${f}${l}`, `${l}.${f}`, `${f}_${l}`]);
    const domain = random() < 0.45 ? COMPANY_DOMAIN : pickSkewed(DOMAINS);
    let email = `${local}@${domain}`;
    for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`;
    taken.add(email);
    return { first, last, name: `${first} ${last}`, email };
  };
}

export async function seedBusinessAccount(
  database: Database,
  input: { accountId: string; adminUserId: string; adminEmail: string; members: number; invitations: number; now?: Date },
): Promise<SeedSummary> {
  const started = performance.now();
  const now = input.now ?? new Date();
  const random = prng(20261126);
  const nextPerson = peopleGenerator(random, new Set([input.adminEmail]));
  const summary: SeedSummary = { members: 0, admins: 0, blocked: 0, invitations: 0, expiredInvitations: 0, ms: 0 };

  await database.db.transaction().execute(async (trx) => {
    for (let offset = 0; offset < input.members; offset += BATCH) {
      const size = Math.min(BATCH, input.members - offset);
      const people = Array.from({ length: size }, () => {
        const person = nextPerson();
        // Joined some time in the last three years; user created a little earlier.
        const joinedAt = new Date(now.getTime() - Math.floor(random() * 3 * 365 * DAY_MS));
        const createdAt = new Date(joinedAt.getTime() - Math.floor(random() * 30 * DAY_MS));
        const role = random() < 0.004 ? ("admin" as const) : ("member" as const);
        const status = role === "member" && random() < 0.02 ? ("blocked" as const) : ("active" as const);
        summary.admins += role === "admin" ? 1 : 0;
        summary.blocked += status === "blocked" ? 1 : 0;
        return {
          ...person,
          id: randomUUID(),
          locale: LOCALES[Math.floor(random() * LOCALES.length)] ?? "en",
          joinedAt,
          createdAt,
          role,
          status,
        };
      });
      await trx
        .insertInto("users")
        .values(
          people.map((p) => ({
            id: p.id,
            name: p.name,
            firstName: p.first,
            lastName: p.last,
            email: p.email,
            emailVerified: true,
            locale: p.locale,
            createdAt: p.createdAt,
            updatedAt: p.createdAt,
          })),
        )
        .execute();
      await trx
        .insertInto("memberships")
        .values(
          people.map((p) => ({
            accountId: input.accountId,
            userId: p.id,
            role: p.role,
            status: p.status,
            email: p.email.toLowerCase(),
            displayName: p.name,
            nameKey: nameKeyOf(p.name),
            joinedAt: p.joinedAt,
            updatedAt: p.joinedAt,
          })),
        )
        .execute();
      summary.members += size;
    }

    for (let offset = 0; offset < input.invitations; offset += BATCH) {
      const size = Math.min(BATCH, input.invitations - offset);
      const rows = Array.from({ length: size }, () => {
        // Sent in the last 9 days: those sent more than 7 days ago are "Invitation expired".
        const sentAt = new Date(now.getTime() - Math.floor(random() * 9 * DAY_MS));
        const expiresAt = new Date(sentAt.getTime() + INVITATION_TTL_MS);
        summary.expiredInvitations += expiresAt <= now ? 1 : 0;
        return {
          id: randomUUID(),
          accountId: input.accountId,
          email: nextPerson().email,
          locale: LOCALES[Math.floor(random() * LOCALES.length)] ?? "en",
          role: "member" as const,
          status: "pending" as const,
          tokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
          invitedByUserId: input.adminUserId,
          sentAt,
          expiresAt,
          sendCount: 1,
          createdAt: sentAt,
        };
      });
      await trx.insertInto("invitations").values(rows).execute();
      summary.invitations += size;
    }
  });
  summary.ms = performance.now() - started;
  return summary;
}

/** Search terms for the bench: common surname substrings (as typed, mixed case) and parts of emails. */
export const NAME_TERMS = ["Müll", "schmi", "Fisch", "weber", "Meyer", "wagn", "smith", "Garc", "ross", "Beck"];
export const EMAIL_TERMS = [
  "gmail",
  "acme-remote",
  "@outlook",
  "gmx.de",
  "web.de",
  "anna.",
  "lukas",
  "j.sch",
  "proton",
  "t-online",
];
/** Terms that match few or no rows: each forces a scan of the account's whole range. */
export const RARE_TERMS = ["zzq", "xylo", "qwerty", "nobody-here", "ż", "ünknown", "kwxj", "aaaaa", "0000", "vvx"];

export type Admin = { userId: string; email: string; cookie: string; accountId: string };
export type SignedIn = Omit<Admin, "accountId">;

/** A verified, signed-in person through the real API: sign-up, then the verification link from the outbox row. */
export async function signUpOverHttp(baseUrl: string, database: Database, prefix: string, lastName: string): Promise<SignedIn> {
  const email = `${prefix}-${randomBytes(4).toString("hex")}@${COMPANY_DOMAIN}`;
  const signUp = await fetch(`${baseUrl}/api/identity/sign-up`, {
    method: "POST",
    headers: { origin: baseUrl, "content-type": "application/json" },
    body: JSON.stringify({ firstName: "Bench", lastName, email, password: "violet-harbour-engine-bench-42" }),
  });
  if (signUp.status !== 202) throw new Error(`sign-up of ${email} failed: ${signUp.status} ${await signUp.text()}`);
  const mail = await database.db
    .selectFrom("outbox")
    .select("payloadJson")
    .where("recipient", "=", email)
    .where("template", "=", "verify-email")
    .executeTakeFirst();
  const url = mail?.payloadJson.url;
  if (typeof url !== "string") throw new Error(`no verification mail for ${email}`);
  const verified = await fetch(url, { redirect: "manual" });
  await verified.arrayBuffer();
  const cookie = verified.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => c.includes("session_token="))
    .join("; ");
  if (!cookie) throw new Error(`verification did not sign in (status ${verified.status})`);
  const user = await database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return { userId: user.id, email, cookie };
}

/** The Account Administrator, through the real API: signed up as above, then POST /api/accounts for the business account. */
export async function createAdminOverHttp(baseUrl: string, database: Database): Promise<Admin> {
  const admin = await signUpOverHttp(baseUrl, database, "bench-admin", "Administrator");
  const created = await fetch(`${baseUrl}/api/accounts`, {
    method: "POST",
    headers: { origin: baseUrl, "content-type": "application/json", cookie: admin.cookie },
    body: JSON.stringify({
      companyName: "Acme Remote Apps GmbH",
      country: "DE",
      postcode: "10115",
      businessPhone: "+49 30 1234567",
    }),
  });
  if (created.status !== 201) throw new Error(`creating the business account failed: ${created.status} ${await created.text()}`);
  const { id: accountId } = (await created.json()) as { id: string };
  return { ...admin, accountId };
}
