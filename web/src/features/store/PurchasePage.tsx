import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/store.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "../../app/router.tsx";
import { useMe } from "../../lib/session.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { accountPath } from "../accounts/paths.ts";
import { type Catalog, type PaymentMethodView, storeApi } from "./api.ts";
import { formatMoney } from "./money.ts";
import { checkLicenses, normalizeSelection, type SelectionValues, toSelection } from "./offers.ts";
import { initialPayment, PaymentSection, type PaymentState } from "./PaymentSection.tsx";
import { storePaths } from "./paths.ts";
import { QuoteSummary } from "./QuoteSummary.tsx";
import { SelectionFields } from "./SelectionFields.tsx";
import { AdminOnlyNotice, LoadFailed, PageSpinner } from "./StoreNotices.tsx";
import { TestModeBanner } from "./TestModeBanner.tsx";
import { useCheckout } from "./useCheckout.ts";
import { useQuote } from "./useQuote.ts";
import { useStoreSetup } from "./useStoreSetup.ts";

/** Purchase (/accounts/:accountId/store/purchase): a new online subscription for the account in the URL. */
export function PurchasePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { account } = useAccount();
  const isAdmin = account.membership.role === "admin";
  const setup = useStoreSetup(account.id, isAdmin);
  const accountName = account.kind === "business" ? account.name : t("accounts.personal", { name: me.name });
  const title = t("store.purchase.title");

  return (
    <>
      <p className="back-link">
        <Link to={accountPath(account.id)}>{t("licensing.details.backToDashboard")}</Link>
      </p>
      <PageHeading title={title} subtitle={t("store.purchase.subtitle", { name: accountName })}>
        {title}
      </PageHeading>
      {!isAdmin ? (
        <AdminOnlyNotice accountName={accountName} />
      ) : setup.state.status === "loading" ? (
        <PageSpinner />
      ) : setup.state.status === "error" ? (
        <LoadFailed error={setup.state.error} onRetry={setup.reload} />
      ) : setup.state.catalog.products.length === 0 ? (
        <p className="card">{t("store.purchase.nothingForSale")}</p>
      ) : (
        <PurchaseForm accountId={account.id} catalog={setup.state.catalog} saved={setup.state.saved} />
      )}
    </>
  );
}

function PurchaseForm({ accountId, catalog, saved }: { accountId: string; catalog: Catalog; saved: PaymentMethodView | null }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const [values, setValues] = useState<SelectionValues>(() =>
    normalizeSelection(catalog, { productId: search.get("product") ?? "", quantity: "1", term: "1y", supportPlan: "standard" }),
  );
  const [payment, setPayment] = useState<PaymentState>(() => initialPayment(catalog, saved));
  const selection = toSelection(values);
  const quote = useQuote(selection, (input, signal) => storeApi.quote(accountId, input, signal));
  const { form, submit } = useCheckout(accountId, ["quantity", "number", "expiry", "cvc"]);

  const total = quote.quote ? formatMoney(quote.quote.total, quote.quote.currency) : null;
  const submitLabel =
    payment.method === "bank_transfer"
      ? t("store.checkout.placeOrder")
      : total
        ? t("store.checkout.payTotal", { total })
        : t("store.checkout.pay");

  return (
    <div className="stack-lg">
      {catalog.testMode && <TestModeBanner />}
      <form
        ref={form.formRef}
        className="store-checkout"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit(selection && { kind: "purchase", selection }, payment, () => ({
            quantity: checkLicenses(values.quantity),
          }));
        }}
      >
        <div className="store-checkout-main stack-lg">
          <SelectionFields
            catalog={catalog}
            values={values}
            onChange={(next) => setValues(normalizeSelection(catalog, next))}
            quantityError={form.errors.quantity}
          />
          <PaymentSection catalog={catalog} saved={saved} value={payment} onChange={setPayment} errors={form.errors} />
        </div>
        <div className="store-checkout-side stack">
          <QuoteSummary quote={quote.quote} loading={quote.loading} error={quote.error} />
          <FormAlert message={form.alert} />
          <Button type="submit" busy={form.busy} className="btn-block">
            {submitLabel}
          </Button>
          <p className="muted small">
            {payment.method === "bank_transfer" ? t("store.checkout.bankTransferAfter") : t("store.checkout.provisionNote")}{" "}
            <Link to={storePaths.orders(accountId)}>{t("store.orders.title")}</Link>
          </p>
        </div>
      </form>
    </div>
  );
}
