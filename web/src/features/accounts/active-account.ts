import type { AccountSummary } from "../../../../contracts/accounts.ts";
import { useMe } from "../../lib/session.ts";
import { useRouteAccountId } from "./account-context.tsx";
import { useAccounts } from "./accounts-store.tsx";
import { readLastAccount } from "./last-account.ts";

/** The last-used account if it is still listed and open to the person, else the personal account. */
export function homeAccount(accounts: AccountSummary[], lastId: string | null): AccountSummary | undefined {
  const last = accounts.find((a) => a.id === lastId && a.status === "active");
  return last ?? accounts.find((a) => a.kind === "personal") ?? accounts.find((a) => a.status === "active");
}

/**
 * The account the top bar is about: the one in the URL, or on pages outside an
 * account (Personal Profile…) the one "/" would open.
 */
export function useActiveAccount(): { id: string | null; summary: AccountSummary | undefined } {
  const me = useMe();
  const routeId = useRouteAccountId();
  const { accounts } = useAccounts();
  const id = routeId ?? homeAccount(accounts, readLastAccount(me.id))?.id ?? null;
  return { id, summary: accounts.find((a) => a.id === id) };
}
