import { createHash, createPrivateKey, createPublicKey, hkdfSync, type KeyObject, sign } from "node:crypto";
import type { CertificateClaims, SignedCertificate } from "../../../contracts/farms.ts";

/**
 * License certificates: Ed25519 signatures a farm can check offline with the vendor's
 * public key (published at /.well-known/license-portal/keys.json).
 *
 * The signing key is derived from LICENSE_KEY_SECRET with HKDF (its own label, so it
 * shares nothing usable with the key-encryption keys). Deriving rather than generating
 * means every server process, and every restart, signs with the same key without one
 * more secret to deploy; rotating the secret rotates this key too, and `kid` tells
 * farms which public key to use.
 */
export type CertificateSigner = ReturnType<typeof createCertificateSigner>;

/** The fixed DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export function createCertificateSigner(secret: string) {
  const seed = Buffer.from(hkdfSync("sha256", secret, "license-portal", "farm certificate signing v1", 32));
  const privateKey: KeyObject = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: "jwk" }) as { x: string };
  const kid = createHash("sha256").update(Buffer.from(jwk.x, "base64url")).digest("base64url").slice(0, 16);
  const pem = publicKey.export({ format: "pem", type: "spki" }).toString();

  return {
    kid,
    publicKeyPem: pem,
    jwks() {
      return {
        keys: [{ kty: "OKP" as const, crv: "Ed25519" as const, x: jwk.x, kid, use: "sig" as const, alg: "EdDSA" as const }],
      };
    },
    /**
     * Signs on libuv's thread pool (the callback form of crypto.sign), not on the event
     * loop: at thousands of check-ins a second the signatures alone took 10% of the
     * server thread.
     */
    sign(claims: CertificateClaims): Promise<SignedCertificate> {
      const payload = Buffer.from(JSON.stringify(claims), "utf8");
      return new Promise((resolve, reject) => {
        sign(null, payload, privateKey, (error, signature) => {
          if (error) reject(error);
          else resolve({ alg: "EdDSA", kid, payload: payload.toString("base64url"), signature: signature.toString("base64url") });
        });
      });
    },
  };
}

/** SHA-256 of the canonical key, hex: what a certificate says about the key. */
export function keyDigest(canonicalKey: string): string {
  return createHash("sha256").update(canonicalKey, "utf8").digest("hex");
}
