import type {
  Attachment,
  CreateTicketBody,
  ReplyBody,
  TicketOptions,
  TicketPage,
  TicketView,
  Watcher,
  WatchLinkView,
} from "../../../../contracts/support.ts";
import { api } from "../../lib/api.ts";
import { withQuery } from "../members/api.ts";
import type { TicketFilters } from "./paths.ts";

export type { TicketMessage, TicketSummary } from "../../../../contracts/support.ts";
export type { Attachment, TicketOptions, TicketPage, TicketView, Watcher, WatchLinkView };

/** The bodies as the form sends them (the schema's defaults filled in). */
export type NewTicket = CreateTicketBody;
export type Reply = ReplyBody;

const support = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}/support`;
const ticket = (accountId: string, ticketId: string) => `${support(accountId)}/tickets/${encodeURIComponent(ticketId)}`;
const watch = (token: string) => `/api/support/watch/${encodeURIComponent(token)}`;

/** Typed calls to the members' support routes (contracts/support.ts). */
export const supportApi = {
  options: (accountId: string, signal?: AbortSignal) => api.get<TicketOptions>(`${support(accountId)}/options`, signal),
  list: (accountId: string, filters: TicketFilters, page: { limit: number; cursor?: string }, signal?: AbortSignal) =>
    api.get<TicketPage>(
      withQuery(`${support(accountId)}/tickets`, {
        status: filters.status,
        productId: filters.productId,
        mine: filters.mine,
        q: filters.q.trim(),
        limit: page.limit,
        cursor: page.cursor,
      }),
      signal,
    ),
  create: (accountId: string, body: NewTicket) => api.post<TicketView>(`${support(accountId)}/tickets`, body),
  get: (accountId: string, ticketId: string, signal?: AbortSignal) => api.get<TicketView>(ticket(accountId, ticketId), signal),
  reply: (accountId: string, ticketId: string, body: Reply) =>
    api.post<TicketView>(`${ticket(accountId, ticketId)}/messages`, body),
  setStatus: (accountId: string, ticketId: string, status: "resolved" | "in_progress") =>
    api.post<TicketView>(`${ticket(accountId, ticketId)}/status`, { status }),
  addWatcher: (accountId: string, ticketId: string, email: string) =>
    api.post<Watcher>(`${ticket(accountId, ticketId)}/watchers`, { email }),
  removeWatcher: (accountId: string, ticketId: string, watcherId: string) =>
    api.delete<null>(`${ticket(accountId, ticketId)}/watchers/${encodeURIComponent(watcherId)}`),
  /** Where the account's members upload (raw bytes, `?fileName=`). */
  uploadUrl: (accountId: string) => `${support(accountId)}/attachments`,
};

/** The outside watcher's calls: the token in the path is the whole capability (404 WATCH_LINK_NOT_FOUND once revoked). */
export const watchApi = {
  get: (token: string, signal?: AbortSignal) => api.get<WatchLinkView>(watch(token), signal),
  reply: (token: string, body: Reply) => api.post<WatchLinkView>(`${watch(token)}/messages`, body),
  uploadUrl: (token: string) => `${watch(token)}/attachments`,
};
