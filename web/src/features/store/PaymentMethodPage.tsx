import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/store.css";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { useForm } from "../../lib/form.ts";
import { formatDateTime } from "../../lib/format.ts";
import { FormAlert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { type Catalog, type PaymentMethodView, storeApi, testGatewayApi } from "./api.ts";
import { CardFields } from "./CardFields.tsx";
import { type CardField, type CardValues, checkCard, EMPTY_CARD, toTestCard } from "./card-form.ts";
import { storeErrorMessage } from "./errors.ts";
import { useCardLabel } from "./PaymentSection.tsx";
import { storePaths } from "./paths.ts";
import { AdminOnlyNotice, LoadFailed, PageSpinner } from "./StoreNotices.tsx";
import { TestModeBanner } from "./TestModeBanner.tsx";
import { useStoreSetup } from "./useStoreSetup.ts";

/** Payment Options (/accounts/:accountId/store/payment-method): the card that pays the automatic renewals. */
export function PaymentMethodPage() {
  const { t } = useTranslation();
  const { account } = useAccount();
  const isAdmin = account.membership.role === "admin";
  const setup = useStoreSetup(account.id, isAdmin);
  const title = t("store.paymentOptions.title");
  return (
    <>
      <p className="back-link">
        <Link to={storePaths.orders(account.id)}>{t("store.orders.title")}</Link>
      </p>
      <PageHeading title={title} subtitle={t("store.paymentOptions.subtitle")}>
        {title}
      </PageHeading>
      {!isAdmin ? (
        <AdminOnlyNotice accountName={account.name} />
      ) : setup.state.status === "loading" ? (
        <PageSpinner />
      ) : setup.state.status === "error" ? (
        <LoadFailed error={setup.state.error} onRetry={setup.reload} />
      ) : (
        <SavedCard accountId={account.id} catalog={setup.state.catalog} initial={setup.state.saved} />
      )}
    </>
  );
}

function SavedCard({ accountId, catalog, initial }: { accountId: string; catalog: Catalog; initial: PaymentMethodView | null }) {
  const { t } = useTranslation();
  const cardLabel = useCardLabel();
  const [saved, setSaved] = useState(initial);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const savedHeading = useRef<HTMLHeadingElement>(null);
  // Closing the card form (saved or canceled) takes focus back to the saved card, not to the page's top.
  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => savedHeading.current?.focus());
  };

  return (
    <div className="stack-lg">
      {catalog.testMode && <TestModeBanner showCards={editing} />}
      <StatusMessage message={notice} />
      <section className="card stack" aria-labelledby="saved-card-heading">
        <h2 id="saved-card-heading" tabIndex={-1} ref={savedHeading}>
          {t("store.paymentOptions.savedHeading")}
        </h2>
        {saved ? (
          <dl className="info-list">
            <dt>{t("store.paymentOptions.card")}</dt>
            <dd>{cardLabel(saved)}</dd>
            <dt>{t("store.paymentOptions.updated")}</dt>
            <dd>
              <time dateTime={saved.updatedAt}>{formatDateTime(saved.updatedAt)}</time>
            </dd>
          </dl>
        ) : (
          <p className="muted">{t("store.paymentOptions.none")}</p>
        )}
        <p className="muted small">{t("store.paymentOptions.renewalNote")}</p>
        {!editing && (
          <div className="actions">
            {catalog.testMode && (
              <Button variant={saved ? "secondary" : "primary"} onClick={() => setEditing(true)}>
                {saved ? t("store.paymentOptions.replace") : t("store.paymentOptions.add")}
              </Button>
            )}
            {saved && (
              <Button variant="danger" aria-haspopup="dialog" onClick={() => setRemoving(true)}>
                {t("store.paymentOptions.remove")}
              </Button>
            )}
          </div>
        )}
      </section>
      {editing && (
        <ReplaceCard
          accountId={accountId}
          onCancel={stopEditing}
          onSaved={(method) => {
            setSaved(method);
            stopEditing();
            setNotice(t("store.paymentOptions.saved", { card: method ? cardLabel(method) : "" }));
          }}
        />
      )}
      <RemoveCardDialog
        accountId={accountId}
        open={removing}
        label={saved ? cardLabel(saved) : ""}
        onClose={() => setRemoving(false)}
        onRemoved={() => {
          setRemoving(false);
          setSaved(null);
          setNotice(t("store.paymentOptions.removed"));
        }}
      />
    </div>
  );
}

function ReplaceCard({
  accountId,
  onCancel,
  onSaved,
}: {
  accountId: string;
  onCancel: () => void;
  onSaved: (method: PaymentMethodView | null) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<CardField>();
  const [card, setCard] = useState<CardValues>(EMPTY_CARD);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The form appears below the button that opened it; focus moves to it.
  useEffect(() => headingRef.current?.focus(), []);
  const onSubmit = form.onSubmit({
    validate: () => checkCard(card),
    action: async () => {
      const { token } = await testGatewayApi.token(toTestCard(card));
      const { paymentMethod } = await storeApi.savePaymentMethod(accountId, token);
      onSaved(paymentMethod);
    },
  });
  return (
    <section className="card" aria-labelledby="new-card-heading">
      <form ref={form.formRef} className="form form-narrow" noValidate onSubmit={onSubmit}>
        <h2 id="new-card-heading" tabIndex={-1} ref={headingRef}>
          {t("store.paymentOptions.newCardHeading")}
        </h2>
        <FormAlert message={form.alert} />
        <CardFields values={card} onChange={setCard} errors={form.errors} />
        <div className="actions">
          <Button variant="ghost" onClick={onCancel} disabled={form.busy}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" busy={form.busy}>
            {t("store.paymentOptions.saveCard")}
          </Button>
        </div>
      </form>
    </section>
  );
}

function RemoveCardDialog(props: {
  accountId: string;
  open: boolean;
  label: string;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);
  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await storeApi.removePaymentMethod(props.accountId);
      props.onRemoved();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      open={props.open}
      title={t("store.paymentOptions.removeTitle")}
      onClose={() => !busy && props.onClose()}
      footer={
        <>
          <Button variant="ghost" onClick={props.onClose} disabled={busy}>
            {t("common.cancel")}
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void remove()}>
            {t("store.paymentOptions.remove")}
          </Button>
        </>
      }
    >
      <FormAlert message={error ? storeErrorMessage(t, error) : null} />
      <p>{t("store.paymentOptions.removeBody", { card: props.label })}</p>
    </Dialog>
  );
}
