import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/support.css";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "../../app/router.tsx";
import { useFlash } from "../../lib/flash.ts";
import { StatusMessage } from "../../ui/Alert.tsx";
import { LoadMoreFooter } from "../../ui/LoadMoreFooter.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { useKeysetPages, useSearchInput } from "../members/useKeysetPages.ts";
import { supportApi, type TicketOptions } from "./api.ts";
import { supportErrorMessage } from "./errors.ts";
import { type TicketFilters as Filters, filtersFromSearch, supportPaths } from "./paths.ts";
import { TicketFilters } from "./TicketFilters.tsx";
import { TicketsTable } from "./TicketsTable.tsx";

/**
 * Support (/accounts/:accountId/support): the tickets this member may see (all of the
 * account's for Account Administrators, else the ones they opened or watch), filtered
 * by status, product, whose and a search; the filters live in the URL.
 */
export function SupportPage() {
  const { t } = useTranslation();
  const { account } = useAccount();
  const location = useLocation();
  const flash = useFlash();
  const [filters, setFilters] = useState<Filters>(() => filtersFromSearch(location.search));
  const search = useSearchInput(250, filters.q);
  const [products, setProducts] = useState<TicketOptions["products"]>([]);

  useEffect(() => {
    const controller = new AbortController();
    supportApi
      .options(account.id, controller.signal)
      .then((options) => setProducts(options.products))
      .catch(() => undefined); // The product filter is a convenience; the list works without it.
    return () => controller.abort();
  }, [account.id]);

  const applied: Filters = { ...filters, q: search.query };
  // The filters live in the URL too, so a reload or a shared link shows the same list.
  const written = useRef(location.href);
  const { setText } = search;
  // biome-ignore lint/correctness/useExhaustiveDependencies: location.search changes with location.href.
  useEffect(() => {
    // A link to this page with other filters (the nav's Support link) while it is open.
    if (location.href === written.current) return;
    written.current = location.href;
    const asked = filtersFromSearch(location.search);
    setFilters(asked);
    setText(asked.q);
  }, [location.href]);
  const href = supportPaths.list(account.id, applied);
  useEffect(() => {
    if (href === written.current) return;
    written.current = href;
    window.history.replaceState(null, "", href);
  }, [href]);

  const list = useKeysetPages((page, signal) => supportApi.list(account.id, applied, page, signal), href);
  const filtered = Boolean(applied.status || applied.productId || applied.mine || applied.q);
  const title = t("support.list.title");
  const openLink = (
    <Link to={supportPaths.newTicket(account.id)} className="btn btn-primary">
      <span className="btn-label">{t("support.list.open")}</span>
    </Link>
  );

  return (
    <>
      <PageHeading title={title} subtitle={t("support.list.subtitle")} actions={openLink}>
        {title}
      </PageHeading>
      <StatusMessage message={flash} />
      <section className="card stack" aria-labelledby="tickets-heading">
        <h2 id="tickets-heading" className="sr-only">
          {title}
        </h2>
        <TicketFilters
          filters={filters}
          products={products}
          onChange={(change) => setFilters((current) => ({ ...current, ...change }))}
          search={search.text}
          onSearch={search.setText}
          onSearchNow={search.applyNow}
        />
        {list.error ? (
          <div role="alert" className="alert alert-error">
            {supportErrorMessage(t, list.error)}
          </div>
        ) : null}
        {!list.loaded && list.phase === "loading" ? (
          <p className="page-loading">
            <span className="spinner" aria-hidden="true" />
            {t("common.loading")}
          </p>
        ) : null}
        {list.loaded && list.items.length === 0 ? (
          <div className="empty-state">
            {filtered ? (
              <p>{t("support.list.emptyFiltered")}</p>
            ) : (
              <>
                <div className="empty-illustration" aria-hidden="true" />
                <p>{t("support.list.empty")}</p>
                <p>{openLink}</p>
              </>
            )}
          </div>
        ) : null}
        {list.loaded && list.items.length > 0 ? (
          <TicketsTable accountId={account.id} items={list.items} busy={list.phase !== "ready"} />
        ) : null}
        <LoadMoreFooter
          list={list}
          shown={list.items.length}
          showingText={t("support.list.showing", { shown: list.items.length })}
          loadMoreText={t("support.list.loadMore")}
        />
      </section>
    </>
  );
}
