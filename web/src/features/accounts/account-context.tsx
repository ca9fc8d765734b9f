import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { AccountDetails } from "../../../../contracts/accounts.ts";
import { ApiError } from "../../lib/api.ts";
import { useMe } from "../../lib/session.ts";
import { accountsApi } from "./accounts-api.ts";
import { rememberLastAccount } from "./last-account.ts";

export type { AccountDetails };

export type AccountState =
  | { status: "loading" }
  | { status: "ready"; account: AccountDetails }
  | { status: "error"; error: unknown };

type AccountContextValue = {
  accountId: string;
  state: AccountState;
  /** Loads the account again (e.g. after a change made elsewhere). */
  reload: () => Promise<void>;
  /** Replaces the shown account with a fresh copy the server returned (after Save). */
  setAccount: (account: AccountDetails) => void;
};

const AccountContext = createContext<AccountContextValue | null>(null);

/**
 * The account named in the URL (/accounts/:accountId/…), loaded from
 * GET /api/accounts/:accountId. The server checks membership on every request;
 * this only decides what to show. Moving between the account's pages keeps what
 * is loaded on screen while it is fetched again.
 */
export function AccountProvider({
  accountId,
  page,
  children,
}: {
  accountId: string;
  /** The current page of the account; moving to another page reloads it quietly (admins or role may have changed). */
  page: string;
  children: ReactNode;
}) {
  const me = useMe();
  const [state, setState] = useState<AccountState>({ status: "loading" });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const account = await accountsApi.get(accountId);
      if (mine !== generation.current) return;
      setState({ status: "ready", account });
      if (account.membership.status === "active") rememberLastAccount(me.id, account.id);
    } catch (error) {
      if (mine !== generation.current) return;
      // A quiet reload that fails for a passing reason (network) keeps the page; losing access does not.
      const lostAccess = error instanceof ApiError && (error.status === 403 || error.status === 404);
      setState((current) => (current.status === "ready" && !lostAccess ? current : { status: "error", error }));
    }
  }, [accountId, me.id]);

  useEffect(() => {
    setState({ status: "loading" });
    void reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  const shownPage = useRef(page);
  useEffect(() => {
    if (shownPage.current === page) return;
    shownPage.current = page;
    void reload();
  }, [page, reload]);

  const setAccount = useCallback((account: AccountDetails) => {
    generation.current++;
    setState({ status: "ready", account });
  }, []);

  const value = useMemo(() => ({ accountId, state, reload, setAccount }), [accountId, state, reload, setAccount]);
  return <AccountContext.Provider value={value}>{children}</AccountContext.Provider>;
}

/** The account id of the current route, or null on pages outside an account (Personal Profile…). */
export function useRouteAccountId(): string | null {
  return useContext(AccountContext)?.accountId ?? null;
}

export function useAccountState(): AccountContextValue {
  const value = useContext(AccountContext);
  if (!value) throw new Error("useAccountState must be used inside <AccountProvider>");
  return value;
}

/** The loaded account; only call this below <AccountGate>. */
export function useAccount(): { account: AccountDetails; reload: () => Promise<void>; setAccount: (a: AccountDetails) => void } {
  const { state, reload, setAccount } = useAccountState();
  if (state.status !== "ready") throw new Error("useAccount needs a loaded account (use it below <AccountGate>)");
  return { account: state.account, reload, setAccount };
}
