import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkKey, KEY_ALPHABET } from "../../contracts/license-key-format.ts";
import { GOOD_PASSWORD } from "../helpers/identity-fixtures.ts";

export type Finding = { file: string; line: number; kind: string; excerpt: string };

/**
 * Passwords and secrets the fixtures and tests send (a test that sends another literal
 * secret should add it here). None may appear in any log.
 */
export const FIXTURE_SECRETS = [
  GOOD_PASSWORD,
  "a-brand-new-passphrase",
  "reset-to-this-passphrase",
  "another-passphrase-here",
  "not-the-right-password",
  "not-my-password-at-all",
  "not the password at all",
  "not-a-real-password",
  "whatever-password",
  "qwerty123456",
  // test/platform/process.test.ts sends these to a real server process.
  "PASSWORDSECRET",
  "TOPSECRETTOKEN",
  "COOKIESECRET",
];

const KEY_CHAR = `[${KEY_ALPHABET}]`;
const NOT_REDACTED = "(?!\\[redacted\\])";

type Rule = { kind: string; pattern: RegExp; isSecret?: (match: string) => boolean };

/** The shapes a secret of the portal takes; matches are reported with the secret masked. */
const RULES: Rule[] = [
  {
    kind: "license key",
    pattern: new RegExp(
      `(?<![A-Z0-9])(?:${KEY_CHAR}{6}-){4}${KEY_CHAR}{6}(?![A-Z0-9])|(?<![A-Z0-9])${KEY_CHAR}{30}(?![A-Z0-9])`,
      "g",
    ),
    // Only strings whose check character is right: a real key, not a random word of capitals.
    isSecret: (match) => checkKey(match).ok,
  },
  { kind: "farm credential", pattern: /lpf_[A-Za-z0-9_-]{20,}/g },
  { kind: "session cookie", pattern: new RegExp(`session_token=${NOT_REDACTED}[^;\\s"',]+`, "g") },
  { kind: "signed session token", pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{32}\.[A-Za-z0-9+/_-]{43}(?:=|%3D)?/g },
  { kind: "JWT (verification token)", pattern: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  {
    kind: "token in a URL",
    pattern: new RegExp(`[?&#](?:token|code|secret|otp)=${NOT_REDACTED}[^&\\s"'#]{6,}`, "gi"),
  },
  { kind: "reset-password link", pattern: new RegExp(`/reset-password/${NOT_REDACTED}[A-Za-z0-9_-]{8,}`, "g") },
  { kind: "watch-link token", pattern: new RegExp(`/support/watch/${NOT_REDACTED}(?![:{])[^/?#\\s"']{8,}`, "g") },
  { kind: "invitation link", pattern: new RegExp(`/join#${NOT_REDACTED}[^\\s"']{8,}`, "g") },
  { kind: "TOTP secret", pattern: /otpauth:\/\/[^\s"']+/g },
  { kind: "bearer credential", pattern: /Bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/-]{10,}/g },
  {
    kind: "secret field",
    pattern: new RegExp(
      `"(?:password|newPassword|currentPassword|token|secret|totpURI|backupCodes|credential|licenseKey|primaryKey|cookie|authorization)"\\s*:\\s*(?:"${NOT_REDACTED}[^"]+"|\\[\\s*")`,
      "g",
    ),
  },
  ...FIXTURE_SECRETS.map((secret) => ({
    kind: "fixture password or secret",
    pattern: new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"),
  })),
];

/** Shows where a secret was without repeating it whole. */
function mask(line: string, match: string, index: number): string {
  const shown = `${match.slice(0, Math.min(8, Math.floor(match.length / 3)))}…[${match.length} chars]`;
  const start = Math.max(0, index - 60);
  return `${line.slice(start, index)}${shown}${line.slice(index + match.length, index + match.length + 40)}`;
}

/** Runs of token characters, the form every recorded secret takes (test/helpers/test-logs.ts). */
const WORDS = /[A-Za-z0-9_-]{16,}/g;

/**
 * Finds the secrets' shapes in `text`, and any of `handedOut`: the exact secrets the apps
 * handed out during the run (session tokens, farm credentials, keys, TOTP secrets).
 */
export function scanText(text: string, file: string, handedOut: ReadonlySet<string> = new Set()): Finding[] {
  const findings: Finding[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (handedOut.size > 0) {
      for (const match of line.matchAll(WORDS)) {
        if (handedOut.has(match[0])) {
          findings.push({
            file,
            line: i + 1,
            kind: "secret the app handed out",
            excerpt: mask(line, match[0], match.index ?? 0),
          });
        }
      }
    }
    for (const rule of RULES) {
      for (const match of line.matchAll(rule.pattern)) {
        if (rule.isSecret && !rule.isSecret(match[0])) continue;
        findings.push({ file, line: i + 1, kind: rule.kind, excerpt: mask(line, match[0], match.index ?? 0) });
      }
    }
  });
  return findings;
}

/** Scans every file of a test run's log directory. */
export function scanLogDirectory(dir: string): { files: number; bytes: number; secrets: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let bytes = 0;
  const names = readdirSync(dir);
  const handedOut = new Set(
    names
      .filter((name) => name.startsWith("secrets-"))
      .flatMap((name) => readFileSync(join(dir, name), "utf8").split("\n"))
      .filter((secret) => secret.length >= 16),
  );
  const files = names.filter((name) => name.endsWith(".log"));
  for (const name of files) {
    const text = readFileSync(join(dir, name), "utf8");
    bytes += text.length;
    findings.push(...scanText(text, join(dir, name), handedOut));
  }
  return { files: files.length, bytes, secrets: handedOut.size, findings };
}

export function formatFindings(findings: Finding[], limit = 50): string {
  const shown = findings.slice(0, limit).map((f) => `  ${f.file}:${f.line}  ${f.kind}: ${f.excerpt}`);
  if (findings.length > limit) shown.push(`  … and ${findings.length - limit} more`);
  return shown.join("\n");
}
