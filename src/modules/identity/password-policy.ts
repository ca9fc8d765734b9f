import { readFileSync } from "node:fs";

/**
 * NIST SP 800-63B style: a length window and a deny-list, no composition rules.
 * The deny-list is the 10,000 most common passwords (common-passwords.txt), compared
 * case-insensitively so "Password1234" does not slip past "password1234".
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  if (!commonPasswords) {
    const text = readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8");
    commonPasswords = new Set(
      text
        .split("\n")
        .filter((line) => line && !line.startsWith("#"))
        .map((line) => line.toLowerCase()),
    );
  }
  return commonPasswords;
}

export type PasswordProblem = { code: "PASSWORD_TOO_SHORT" | "PASSWORD_TOO_LONG" | "PASSWORD_TOO_COMMON"; message: string };

export function checkPasswordPolicy(password: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return { code: "PASSWORD_TOO_SHORT", message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { code: "PASSWORD_TOO_LONG", message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  if (loadCommonPasswords().has(password.toLowerCase())) {
    return { code: "PASSWORD_TOO_COMMON", message: "This password is too common. Choose one that is harder to guess." };
  }
  return undefined;
}

export function commonPasswordCount(): number {
  return loadCommonPasswords().size;
}
