import type { TFunction } from "i18next";
import { ApiError } from "../../lib/api.ts";
import { messageFor } from "../../lib/errors.ts";

const MESSAGES: Record<string, string> = {
  FARM_NOT_FOUND: "farms.errors.FARM_NOT_FOUND",
  FORBIDDEN: "farms.errors.FORBIDDEN",
  KEY_NOT_FOUND: "farms.errors.KEY_NOT_FOUND",
  LICENSE_KEY_NOT_FOUND: "farms.errors.KEY_NOT_FOUND",
};

/** The person may look but not change (a 403 on a change): the page hides its changing actions. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

/** One translated sentence for an error from the farm routes; anything else falls back to lib/errors.ts. */
export function farmErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = MESSAGES[error.code] ?? (error.status === 403 ? MESSAGES.FORBIDDEN : undefined);
    if (key) return t(key);
  }
  return messageFor(t, error);
}
