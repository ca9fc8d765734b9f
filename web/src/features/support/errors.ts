import type { TFunction } from "i18next";
import { ApiError } from "../../lib/api.ts";
import { messageFor } from "../../lib/errors.ts";

/** Support codes (contracts/support.ts routes) with words of our own, under errors.<CODE>; anything else falls back to lib/errors.ts. */
const SUPPORT_CODES = new Set([
  "TICKET_NOT_FOUND",
  "TICKET_CLOSED",
  "NO_INCIDENTS_LEFT",
  "SUPPORT_NOT_ACTIVE",
  "ATTACHMENT_TOO_LARGE",
  "ATTACHMENT_TYPE_NOT_ALLOWED",
  "ATTACHMENT_NOT_FOUND",
  "WATCHER_MANAGEMENT_NOT_ALLOWED",
  "ALREADY_WATCHING",
  "TOO_MANY_WATCHERS",
  "MEMBER_BLOCKED",
  "WATCH_LINK_NOT_FOUND",
  "WATCHER_NOT_FOUND",
  "STATUS_CHANGE_NOT_ALLOWED",
]);

/** Codes other features already have words for. */
const SHARED: Record<string, string> = {
  FARM_NOT_FOUND: "farms.errors.FARM_NOT_FOUND",
};

export function supportErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (SUPPORT_CODES.has(error.code)) return t(`errors.${error.code}`);
    const shared = SHARED[error.code];
    if (shared) return t(shared);
    // Fastify's own limit answer for a body over 10 MB carries no code of ours.
    if (error.status === 413) return t("errors.ATTACHMENT_TOO_LARGE");
  }
  return messageFor(t, error);
}

export function isErrorCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof ApiError && codes.includes(error.code);
}
