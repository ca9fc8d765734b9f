import type { AuditOutcome } from "../audit/audit.repo.ts";

/**
 * Which Better Auth endpoints are written to the audit log, under what action name.
 * The bridge calls `auditActionFor` after each response; the outcome is read from
 * the status code.
 */
const AUDITED: Record<string, string> = {
  "/sign-in/email": "identity.sign_in",
  "/two-factor/verify-totp": "identity.sign_in_second_factor",
  "/two-factor/verify-backup-code": "identity.sign_in_second_factor",
  "/sign-out": "identity.sign_out",
  "/change-password": "identity.password_change",
  "/request-password-reset": "identity.password_reset_request",
  "/reset-password": "identity.password_reset",
  "/verify-email": "identity.email_verify",
  "/two-factor/enable": "identity.two_factor_enable",
  "/two-factor/disable": "identity.two_factor_disable",
  "/two-factor/generate-backup-codes": "identity.two_factor_backup_codes_regenerate",
  "/revoke-session": "identity.session_revoke",
  "/revoke-sessions": "identity.session_revoke_all",
  "/revoke-other-sessions": "identity.session_revoke_others",
};

export function auditActionFor(method: string, authPath: string): string | undefined {
  if (authPath === "/verify-email") return method === "GET" ? AUDITED[authPath] : undefined;
  return method === "POST" ? AUDITED[authPath] : undefined;
}

export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return "success";
  if (status === 403 || status === 429) return "denied";
  return "failure";
}

/** Paths whose actor is only known from the session *before* the call (it may end the session). */
export const NEEDS_SESSION_BEFORE = new Set([
  "/sign-out",
  "/change-password",
  "/two-factor/enable",
  "/two-factor/disable",
  "/two-factor/generate-backup-codes",
  "/revoke-session",
  "/revoke-sessions",
  "/revoke-other-sessions",
]);
