import "../../../styles/store.css";
import "./operator-support.css";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, navigate, useLocation } from "../../../app/router.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { Alert } from "../../../ui/Alert.tsx";
import { LoadMoreFooter } from "../../../ui/LoadMoreFooter.tsx";
import { PageHeading } from "../../../ui/PageHeading.tsx";
import { TextField } from "../../../ui/TextField.tsx";
import { useKeysetPages } from "../../members/useKeysetPages.ts";
import { operatorPaths } from "../paths.ts";
import { supportOperatorApi } from "./api.ts";
import { supportErrorMessage } from "./errors.ts";
import { SEVERITY_BADGES, SEVERITY_KEYS, TICKET_STATUS_BADGES, TICKET_STATUS_KEYS } from "./labels.ts";
import { QueueFilterFields } from "./QueueFilterFields.tsx";
import { parseQueueFilters, type QueueFilters, queueSearch, rememberQueueSearch } from "./queue-filters.ts";
import { ResponseSummary, useNow } from "./ResponseSummary.tsx";

/**
 * /operator/support: every account's tickets, by default the open ones, newest activity
 * first. The filters live in the URL, so a shared link or Back shows the same queue.
 */
export function SupportQueuePage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const filters = parseQueueFilters(search);
  const [text, setText] = useState(filters.q);
  const now = useNow();
  const filterKey = queueSearch(filters);
  useEffect(() => rememberQueueSearch(filterKey), [filterKey]);
  const list = useKeysetPages((page, signal) => supportOperatorApi.tickets(filters, page, signal), filterKey);
  const title = t("operatorSupport.queue.title");

  // From the URL as it is now, so a delayed search does not undo a filter chosen meanwhile.
  const apply = (change: Partial<QueueFilters>) => {
    const current = parseQueueFilters(new URLSearchParams(window.location.search));
    navigate(`${operatorPaths.support()}${queueSearch({ ...current, ...change })}`, { replace: true });
  };

  // Back/Forward change the URL's search: the box shows it (typing ahead of the URL is left alone).
  useEffect(() => setText((current) => (current.trim() === filters.q ? current : filters.q)), [filters.q]);

  // The search box follows the URL after a pause, like the operator search.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text starts a new search.
  useEffect(() => {
    if (text.trim() === filters.q) return;
    const timer = window.setTimeout(() => apply({ q: text }), 400);
    return () => window.clearTimeout(timer);
  }, [text]);

  return (
    <>
      <PageHeading title={title} subtitle={t("operatorSupport.queue.subtitle")}>
        {title}
      </PageHeading>
      <section className="card stack" aria-labelledby="support-queue-heading">
        <h2 id="support-queue-heading" className="sr-only">
          {title}
        </h2>
        <search className="list-filters opsup-filters">
          <TextField
            type="search"
            label={t("operatorSupport.queue.search")}
            hint={t("operatorSupport.queue.searchHint")}
            value={text}
            onChange={setText}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
          />
          <QueueFilterFields filters={filters} onChange={apply} />
        </search>
        {list.error ? <Alert>{supportErrorMessage(t, list.error)}</Alert> : null}
        {list.loaded && list.items.length === 0 && <p className="muted">{t("operatorSupport.queue.empty")}</p>}
        {list.loaded && list.items.length > 0 && (
          <div className="table-scroll">
            <table className="data-table opsup-queue" aria-busy={list.phase !== "ready" || undefined}>
              <caption className="sr-only">{t("operatorSupport.queue.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("operatorSupport.queue.reference")}</th>
                  <th scope="col">{t("operatorSupport.queue.subject")}</th>
                  <th scope="col">{t("operatorSupport.queue.account")}</th>
                  <th scope="col">{t("operatorSupport.queue.severity")}</th>
                  <th scope="col">{t("operatorSupport.queue.status")}</th>
                  <th scope="col">{t("operatorSupport.queue.assignee")}</th>
                  <th scope="col">{t("operatorSupport.queue.response")}</th>
                  <th scope="col">{t("operatorSupport.queue.lastActivity")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((ticket) => (
                  <tr key={ticket.id}>
                    <th scope="row">
                      <Link to={operatorPaths.supportTicket(ticket.id)}>
                        <code>{ticket.reference}</code>
                      </Link>
                    </th>
                    <td className="cell-wide">
                      <Link to={operatorPaths.supportTicket(ticket.id)}>{ticket.subject}</Link>
                      <span className="block muted small">{ticket.product.name}</span>
                    </td>
                    <td>
                      <Link to={operatorPaths.account(ticket.account.id, ticket.account.name)}>{ticket.account.name}</Link>
                    </td>
                    <td>
                      <span className={SEVERITY_BADGES[ticket.severity]}>{t(SEVERITY_KEYS[ticket.severity])}</span>
                    </td>
                    <td>
                      <span className={TICKET_STATUS_BADGES[ticket.status]}>{t(TICKET_STATUS_KEYS[ticket.status])}</span>
                    </td>
                    <td>{ticket.assignee?.name ?? <span className="muted">{t("operatorSupport.unassigned")}</span>}</td>
                    <td>
                      <ResponseSummary response={ticket.response} status={ticket.status} now={now} />
                    </td>
                    <td>
                      <time dateTime={ticket.lastActivityAt}>{formatDateTime(ticket.lastActivityAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMoreFooter
          list={list}
          shown={list.items.length}
          showingText={t("operatorSupport.queue.showing", { shown: list.items.length })}
          loadMoreText={t("operatorSupport.queue.loadMore")}
        />
      </section>
    </>
  );
}
