import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "../../app/router.tsx";
import { messageFor } from "../../lib/errors.ts";
import { useForm } from "../../lib/form.ts";
import { Alert, FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading, StepHeading } from "../../ui/PageHeading.tsx";
import { FullKey } from "../licensing/CopyButton.tsx";
import { type OperatorSubscriptionView, operatorApi, type Product } from "./api.ts";
import { DestinationFields } from "./DestinationFields.tsx";
import { IssueProductFields } from "./IssueProductFields.tsx";
import { checkIssue, emptyIssue, type IssueField, issueBody } from "./issue-form.ts";
import { operatorPaths } from "./paths.ts";

type Products = { status: "loading" } | { status: "ready"; products: Product[] } | { status: "error"; error: unknown };

/** /operator/issue: Issue subscription, then the Primary Key once. */
export function IssuePage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const accountId = search.get("accountId");
  const account = accountId ? { id: accountId, name: search.get("accountName") ?? accountId } : undefined;
  const [values, setValues] = useState(() => emptyIssue(account));
  const [products, setProducts] = useState<Products>({ status: "loading" });
  const [issued, setIssued] = useState<OperatorSubscriptionView | null>(null);
  const form = useForm<IssueField>();

  useEffect(() => {
    const controller = new AbortController();
    operatorApi
      .products(controller.signal)
      .then(({ products: list }) => {
        setProducts({ status: "ready", products: list });
        // One product (the seed) is chosen for you.
        if (list.length === 1 && list[0]) {
          const only = list[0].id;
          setValues((current) => (current.productId ? current : { ...current, productId: only }));
        }
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setProducts({ status: "error", error });
      });
    return () => controller.abort();
  }, []);

  const onSubmit = form.onSubmit({
    validate: () => checkIssue(values),
    action: async () => {
      setIssued(await operatorApi.issue(issueBody(values)));
    },
  });

  const title = t("operator.issue.title");
  return (
    <>
      <PageHeading title={title} subtitle={t("operator.issue.subtitle")}>
        {title}
      </PageHeading>
      {issued ? (
        <Issued
          view={issued}
          emailedTo={values.destination === "email" ? values.purchaserEmail.trim() : null}
          onAnother={() => {
            setIssued(null);
            setValues(emptyIssue(account));
          }}
        />
      ) : (
        <section className="card">
          {products.status === "error" && <Alert>{messageFor(t, products.error)}</Alert>}
          <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
            <FormAlert message={form.alert} />
            <IssueProductFields
              values={values}
              onChange={setValues}
              errors={form.errors}
              products={products.status === "ready" ? products.products : []}
            />
            <DestinationFields values={values} onChange={setValues} errors={form.errors} />
            <div className="actions">
              <Button type="submit" busy={form.busy}>
                {t("operator.issue.submit")}
              </Button>
            </div>
          </form>
        </section>
      )}
    </>
  );
}

type IssuedProps = { view: OperatorSubscriptionView; emailedTo: string | null; onAnother: () => void };

/** The answer to Issue: the Primary Key is shown here once and never again. */
function Issued({ view, emailedTo, onAnother }: IssuedProps) {
  const { t } = useTranslation();
  return (
    <section className="card stack">
      <div className="alert alert-success">
        <StepHeading>{t("operator.issued.title", { name: view.displayName })}</StepHeading>
        <p>
          {emailedTo
            ? t("operator.issued.emailed", { email: emailedTo })
            : t("operator.issued.intoAccount", { name: view.accountName ?? view.accountId ?? "" })}
        </p>
      </div>
      {view.primaryKey && (
        <div className="field">
          <span className="field-label">{t("operator.issued.primaryKey")}</span>
          <FullKey value={view.primaryKey} />
          <p className="alert alert-warning">{t("operator.issued.onlyOnce")}</p>
        </div>
      )}
      <div className="actions">
        <Link to={operatorPaths.subscription(view.id)} className="btn btn-primary">
          {t("operator.issued.open")}
        </Link>
        <Button variant="secondary" onClick={onAnother}>
          {t("operator.issued.another")}
        </Button>
      </div>
    </section>
  );
}
