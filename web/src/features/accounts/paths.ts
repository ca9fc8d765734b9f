import type { AccountSummary } from "../../../../contracts/accounts.ts";
import { matchPath } from "../../app/router.tsx";
import { docsPath, matchDocsRoute } from "../docs/paths.ts";
import { downloadsPath, matchDownloadsRoute } from "../downloads/paths.ts";
import { farmsPath, matchFarmsRoute } from "../farms/paths.ts";
import { matchSupportRoute, supportPaths } from "../support/paths.ts";

/** The pages of one account; the id travels in the URL, so two tabs can show two accounts. */
export type AccountSection = "dashboard" | "business-profile" | "users" | "audit";

const SUFFIX: Record<AccountSection, string> = {
  dashboard: "",
  "business-profile": "/business-profile",
  users: "/users",
  audit: "/audit",
};

export const ACCOUNT_ROUTES: Array<{ pattern: string; section: AccountSection }> = (
  Object.entries(SUFFIX) as Array<[AccountSection, string]>
).map(([section, suffix]) => ({ pattern: `/accounts/:accountId${suffix}`, section }));

export function accountPath(accountId: string, section: AccountSection = "dashboard"): string {
  return `/accounts/${encodeURIComponent(accountId)}${SUFFIX[section]}`;
}

/** The account page a path shows, if any. */
export function matchAccountRoute(pathname: string): { accountId: string; section: AccountSection } | null {
  for (const { pattern, section } of ACCOUNT_ROUTES) {
    const params = matchPath(pattern, pathname);
    if (params?.accountId && params.accountId !== "new") return { accountId: params.accountId, section };
  }
  return null;
}

/**
 * Where the switcher goes: the same page in the other account where that page
 * exists for it (Business Profile only for business accounts; Users and the audit
 * log only for their Account Administrators; Manage Farms, Downloads, Documentation and Support
 * for everyone), else that account's Dashboard.
 */
export function switchTarget(pathname: string, target: AccountSummary): string {
  // Every account has Manage Farms (a member without keys sees an empty list); its filters name the old account's keys, so they go.
  if (matchFarmsRoute(pathname)) return farmsPath(target.id);
  // Every member may open these (Downloads explains when the account has no active subscription).
  if (matchDownloadsRoute(pathname)) return downloadsPath(target.id);
  if (matchDocsRoute(pathname)) return docsPath(target.id);
  // Every member has Support; a ticket belongs to one account, so its page becomes the other account's list.
  const support = matchSupportRoute(pathname);
  if (support) return support.page === "new" ? supportPaths.newTicket(target.id) : supportPaths.list(target.id);
  const section = matchAccountRoute(pathname)?.section ?? "dashboard";
  if (target.kind !== "business" || section === "dashboard") return accountPath(target.id);
  if (section === "business-profile" || target.role === "admin") return accountPath(target.id, section);
  return accountPath(target.id, "business-profile");
}
