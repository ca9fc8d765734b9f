import { useCallback, useEffect, useMemo, useState } from "react";
import { licensingApi } from "./api.ts";
import { type AdministratorChange, administratorChanges, managedKeyIds } from "./member-keys.ts";
import { useAccountKeys } from "./useAccountKeys.ts";

/**
 * The keys one Regular Member manages, as the Users → Role → License Administrator
 * picker edits them: `wanted` starts as what they manage now; `changesFor` lists the
 * PUT …/administrators calls that Save makes; `apply` makes them one after another.
 */
export function useMemberKeys(accountId: string, userId: string, enabled: boolean) {
  const state = useAccountKeys(accountId, enabled);
  const keys = useMemo(() => (state.status === "ready" ? state.keys : []), [state]);
  const current = useMemo(() => managedKeyIds(keys, userId), [keys, userId]);
  const [wanted, setWanted] = useState<Set<string>>(new Set());

  useEffect(() => setWanted(new Set(current)), [current]);

  const toggle = useCallback((keyId: string, checked: boolean) => {
    setWanted((previous) => {
      const next = new Set(previous);
      if (checked) next.add(keyId);
      else next.delete(keyId);
      return next;
    });
  }, []);

  /** As a License Administrator they keep the ticked keys; as a plain Regular Member, none. */
  const changesFor = useCallback(
    (licenseAdministrator: boolean) => administratorChanges(keys, userId, licenseAdministrator ? wanted : new Set()),
    [keys, userId, wanted],
  );

  const apply = useCallback(
    async (changes: AdministratorChange[]) => {
      for (const change of changes) {
        await licensingApi.setAdministrators(accountId, change.subscriptionId, change.keyId, change.userIds);
      }
    },
    [accountId],
  );

  return { state, keys, wanted, toggle, changesFor, apply };
}
