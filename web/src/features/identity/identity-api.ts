import type { SignUpBody } from "../../../../contracts/identity.ts";
import { api } from "../../lib/api.ts";

/** Typed calls to our identity routes and to Better Auth (mounted at /api/auth). */
export type SignInResult = { twoFactorRedirect: true } | { twoFactorRedirect?: undefined; redirect: boolean; token: string };

export type SessionInfo = {
  id: string;
  token: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  ipAddress?: string | null;
  userAgent?: string | null;
};

const VERIFIED_CALLBACK = "/email-verified";

export const identityApi = {
  signUp: (body: Omit<SignUpBody, "callbackURL">) =>
    api.post<{ status: "verification_sent"; email: string }>("/api/identity/sign-up", {
      ...body,
      callbackURL: VERIFIED_CALLBACK,
    }),

  resendVerification: (email: string) =>
    api.post<{ status: boolean }>("/api/auth/send-verification-email", { email, callbackURL: VERIFIED_CALLBACK }),

  /** When the address is not verified yet, Better Auth mails a new link that lands on /email-verified. */
  signIn: (email: string, password: string, rememberMe: boolean) =>
    api.post<SignInResult>("/api/auth/sign-in/email", { email, password, rememberMe, callbackURL: VERIFIED_CALLBACK }),

  verifyTotp: (code: string, trustDevice = false) => api.post<unknown>("/api/auth/two-factor/verify-totp", { code, trustDevice }),

  verifyBackupCode: (code: string, trustDevice = false) =>
    api.post<unknown>("/api/auth/two-factor/verify-backup-code", { code, trustDevice }),

  requestPasswordReset: (email: string) =>
    api.post<unknown>("/api/auth/request-password-reset", { email, redirectTo: "/reset-password" }),

  resetPassword: (token: string, newPassword: string) => api.post<unknown>("/api/auth/reset-password", { token, newPassword }),

  changePassword: (currentPassword: string, newPassword: string, revokeOtherSessions: boolean) =>
    api.post<unknown>("/api/auth/change-password", { currentPassword, newPassword, revokeOtherSessions }),

  listSessions: () => api.get<SessionInfo[]>("/api/auth/list-sessions"),
  currentSession: () => api.get<{ session: SessionInfo } | null>("/api/auth/get-session"),
  revokeSession: (token: string) => api.post<unknown>("/api/auth/revoke-session", { token }),
  revokeOtherSessions: () => api.post<unknown>("/api/auth/revoke-other-sessions", {}),

  enableTwoFactor: (password: string) =>
    api.post<{ totpURI: string; backupCodes: string[] }>("/api/auth/two-factor/enable", { password }),
  disableTwoFactor: (password: string) => api.post<unknown>("/api/auth/two-factor/disable", { password }),
  regenerateBackupCodes: (password: string) =>
    api.post<{ backupCodes: string[] }>("/api/auth/two-factor/generate-backup-codes", { password }),
};
