import { useEffect, useState } from "react";
import { membersApi, type RosterEntry } from "../members/api.ts";

/** Enough for the person filter; beyond it the "someone else" user-id box still works. */
const MAX_PAGES = 5;
const PAGE = 100;

export type Person = { userId: string; name: string; email: string };

/**
 * The account's members (active and blocked) for the audit log's person filter.
 * `complete` is false when the list failed to load or was cut short.
 */
export function usePeople(accountId: string) {
  const [people, setPeople] = useState<Person[]>([]);
  const [complete, setComplete] = useState(true);

  useEffect(() => {
    const controller = new AbortController();
    async function load() {
      const found: RosterEntry[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await membersApi.roster(
          accountId,
          { q: "", role: "", status: "", sort: "name" },
          { limit: PAGE, cursor },
          controller.signal,
        );
        found.push(...answer.items.filter((entry) => entry.kind === "member"));
        if (!answer.nextCursor) return { found, complete: true };
        cursor = answer.nextCursor;
      }
      return { found, complete: false };
    }
    load()
      .then((result) => {
        setPeople(result.found.map((entry) => ({ userId: entry.id, name: entry.name ?? entry.email, email: entry.email })));
        setComplete(result.complete);
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setComplete(false);
      });
    return () => controller.abort();
  }, [accountId]);

  return { people, complete };
}
