import { useEffect, useState } from "react";
import { membersApi } from "../members/api.ts";

export type Member = { userId: string; name: string; email: string };

const PAGE = 100;
/** 2,000 people is more than a checkbox list can usefully show; `complete` says when it was cut. */
const MAX_PAGES = 20;

type State =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; members: Member[]; complete: boolean }
  | { status: "error"; error: unknown };

/**
 * The account's active Regular Members (the people who may be License
 * Administrators), paged through GET …/users?role=member&status=active.
 */
export function useRegularMembers(accountId: string, enabled: boolean) {
  const [state, setState] = useState<State>({ status: "idle" });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setState({ status: "loading" });
    async function load() {
      const members: Member[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await membersApi.roster(
          accountId,
          { q: "", role: "member", status: "active", sort: "name" },
          { limit: PAGE, cursor },
          controller.signal,
        );
        for (const entry of answer.items) {
          if (entry.kind === "member") members.push({ userId: entry.id, name: entry.name ?? entry.email, email: entry.email });
        }
        if (!answer.nextCursor) return { members, complete: true };
        cursor = answer.nextCursor;
      }
      return { members, complete: false };
    }
    load()
      .then((result) => setState({ status: "ready", ...result }))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [accountId, enabled]);

  return state;
}
