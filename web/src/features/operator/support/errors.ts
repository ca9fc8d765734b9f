import type { TFunction } from "i18next";
import { ApiError } from "../../../lib/api.ts";
import { messageFor } from "../../../lib/errors.ts";

/** Support codes the console has words for; anything else falls back to lib/errors.ts. */
const MESSAGES: Record<string, string> = {
  ASSIGNEE_NOT_AN_OPERATOR: "errors.ASSIGNEE_NOT_AN_OPERATOR",
  NO_INCIDENT_TO_CREDIT: "errors.NO_INCIDENT_TO_CREDIT",
  TICKET_NOT_FOUND: "operatorSupport.errors.TICKET_NOT_FOUND",
  ATTACHMENT_NOT_FOUND: "operatorSupport.errors.ATTACHMENT_NOT_FOUND",
  ATTACHMENT_TYPE_NOT_ALLOWED: "operatorSupport.errors.ATTACHMENT_TYPE_NOT_ALLOWED",
  ATTACHMENT_TOO_LARGE: "operatorSupport.errors.ATTACHMENT_TOO_LARGE",
  FILE_TOO_LARGE: "operatorSupport.errors.ATTACHMENT_TOO_LARGE",
  EMPTY_FILE: "operatorSupport.errors.EMPTY_FILE",
};

export function supportErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = MESSAGES[error.code] ?? (error.status === 413 ? MESSAGES.FILE_TOO_LARGE : undefined);
    if (key) return t(key);
  }
  return messageFor(t, error);
}
