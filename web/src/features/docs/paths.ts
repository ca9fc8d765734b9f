import { matchPath } from "../../app/router.tsx";

/** Documentation of the account in the URL (the same for every account; the links lead to its Downloads). */
export function docsPath(accountId: string, section?: string): string {
  return `/accounts/${encodeURIComponent(accountId)}/documentation${section ? `#${section}` : ""}`;
}

export function matchDocsRoute(pathname: string): { accountId: string } | null {
  const params = matchPath("/accounts/:accountId/documentation", pathname);
  if (!params?.accountId || params.accountId === "new") return null;
  return { accountId: params.accountId };
}
