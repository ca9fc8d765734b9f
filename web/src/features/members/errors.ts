import type { TFunction } from "i18next";
import { ApiError } from "../../lib/api.ts";
import { formatSeconds, messageFor } from "../../lib/errors.ts";

/**
 * Words for the account and membership codes (issue 3). lib/errors.ts knows the
 * identity codes; anything not listed here falls back to it.
 */
const MESSAGES: Record<string, string> = {
  ACCOUNT_NOT_FOUND: "users.errors.ACCOUNT_NOT_FOUND",
  MEMBERSHIP_BLOCKED: "users.errors.MEMBERSHIP_BLOCKED",
  ADMIN_ROLE_REQUIRED: "users.errors.ADMIN_ROLE_REQUIRED",
  NOT_A_BUSINESS_ACCOUNT: "users.errors.NOT_A_BUSINESS_ACCOUNT",
  LAST_ADMIN: "users.errors.LAST_ADMIN",
  SELF_CHANGE_REFUSED: "users.errors.SELF_CHANGE_REFUSED",
  MEMBER_NOT_FOUND: "users.errors.MEMBER_NOT_FOUND",
  INVITATION_NOT_FOUND: "users.errors.INVITATION_NOT_FOUND",
  INVITATION_REVOKED: "users.errors.INVITATION_REVOKED",
  INVITATION_USED: "users.errors.INVITATION_USED",
};

/** Codes after which the page itself cannot be shown (no list, no Invite Users button). */
const ACCESS_CODES = new Set(["ACCOUNT_NOT_FOUND", "MEMBERSHIP_BLOCKED", "ADMIN_ROLE_REQUIRED", "NOT_A_BUSINESS_ACCOUNT"]);

export function isAccessProblem(error: unknown): boolean {
  return error instanceof ApiError && ACCESS_CODES.has(error.code);
}

/** One translated sentence for an error from the users, invitations or audit routes. */
export function accountErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "INVITATION_LIMIT_REACHED") {
      return error.retryAfterSeconds
        ? t("users.errors.INVITATION_LIMIT_REACHED_RETRY", { duration: formatSeconds(error.retryAfterSeconds) })
        : t("users.errors.INVITATION_LIMIT_REACHED");
    }
    const key = MESSAGES[error.code];
    if (key) return t(key);
  }
  return messageFor(t, error);
}
