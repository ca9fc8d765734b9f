import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt } from "node:crypto";
import { formatKey, KEY_ALPHABET } from "../../../contracts/license-key-format.ts";

/**
 * License keys are secrets: whoever has one can register the subscription or activate
 * a farm. So the database never holds one in clear (a stolen dump must not give away
 * working keys):
 * - `key_hash` = HMAC-SHA256(lookup key, canonical key). A keyed hash, not a plain one:
 *   with ~141 bits per key brute force is hopeless anyway, but without the server secret
 *   the hashes cannot even be checked against a guessed list. Unique-indexed, so
 *   registration and activation find the key in one lookup.
 * - `key_ciphertext` = AES-256-GCM(encryption key, canonical key), random 96-bit IV,
 *   stored as `v1.<iv>.<tag>.<ciphertext>` (base64url), so an administrator can be shown
 *   the key again.
 * Both keys are derived with HKDF-SHA256 from LICENSE_KEY_SECRET, which lives in the
 * environment, not in the database.
 */
export type LicenseKeyCrypto = ReturnType<typeof createLicenseKeyCrypto>;

export function createLicenseKeyCrypto(secret: string) {
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", secret, "license-portal", info, 32));
  const lookupKey = derive("license-key lookup v1");
  const encryptionKey = derive("license-key encryption v1");

  return {
    /** A fresh key from the CSPRNG, in the canonical form. */
    generate(): string {
      return formatKey(Array.from({ length: 29 }, () => randomInt(KEY_ALPHABET.length)));
    },

    hash(canonicalKey: string): string {
      return createHmac("sha256", lookupKey).update(canonicalKey, "utf8").digest("base64url");
    },

    encrypt(canonicalKey: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", encryptionKey, iv);
      const body = Buffer.concat([cipher.update(canonicalKey, "utf8"), cipher.final()]);
      return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    },

    decrypt(stored: string): string {
      const [version, iv, tag, body] = stored.split(".");
      if (version !== "v1" || !iv || !tag || !body) throw new Error("unknown license key ciphertext format");
      const decipher = createDecipheriv("aes-256-gcm", encryptionKey, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}
