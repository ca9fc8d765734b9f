import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/store.css";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, navigate } from "../../app/router.tsx";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { type TestPayment, testGatewayApi } from "./api.ts";
import { storeErrorMessage } from "./errors.ts";
import { formatMoney } from "./money.ts";
import { isSameSitePath } from "./paths.ts";
import { PageSpinner } from "./StoreNotices.tsx";

type State = { status: "loading" } | { status: "ready"; payment: TestPayment } | { status: "error"; error: unknown };

/**
 * The test gateway's extra step (/store/test-gateway/authenticate/:paymentRef): what a
 * bank's 3-D Secure page does in real life, here two buttons. Public and outside the
 * account pages, like a provider's own page; it says plainly that it is a test.
 */
export function TestAuthenticationPage({ paymentRef }: { paymentRef: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: "loading" });
  const [busy, setBusy] = useState<"approve" | "fail" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const title = t("store.testGateway.title");

  useEffect(() => {
    const controller = new AbortController();
    testGatewayApi
      .payment(paymentRef, controller.signal)
      .then((payment) => setState({ status: "ready", payment }))
      .catch((cause: unknown) => {
        if (!(cause instanceof DOMException && cause.name === "AbortError")) setState({ status: "error", error: cause });
      });
    return () => controller.abort();
  }, [paymentRef]);

  async function decide(outcome: "approve" | "fail") {
    setBusy(outcome);
    setError(null);
    try {
      const { redirectUrl } = await testGatewayApi.authenticate(paymentRef, outcome);
      if (isSameSitePath(redirectUrl)) navigate(redirectUrl);
      else setError(new Error("redirect"));
    } catch (cause) {
      setError(cause);
      setBusy(null);
    }
  }

  return (
    <div className="stack test-gateway-page">
      <p className="test-gateway-provider">
        <span className="badge badge-warning">{t("store.testMode.badge")}</span> {t("store.testGateway.provider")}
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {state.status === "loading" && <PageSpinner />}
      {state.status === "error" && <Alert>{storeErrorMessage(t, state.error)}</Alert>}
      {state.status === "ready" && (
        <>
          <dl className="info-list">
            <dt>{t("store.testGateway.amount")}</dt>
            <dd className="test-gateway-amount">{formatMoney(state.payment.amount, state.payment.currency)}</dd>
          </dl>
          {state.payment.status === "requires_action" ? (
            <>
              <p>{t("store.testGateway.body")}</p>
              {error ? <Alert>{storeErrorMessage(t, error)}</Alert> : null}
              <div className="actions">
                <Button busy={busy === "approve"} disabled={busy !== null} onClick={() => void decide("approve")}>
                  {t("store.testGateway.complete")}
                </Button>
                <Button variant="secondary" busy={busy === "fail"} disabled={busy !== null} onClick={() => void decide("fail")}>
                  {t("store.testGateway.fail")}
                </Button>
              </div>
            </>
          ) : (
            <>
              <p>{t("store.testGateway.done")}</p>
              {isSameSitePath(state.payment.returnUrl) && (
                <p>
                  <Link to={state.payment.returnUrl}>{t("store.testGateway.back")}</Link>
                </p>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
