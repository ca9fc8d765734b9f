import { createHash, createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessAccount, type Person, person } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { activated, primaryKeyId, report } from "./farm-kit.ts";

/**
 * Issue 5, point 8: a farm verifies its certificate offline with plain node:crypto and
 * the published public key. Nothing from src/ or contracts/ is imported here: the
 * verifier below is what a farm vendor would write from the documentation alone.
 * (The helpers build the app and its data; they are setup, not verification.)
 */

type Certificate = { alg: string; kid: string; payload: string; signature: string };
type Jwks = { keys: Array<{ kty: string; crv: string; x: string; kid: string; use?: string; alg?: string }> };
type Claims = {
  farmId: string;
  keyId: string;
  keyDigest: string;
  state: string;
  limits: { concurrentUsers: number; maxUsersPerFarm: number | null };
  issuedAt: string;
  notAfter: string;
};
type Verdict = { ok: true; claims: Claims } | { ok: false; reason: "unsupported" | "unknown-key" | "bad-signature" | "expired" };

/** What a farm does with a certificate when it cannot reach the portal. */
function verifyOffline(certificate: Certificate, jwks: Jwks, now: Date): Verdict {
  if (certificate.alg !== "EdDSA") return { ok: false, reason: "unsupported" };
  const jwk = jwks.keys.find((k) => k.kid === certificate.kid && k.kty === "OKP" && k.crv === "Ed25519");
  if (!jwk) return { ok: false, reason: "unknown-key" };
  const key = createPublicKey({ key: jwk, format: "jwk" });
  const payload = Buffer.from(certificate.payload, "base64url");
  if (!verify(null, payload, key, Buffer.from(certificate.signature, "base64url"))) return { ok: false, reason: "bad-signature" };
  // Only a payload the signature vouches for is parsed.
  const claims = JSON.parse(payload.toString("utf8")) as Claims;
  if (!(Date.parse(claims.notAfter) > now.getTime())) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

/** The key as the portal stores it: upper case, five dashed groups of six. */
const canonical = (typed: string) =>
  typed
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/(.{6})(?!$)/g, "$1-");
const claimsOf = (c: Certificate) => JSON.parse(Buffer.from(c.payload, "base64url").toString("utf8")) as Claims;
const withClaims = (c: Certificate, change: (claims: Claims) => void): Certificate => {
  const claims = claimsOf(c);
  change(claims);
  return { ...c, payload: Buffer.from(JSON.stringify(claims), "utf8").toString("base64url") };
};

const HOUR = 60 * 60 * 1000;
const T0 = new Date("2032-05-03T08:00:00.000Z");
const hoursAfterT0 = (h: number) => new Date(T0.getTime() + h * HOUR);
// The app's clock, moved by the test: certificates are issued at T0 and judged later.
let current = T0;
const clock = { now: () => new Date(current) };
const SECRET = "certificate-test-secret-0123456789abcdef";

describe(`certificates verified offline with node:crypto (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: Person;
  let jwks: Jwks;
  let pem: string;
  let primaryKey: string;
  let keyId: string;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off", LICENSE_KEY_SECRET: SECRET }, { clock });
    const op = await operator(t);
    admin = await person(t, "cert-admin");
    const A = await businessAccount(t, admin);
    const s = await issue(t, op, { accountId: A, licenses: 10 });
    primaryKey = s.primaryKey;
    keyId = await primaryKeyId(t, admin, A, s.id);
    const keys = await t.app.inject({ url: "/.well-known/license-portal/keys.json" });
    expect(keys.statusCode).toBe(200);
    expect(keys.headers["cache-control"]).toMatch(/public/);
    jwks = keys.json();
    const pemResponse = await t.app.inject({ url: "/.well-known/license-portal/signing-key.pem" });
    expect(pemResponse.headers["content-type"]).toMatch(/^application\/x-pem-file/);
    pem = pemResponse.body;
  });
  afterAll(async () => t?.close());

  /** A farm activated at T0 (key typed the way a person might), and its certificate. */
  async function certificateAtT0() {
    current = T0;
    const farm = await activated(t, admin, primaryKey.toLowerCase().replaceAll("-", " "));
    return { farm, certificate: farm.body.certificate as Certificate };
  }

  it("a certificate from activation verifies, says what it is about, and the PEM is the same key", async () => {
    const { farm, certificate } = await certificateAtT0();
    const verdict = verifyOffline(certificate, jwks, T0);
    expect(verdict).toMatchObject({ ok: true });
    const claims = claimsOf(certificate);
    expect(claims).toMatchObject({ farmId: farm.farmId, keyId, state: "active", limits: { concurrentUsers: 10 } });
    expect([claims.issuedAt, claims.notAfter]).toEqual([T0.toISOString(), hoursAfterT0(72).toISOString()]);
    // The farm holds the key: it can check the certificate is for it without the key being in it.
    expect(claims.keyDigest).toBe(createHash("sha256").update(canonical(primaryKey), "utf8").digest("hex"));
    expect(canonical(primaryKey)).toBe(primaryKey);

    const fromPem = createPublicKey(pem);
    expect(fromPem.export({ format: "jwk" })).toMatchObject({ kty: "OKP", crv: "Ed25519", x: jwks.keys[0]?.x });
    const signed = Buffer.from(certificate.payload, "base64url");
    expect(verify(null, signed, fromPem, Buffer.from(certificate.signature, "base64url"))).toBe(true);
  });

  it("a changed claim, however re-encoded, fails the signature", async () => {
    const { certificate } = await certificateAtT0();
    const more = withClaims(certificate, (c) => {
      c.limits.concurrentUsers += 1;
    });
    expect(claimsOf(more).limits.concurrentUsers).toBe(11);
    expect(verifyOffline(more, jwks, T0)).toEqual({ ok: false, reason: "bad-signature" });
    const longer = withClaims(certificate, (c) => {
      c.notAfter = hoursAfterT0(24 * 365).toISOString();
    });
    expect(verifyOffline(longer, jwks, hoursAfterT0(100))).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("a flipped signature byte fails; a certificate naming an unpublished key is refused", async () => {
    const { certificate } = await certificateAtT0();
    const signature = Buffer.from(certificate.signature, "base64url");
    signature[10] = (signature[10] ?? 0) ^ 0x01;
    expect(verifyOffline({ ...certificate, signature: signature.toString("base64url") }, jwks, T0)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    expect(verifyOffline({ ...certificate, kid: "not-a-published-kid" }, jwks, T0)).toEqual({ ok: false, reason: "unknown-key" });
  });

  it("expires 72 hours after issue; a check-in brings a fresh one", async () => {
    const { farm, certificate } = await certificateAtT0();
    expect(verifyOffline(certificate, jwks, hoursAfterT0(71))).toMatchObject({ ok: true });
    expect(verifyOffline(certificate, jwks, hoursAfterT0(73))).toEqual({ ok: false, reason: "expired" });

    current = hoursAfterT0(2);
    const checkIn = await report(t, farm, 3);
    expect(checkIn.statusCode).toBe(200);
    const fresh = checkIn.json().certificate as Certificate;
    expect(verifyOffline(fresh, jwks, hoursAfterT0(73))).toMatchObject({ ok: true, claims: { issuedAt: current.toISOString() } });
    expect(verifyOffline(fresh, jwks, hoursAfterT0(74))).toEqual({ ok: false, reason: "expired" });
  });

  it("the public key of a portal with another secret does not verify it", async () => {
    const { certificate } = await certificateAtT0();
    const other = await createTestApp({ LICENSE_KEY_SECRET: "another-portal-secret-fedcba9876543210" });
    try {
      const otherJwks = (await other.app.inject({ url: "/.well-known/license-portal/keys.json" })).json() as Jwks;
      expect(otherJwks.keys[0]?.x).not.toBe(jwks.keys[0]?.x);
      expect(verifyOffline(certificate, otherJwks, T0)).toEqual({ ok: false, reason: "unknown-key" });
      // Even if the other key were published under this kid, the signature would not match it.
      const relabelled = { keys: otherJwks.keys.map((k) => ({ ...k, kid: certificate.kid })) };
      expect(verifyOffline(certificate, relabelled, T0)).toEqual({ ok: false, reason: "bad-signature" });
    } finally {
      await other.close();
    }
  });
});
