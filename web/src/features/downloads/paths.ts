import { matchPath } from "../../app/router.tsx";

/** Downloads of the account in the URL. */
export function downloadsPath(accountId: string): string {
  return `/accounts/${encodeURIComponent(accountId)}/downloads`;
}

export function matchDownloadsRoute(pathname: string): { accountId: string } | null {
  const params = matchPath("/accounts/:accountId/downloads", pathname);
  if (!params?.accountId || params.accountId === "new") return null;
  return { accountId: params.accountId };
}
