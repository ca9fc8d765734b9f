import { createContext, createElement, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { Me } from "../../../contracts/identity.ts";
import { ApiError, api } from "./api.ts";
import { currentLocale, setLocale } from "./i18n.ts";

export type { Me };

export type SessionState = { status: "loading" } | { status: "anonymous" } | { status: "authenticated"; me: Me };

type SessionContextValue = {
  state: SessionState;
  /** Reloads the signed-in person from /api/me; resolves to null when signed out. */
  refresh: () => Promise<Me | null>;
  setMe: (me: Me) => void;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

async function fetchMe(): Promise<Me | null> {
  // get-session answers 200 null when signed out, so anonymous visits log no 401 in the console.
  const current = await api.get<{ session: unknown } | null>("/api/auth/get-session");
  if (!current) return null;
  try {
    return await api.get<Me>("/api/me");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const apply = useCallback((me: Me | null) => {
    setState(me ? { status: "authenticated", me } : { status: "anonymous" });
    // The saved profile language follows the person to every device.
    if (me && me.locale !== currentLocale()) void setLocale(me.locale);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const me = await fetchMe();
      apply(me);
      return me;
    } catch {
      setState({ status: "anonymous" });
      return null;
    }
  }, [apply]);

  const signOut = useCallback(async () => {
    try {
      await api.post("/api/auth/sign-out", {});
    } finally {
      setState({ status: "anonymous" });
    }
  }, []);

  const setMe = useCallback((me: Me) => setState({ status: "authenticated", me }), []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ state, refresh, setMe, signOut }), [state, refresh, setMe, signOut]);
  return createElement(SessionContext.Provider, { value }, children);
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}

/** The signed-in person; only call this below <RequireAuth>. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== "authenticated") throw new Error("useMe needs a signed-in person");
  return state.me;
}
