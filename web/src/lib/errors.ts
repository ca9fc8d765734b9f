import type { TFunction } from "i18next";
import { ApiError } from "./api.ts";
import { currentLocale } from "./i18n.ts";

/** Server codes we have our own (translated) words for; anything else falls back to the server's detail. */
const KNOWN_CODES = new Set([
  "NETWORK_ERROR",
  "VALIDATION_FAILED",
  "PASSWORD_TOO_SHORT",
  "PASSWORD_TOO_LONG",
  "PASSWORD_TOO_COMMON",
  "INVALID_EMAIL_OR_PASSWORD",
  "INVALID_PASSWORD",
  "INVALID_CODE",
  "TOTP_CODE_REUSED",
  "INVALID_BACKUP_CODE",
  "INVALID_TWO_FACTOR_COOKIE",
  "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE",
  "ACCOUNT_TEMPORARILY_LOCKED",
  "INVALID_TOKEN",
  "UNAUTHENTICATED",
  "UNAUTHORIZED",
  "SESSION_EXPIRED",
  "CROSS_ORIGIN_REQUEST_REFUSED",
  "INTERNAL_ERROR",
  "ACCOUNT_NOT_FOUND",
  "MEMBERSHIP_BLOCKED",
  "ADMIN_ROLE_REQUIRED",
  "NOT_A_BUSINESS_ACCOUNT",
  "LAST_ADMIN",
  "SELF_CHANGE_REFUSED",
  "MEMBER_NOT_FOUND",
  "INVITATION_NOT_FOUND",
  "INVITATION_EXPIRED",
  "INVITATION_REVOKED",
  "INVITATION_USED",
  "INVITATION_EMAIL_MISMATCH",
  "ALREADY_MEMBER",
  "ACCOUNT_EXISTS",
  "INVITATION_LIMIT_REACHED",
  "KEY_FORMAT_INVALID",
  "KEY_NOT_FOUND",
  "KEY_ALREADY_REGISTERED",
  "POOL_EXHAUSTED",
  "LICENSES_BELOW_RESERVED",
  "KEY_EXPIRY_AFTER_SUBSCRIPTION",
  "SUBSCRIPTION_NOT_FOUND",
  "LICENSE_KEY_NOT_FOUND",
  "OPERATOR_REQUIRED",
  "NOT_A_REGULAR_MEMBER",
  "PRIMARY_KEY_NOT_DELETABLE",
]);

export function formatSeconds(seconds: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: "unit", unit: "second", unitDisplay: "long" }).format(seconds);
}

/** One sentence for an alert, in the UI language. */
export function messageFor(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t("errors.generic");
  if (error.code === "INVITATION_LIMIT_REACHED") return t("errors.INVITATION_LIMIT_REACHED");
  if (error.status === 429 || error.code === "RATE_LIMITED") {
    return error.retryAfterSeconds
      ? t("errors.RATE_LIMITED_RETRY", { duration: formatSeconds(error.retryAfterSeconds) })
      : t("errors.RATE_LIMITED");
  }
  if (KNOWN_CODES.has(error.code)) return t(`errors.${error.code}`);
  if (error.status >= 500) return t("errors.INTERNAL_ERROR");
  return error.detail || t("errors.generic");
}

const FIELD_MESSAGES: Record<string, string> = {
  firstName: "validation.nameRequired",
  lastName: "validation.nameRequired",
  email: "validation.emailInvalid",
  password: "validation.passwordLength",
  newPassword: "validation.passwordLength",
  locale: "validation.localeInvalid",
  companyName: "company.errors.companyName",
  country: "company.errors.country",
  postcode: "company.errors.postcode",
  businessPhone: "company.errors.businessPhone",
  addressLine1: "company.errors.address",
  addressLine2: "company.errors.address",
  city: "company.errors.city",
  vatId: "company.errors.vatId",
  website: "company.errors.website",
};

/**
 * Maps problem `errors[]` (fields like `body.email`, or `body.company.country` for the
 * company fields nested in sign-up) and PASSWORD_* codes to the form's own field
 * names. `passwordField` names the field a PASSWORD_* code is about.
 */
export function fieldErrorsFrom<F extends string>(t: TFunction, error: unknown, passwordField?: F): Partial<Record<F, string>> {
  const result: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError)) return result;
  if (passwordField && error.code.startsWith("PASSWORD_") && KNOWN_CODES.has(error.code)) {
    result[passwordField] = t(`errors.${error.code}`);
  }
  for (const { field, message } of error.fieldErrors) {
    const name =
      field
        .replace(/^(body|query|params)\./, "")
        .replace(/^company\./, "")
        .split(".")[0] ?? field;
    const target = (name === "password" && passwordField ? passwordField : name) as F;
    if (result[target]) continue;
    const key = FIELD_MESSAGES[name];
    result[target] = error.code.startsWith("PASSWORD_") ? t(`errors.${error.code}`) : key ? t(key) : message;
  }
  return result;
}
