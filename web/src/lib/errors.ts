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
]);

export function formatSeconds(seconds: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: "unit", unit: "second", unitDisplay: "long" }).format(seconds);
}

/** One sentence for an alert, in the UI language. */
export function messageFor(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t("errors.generic");
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
};

/**
 * Maps problem `errors[]` (fields like `body.email`) and PASSWORD_* codes to the
 * form's own field names. `passwordField` names the field a PASSWORD_* code is about.
 */
export function fieldErrorsFrom<F extends string>(t: TFunction, error: unknown, passwordField?: F): Partial<Record<F, string>> {
  const result: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError)) return result;
  if (passwordField && error.code.startsWith("PASSWORD_") && KNOWN_CODES.has(error.code)) {
    result[passwordField] = t(`errors.${error.code}`);
  }
  for (const { field, message } of error.fieldErrors) {
    const name = field.replace(/^(body|query|params)\./, "").split(".")[0] ?? field;
    const target = (name === "password" && passwordField ? passwordField : name) as F;
    if (result[target]) continue;
    const key = FIELD_MESSAGES[name];
    result[target] = error.code.startsWith("PASSWORD_") ? t(`errors.${error.code}`) : key ? t(key) : message;
  }
  return result;
}
