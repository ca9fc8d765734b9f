import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const PREFIX = "sealed:v1:";

/**
 * Secrets that must travel in an email (a license key in the registration-key email)
 * sit in the outbox until the worker sends them. Sealing encrypts such a field
 * (AES-256-GCM, key derived from LICENSE_KEY_SECRET), so an outbox row in a database
 * dump is as useless as the license_keys table; the worker opens it only to render.
 */
export type Sealer = {
  seal(value: string): string;
  /** The data with every sealed field opened; other fields unchanged. */
  open(data: Record<string, string>): Record<string, string>;
};

export function createSealer(secret: string): Sealer {
  const key = Buffer.from(hkdfSync("sha256", secret, "license-portal", "outbox sealed fields v1", 32));
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
      return PREFIX + [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
    },
    open(data) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(data)) {
        if (typeof value !== "string" || !value.startsWith(PREFIX)) {
          out[name] = value;
          continue;
        }
        const [iv, tag, body] = value.slice(PREFIX.length).split(".");
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv ?? "", "base64url"));
        decipher.setAuthTag(Buffer.from(tag ?? "", "base64url"));
        out[name] = Buffer.concat([decipher.update(Buffer.from(body ?? "", "base64url")), decipher.final()]).toString("utf8");
      }
      return out;
    },
  };
}
