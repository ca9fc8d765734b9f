import type { TFunction } from "i18next";
import { ApiError } from "../../lib/api.ts";
import { messageFor } from "../../lib/errors.ts";

/** Downloads codes (contracts/downloads.ts routes) with words of our own; anything else falls back to lib/errors.ts. */
const MESSAGES: Record<string, string> = {
  DOWNLOADS_NOT_AVAILABLE: "downloads.errors.DOWNLOADS_NOT_AVAILABLE",
  RELEASE_NOT_FOUND: "downloads.errors.RELEASE_NOT_FOUND",
  RELEASE_EXISTS: "downloads.errors.RELEASE_EXISTS",
  RELEASE_PUBLISHED: "downloads.errors.RELEASE_PUBLISHED",
  RELEASE_FILE_MISSING: "downloads.errors.RELEASE_FILE_MISSING",
  CHECKSUM_MISMATCH: "downloads.errors.CHECKSUM_MISMATCH",
  FILE_TOO_LARGE: "downloads.errors.FILE_TOO_LARGE",
  EMPTY_FILE: "downloads.errors.EMPTY_FILE",
};

export function downloadsErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = MESSAGES[error.code];
    if (key) return t(key);
  }
  return messageFor(t, error);
}
