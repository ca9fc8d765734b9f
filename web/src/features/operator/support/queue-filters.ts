import { TicketCategory, TicketSeverity, TicketStatus } from "../../../../../contracts/support.ts";

/**
 * The support queue's filters, kept in the page's URL (so a link or Back shows the same
 * queue). Status defaults to "open" (everything not resolved or closed); "all" drops it.
 * Assignee is "" (anyone), "me", "unassigned" or an operator's user id.
 */
export type QueueFilters = {
  status: TicketStatus | "open" | "all";
  assignee: string;
  severity: TicketSeverity | "";
  category: TicketCategory | "";
  productId: string;
  q: string;
};

export const DEFAULT_QUEUE_FILTERS: QueueFilters = {
  status: "open",
  assignee: "",
  severity: "",
  category: "",
  productId: "",
  q: "",
};

const ID = /^[\w-]{1,64}$/;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | "" {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : "";
}

/** Reads the filters from the URL; anything unknown falls back to its default rather than failing. */
export function parseQueueFilters(search: URLSearchParams): QueueFilters {
  const status = search.get("status");
  const assignee = search.get("assignee") ?? "";
  const productId = search.get("productId") ?? "";
  return {
    status: status === "all" || status === "open" ? status : oneOf(TicketStatus.options, status) || "open",
    assignee: ID.test(assignee) ? assignee : "",
    severity: oneOf(TicketSeverity.options, search.get("severity")),
    category: oneOf(TicketCategory.options, search.get("category")),
    productId: ID.test(productId) ? productId : "",
    q: (search.get("q") ?? "").trim().slice(0, 200),
  };
}

/** The URL query for the filters ("" for the default queue); defaults are left out. */
export function queueSearch(filters: QueueFilters): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_QUEUE_FILTERS) as Array<keyof QueueFilters>) {
    const value = key === "q" ? filters.q.trim() : filters[key];
    if (value !== DEFAULT_QUEUE_FILTERS[key]) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The list route's query (OperatorTicketListQuery): "all" means no status filter. */
export function queueApiParams(filters: QueueFilters): Record<string, string | undefined> {
  return {
    status: filters.status === "all" ? undefined : filters.status,
    assignee: filters.assignee || undefined,
    severity: filters.severity || undefined,
    category: filters.category || undefined,
    productId: filters.productId || undefined,
    q: filters.q.trim() || undefined,
  };
}

/**
 * The queue's last filters in this tab (in memory only), so "Back to the support queue"
 * from a ticket returns to the same queue rather than the default one.
 */
let lastQueueSearch = "";

export function rememberQueueSearch(search: string): void {
  lastQueueSearch = search;
}

export function lastQueueHref(queuePath: string): string {
  return `${queuePath}${lastQueueSearch}`;
}
