/**
 * License key format, shared by the server (issuing, parsing) and the web app (checking
 * a typed key before any request). No dependencies, so it is cheap in the bundle.
 *
 * A key is 5 groups of 6 characters, e.g. `7KQ2MX-H4TW9P-…`, from a 29-character
 * alphabet without look-alikes (no 0/O, 1/I/L, U/V). The last character is a check
 * character: a weighted sum mod 29 over the other 29 characters, with weights 1..28
 * (never 0 mod 29, and neighbours always differ), so any single mistyped character and
 * any swap of two neighbours is caught. 29 random characters carry 29 × log2(29) ≈ 141 bits.
 */
export const KEY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ" as const;
const BASE = KEY_ALPHABET.length; // 29, a prime: every non-zero weight is invertible, so a single error always changes the sum.
export const KEY_GROUPS = 5;
export const KEY_GROUP_LENGTH = 6;
const KEY_LENGTH = KEY_GROUPS * KEY_GROUP_LENGTH;

function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += ((i % (BASE - 1)) + 1) * KEY_ALPHABET.indexOf(body[i] as string);
  return KEY_ALPHABET[sum % BASE] as string;
}

/** Builds a key from 29 alphabet indexes (the caller supplies randomness). */
export function formatKey(randomIndexes: ArrayLike<number>): string {
  let body = "";
  for (let i = 0; i < KEY_LENGTH - 1; i++) body += KEY_ALPHABET[(randomIndexes[i] ?? 0) % BASE];
  const chars = body + checkCharacter(body);
  const groups: string[] = [];
  for (let g = 0; g < KEY_GROUPS; g++) groups.push(chars.slice(g * KEY_GROUP_LENGTH, (g + 1) * KEY_GROUP_LENGTH));
  return groups.join("-");
}

export type KeyCheck = { ok: true; key: string } | { ok: false; reason: "length" | "characters" | "check" };

/**
 * Normalizes what a person typed (any case, spaces or dashes anywhere) and checks it.
 * Returns the canonical `XXXXXX-XXXXXX-…` form when the check character matches.
 */
export function checkKey(typed: string): KeyCheck {
  const compact = typed.toUpperCase().replace(/[\s-]/g, "");
  if (compact.length !== KEY_LENGTH) return { ok: false, reason: "length" };
  for (const ch of compact) if (!KEY_ALPHABET.includes(ch)) return { ok: false, reason: "characters" };
  const normalized = compact;
  if (checkCharacter(normalized.slice(0, -1)) !== normalized.at(-1)) return { ok: false, reason: "check" };
  const groups: string[] = [];
  for (let g = 0; g < KEY_GROUPS; g++) groups.push(normalized.slice(g * KEY_GROUP_LENGTH, (g + 1) * KEY_GROUP_LENGTH));
  return { ok: true, key: groups.join("-") };
}

/** "****-****-****-****-****-7KQ2MX"-style: only the last group shows. */
export function maskKey(tail: string): string {
  return [...Array.from({ length: KEY_GROUPS - 1 }, () => "******"), tail].join("-");
}
