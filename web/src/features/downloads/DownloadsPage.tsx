import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/licensing-keys.css";
import "./downloads.css";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { ApiError } from "../../lib/api.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { docsPath } from "../docs/paths.ts";
import { type DownloadsList, downloadsApi } from "./api.ts";
import { downloadsErrorMessage } from "./errors.ts";
import { releaseRows } from "./format.ts";
import { ReleasesTable } from "./ReleasesTable.tsx";

type State = { status: "loading" } | { status: "ready"; list: DownloadsList } | { status: "error"; error: unknown };

/**
 * Downloads (/accounts/:accountId/downloads): a table per product of the published
 * releases the account may download. The server decides who may (members of an account
 * with an active subscription to the product); anyone else gets 404, shown here as
 * "no downloads for this account".
 */
export function DownloadsPage() {
  const { t } = useTranslation();
  const { account } = useAccount();
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    downloadsApi
      .list(account.id, controller.signal)
      .then((list) => setState({ status: "ready", list }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [account.id, attempt]);

  const title = t("downloads.title");
  return (
    <>
      <PageHeading
        title={title}
        subtitle={t("downloads.subtitle")}
        actions={<Link to={docsPath(account.id)}>{t("nav.documentation")}</Link>}
      >
        {title}
      </PageHeading>
      <div className="stack-lg downloads-page">
        {state.status === "loading" && (
          <p className="page-loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t("common.loading")}
          </p>
        )}
        {state.status === "error" &&
          (state.error instanceof ApiError && state.error.code === "DOWNLOADS_NOT_AVAILABLE" ? (
            <section className="card empty-state">
              <div className="empty-illustration" aria-hidden="true" />
              <h2>{t("downloads.notAvailableTitle")}</h2>
              <p>{t("downloads.notAvailable")}</p>
            </section>
          ) : (
            <>
              <Alert>{downloadsErrorMessage(t, state.error)}</Alert>
              <div className="actions">
                <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
                  {t("accounts.tryAgain")}
                </Button>
              </div>
            </>
          ))}
        {state.status === "ready" && state.list.products.length === 0 && (
          <section className="card empty-state">
            <div className="empty-illustration" aria-hidden="true" />
            <p>{t("downloads.empty")}</p>
          </section>
        )}
        {state.status === "ready" &&
          state.list.products.map(({ product, versions }) => (
            <section key={product.id} className="card" aria-labelledby={`downloads-${product.id}`}>
              <h2 id={`downloads-${product.id}`}>{product.name}</h2>
              {versions.length === 0 ? (
                <p className="muted">{t("downloads.emptyProduct")}</p>
              ) : (
                <ReleasesTable caption={t("downloads.caption", { product: product.name })} rows={releaseRows(versions)} />
              )}
            </section>
          ))}
        {state.status === "ready" && state.list.products.length > 0 && (
          <section className="card" aria-labelledby="downloads-verify">
            <h2 id="downloads-verify">{t("downloads.verifyTitle")}</h2>
            <p>{t("downloads.verifyBody")}</p>
            <ul className="verify-commands" translate="no">
              <li>
                <span className="muted">Windows:</span> <code>certutil -hashfile FILE SHA256</code>
              </li>
              <li>
                <span className="muted">Linux:</span> <code>sha256sum FILE</code>
              </li>
              <li>
                <span className="muted">macOS:</span> <code>shasum -a 256 FILE</code>
              </li>
            </ul>
            <p className="muted small">{t("downloads.resumeHint")}</p>
          </section>
        )}
      </div>
    </>
  );
}
