import type { TicketListQuery, TicketStatus } from "../../../../contracts/support.ts";
import { matchPath } from "../../app/router.tsx";

/** The list's filters as the URL keeps them (`?status=&productId=&mine=&q=`), so a reload or a shared link shows the same list. */
export type TicketFilters = {
  status: TicketStatus | "";
  productId: string;
  mine: NonNullable<TicketListQuery["mine"]> | "";
  q: string;
};

export const NO_FILTERS: TicketFilters = { status: "", productId: "", mine: "", q: "" };

const STATUSES: readonly string[] = ["new", "in_progress", "waiting_for_customer", "resolved", "closed"];
const MINE: readonly string[] = ["created", "watching"];

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/support`;

export const supportPaths = {
  list: (accountId: string, filters: Partial<TicketFilters> = {}) => {
    const search = new URLSearchParams();
    for (const name of ["status", "productId", "mine", "q"] as const) {
      const value = filters[name]?.trim();
      if (value) search.set(name, value);
    }
    const query = search.toString();
    return query ? `${base(accountId)}?${query}` : base(accountId);
  },
  newTicket: (accountId: string) => `${base(accountId)}/new`,
  ticket: (accountId: string, ticketId: string) => `${base(accountId)}/${encodeURIComponent(ticketId)}`,
  /** The outside watcher's page (public; the token is the whole capability). */
  watch: (token: string) => `/support/watch/${encodeURIComponent(token)}`,
};

/** Unknown values in a hand-edited URL are dropped rather than sent (the server would answer 400). */
export function filtersFromSearch(search: URLSearchParams): TicketFilters {
  const status = search.get("status") ?? "";
  const mine = search.get("mine") ?? "";
  return {
    status: STATUSES.includes(status) ? (status as TicketStatus) : "",
    productId: search.get("productId")?.trim().slice(0, 64) ?? "",
    mine: MINE.includes(mine) ? (mine as TicketFilters["mine"]) : "",
    q: search.get("q")?.slice(0, 200) ?? "",
  };
}

export type SupportRoute =
  | { page: "list"; accountId: string }
  | { page: "new"; accountId: string }
  | { page: "ticket"; accountId: string; ticketId: string };

/** The Support page of the account in the URL, if any ("new" is the form, never a ticket id). */
export function matchSupportRoute(pathname: string): SupportRoute | null {
  const list = matchPath("/accounts/:accountId/support", pathname);
  if (list?.accountId && list.accountId !== "new") return { page: "list", accountId: list.accountId };
  const one = matchPath("/accounts/:accountId/support/:ticketId", pathname);
  if (!one?.accountId || !one.ticketId || one.accountId === "new") return null;
  if (one.ticketId === "new") return { page: "new", accountId: one.accountId };
  return { page: "ticket", accountId: one.accountId, ticketId: one.ticketId };
}

export function matchWatchRoute(pathname: string): { token: string } | null {
  const params = matchPath("/support/watch/:token", pathname);
  return params?.token ? { token: params.token } : null;
}
