/**
 * Every error a client can see has a stable machine `code`. Modules throw AppError;
 * the error handler turns it into RFC 9457 problem+json.
 */
export type ErrorCode =
  | "VALIDATION_FAILED"
  | "BODY_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "MALFORMED_JSON"
  | "BAD_URL"
  | "URI_TOO_LONG"
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CROSS_ORIGIN_REQUEST_REFUSED"
  | "RATE_LIMITED"
  | "CONFLICT"
  | "PASSWORD_TOO_SHORT"
  | "PASSWORD_TOO_LONG"
  | "PASSWORD_TOO_COMMON"
  | "EMAIL_ALREADY_REGISTERED"
  | "ACCOUNT_NOT_FOUND"
  | "MEMBERSHIP_BLOCKED"
  | "ADMIN_ROLE_REQUIRED"
  | "NOT_A_BUSINESS_ACCOUNT"
  | "LAST_ADMIN"
  | "SELF_CHANGE_REFUSED"
  | "MEMBER_NOT_FOUND"
  | "INVITATION_NOT_FOUND"
  | "INVITATION_EXPIRED"
  | "INVITATION_REVOKED"
  | "INVITATION_USED"
  | "INVITATION_EMAIL_MISMATCH"
  | "ALREADY_MEMBER"
  | "ACCOUNT_EXISTS"
  | "INVITATION_LIMIT_REACHED"
  | "INTERNAL_ERROR"
  | "SERVICE_UNAVAILABLE"
  | "DATABASE_UNAVAILABLE"
  | "STORAGE_FULL";

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | (string & {}),
    message: string,
    readonly details?: { errors?: Array<{ field: string; message: string }>; retryAfterSeconds?: number },
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Resource") => new AppError(404, "NOT_FOUND", `${what} not found.`);
export const unauthenticated = () => new AppError(401, "UNAUTHENTICATED", "Sign in to continue.");
export const forbidden = (message = "You do not have permission to do this.") => new AppError(403, "FORBIDDEN", message);
