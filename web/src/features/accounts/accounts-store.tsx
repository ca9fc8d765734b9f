import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { AccountSummary } from "../../../../contracts/accounts.ts";
import { useSession } from "../../lib/session.ts";
import { accountsApi } from "./accounts-api.ts";

export type { AccountSummary };

export type AccountsState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; accounts: AccountSummary[] }
  | { status: "error"; error: unknown };

type AccountsContextValue = {
  state: AccountsState;
  /** The switcher's list; empty until loaded. */
  accounts: AccountSummary[];
  personal: AccountSummary | undefined;
  /** Loads the list again (after create, leave or join); resolves to the new list, or null on failure. */
  reload: () => Promise<AccountSummary[] | null>;
};

const AccountsContext = createContext<AccountsContextValue | null>(null);

/**
 * The accounts of the signed-in person (GET /api/accounts), shared by the account
 * switcher, "/" and the navigation. Loaded when someone signs in, dropped when they
 * sign out; a reload keeps the old list on screen until the new one arrives.
 */
export function AccountsProvider({ children }: { children: ReactNode }) {
  const { state: session } = useSession();
  const userId = session.status === "authenticated" ? session.me.id : null;
  const [state, setState] = useState<AccountsState>({ status: "idle" });
  const generation = useRef(0);

  const load = useCallback(async (): Promise<AccountSummary[] | null> => {
    const mine = ++generation.current;
    setState((current) => (current.status === "ready" ? current : { status: "loading" }));
    try {
      const { accounts } = await accountsApi.list();
      if (mine === generation.current) setState({ status: "ready", accounts });
      return accounts;
    } catch (error) {
      if (mine === generation.current) setState({ status: "error", error });
      return null;
    }
  }, []);

  useEffect(() => {
    generation.current++;
    setState({ status: "idle" });
    if (userId) void load();
  }, [userId, load]);

  const value = useMemo<AccountsContextValue>(() => {
    const accounts = state.status === "ready" ? state.accounts : [];
    return { state, accounts, personal: accounts.find((a) => a.kind === "personal"), reload: load };
  }, [state, load]);

  return <AccountsContext.Provider value={value}>{children}</AccountsContext.Provider>;
}

export function useAccounts(): AccountsContextValue {
  const value = useContext(AccountsContext);
  if (!value) throw new Error("useAccounts must be used inside <AccountsProvider>");
  return value;
}
