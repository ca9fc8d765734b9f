import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/store.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { LoadMoreFooter } from "../../ui/LoadMoreFooter.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { useKeysetPages } from "../members/useKeysetPages.ts";
import { type OrderStatus, storeApi } from "./api.ts";
import { storeErrorMessage } from "./errors.ts";
import { isOrderStatus, ORDER_STATUS_KEYS, ORDER_STATUSES } from "./labels.ts";
import { OrdersTable } from "./OrdersTable.tsx";
import { storePaths } from "./paths.ts";
import { AdminOnlyNotice } from "./StoreNotices.tsx";

/** Order history (/accounts/:accountId/store/orders): every order of the account, newest first, with a status filter. */
export function OrdersPage() {
  const { t } = useTranslation();
  const { account } = useAccount();
  const title = t("store.orders.title");
  const isAdmin = account.membership.role === "admin";
  return (
    <>
      <PageHeading
        title={title}
        subtitle={t("store.orders.subtitle")}
        actions={
          isAdmin && (
            <>
              <Link to={storePaths.paymentMethod(account.id)}>{t("store.paymentOptions.title")}</Link>
              <Link to={storePaths.purchase(account.id)} className="btn btn-primary">
                <span className="btn-label">{t("store.purchase.title")}</span>
              </Link>
            </>
          )
        }
      >
        {title}
      </PageHeading>
      {isAdmin ? <OrdersList accountId={account.id} /> : <AdminOnlyNotice accountName={account.name} />}
    </>
  );
}

function OrdersList({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OrderStatus | "">("");
  const list = useKeysetPages(
    (page, signal) => storeApi.orders(accountId, { status }, page, signal),
    JSON.stringify([accountId, status]),
  );

  return (
    <section className="card stack" aria-labelledby="orders-list-heading">
      <h2 id="orders-list-heading" className="sr-only">
        {t("store.orders.title")}
      </h2>
      <div className="list-filters orders-filters">
        <SelectField
          label={t("store.orders.statusFilter")}
          value={status}
          options={[
            { value: "", label: t("store.orders.allStatuses") },
            ...ORDER_STATUSES.map((value) => ({ value, label: t(ORDER_STATUS_KEYS[value]) })),
          ]}
          onChange={(value) => setStatus(isOrderStatus(value) ? value : "")}
        />
      </div>
      {list.error ? (
        <div role="alert" className="alert alert-error">
          {storeErrorMessage(t, list.error)}
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
          <p>{status ? t("store.orders.emptyFiltered") : t("store.orders.empty")}</p>
        </div>
      ) : null}
      {list.loaded && list.items.length > 0 ? (
        <OrdersTable accountId={accountId} items={list.items} busy={list.phase !== "ready"} caption={t("store.orders.caption")} />
      ) : null}
      <LoadMoreFooter
        list={list}
        shown={list.items.length}
        showingText={t("store.orders.showing", { shown: list.items.length })}
        loadMoreText={t("store.orders.loadMore")}
      />
    </section>
  );
}
