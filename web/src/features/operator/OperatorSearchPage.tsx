import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, navigate, useLocation } from "../../app/router.tsx";
import { messageFor } from "../../lib/errors.ts";
import { Alert } from "../../ui/Alert.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { SearchResult } from "./api.ts";
import { operatorPaths } from "./paths.ts";
import { RecentSubscriptions } from "./RecentSubscriptions.tsx";
import { useOperatorSearch } from "./useOperatorSearch.ts";

/** /operator: search accounts and people; each account opens its subscriptions. */
export function OperatorSearchPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const [text, setText] = useState(search.get("q") ?? "");
  const query = text.trim().slice(0, 100);
  const state = useOperatorSearch(query);

  // The query lives in the URL too, so Back from an account returns to these results.
  useEffect(() => {
    const timer = window.setTimeout(() => navigate(operatorPaths.search(query), { replace: true }), 400);
    return () => window.clearTimeout(timer);
  }, [query]);

  return (
    <>
      <PageHeading title={t("operator.search.title")} subtitle={t("operator.search.subtitle")}>
        {t("operator.search.title")}
      </PageHeading>
      <div className="stack-lg">
        <section className="card" aria-labelledby="operator-search-heading">
          <h2 id="operator-search-heading" className="sr-only">
            {t("operator.search.title")}
          </h2>
          <search>
            <TextField
              type="search"
              label={t("operator.search.label")}
              hint={t("operator.search.hint")}
              value={text}
              onChange={setText}
              maxLength={100}
              autoComplete="off"
              spellCheck={false}
            />
          </search>
          {state.status === "loading" && (
            <p className="page-loading" role="status">
              <span className="spinner" aria-hidden="true" /> {t("common.loading")}
            </p>
          )}
          {state.status === "error" && <Alert>{messageFor(t, state.error)}</Alert>}
          <div aria-live="polite">
            {state.status === "ready" && (
              <p className="muted small">
                {t("operator.search.found", { accounts: state.result.accounts.length, people: state.result.people.length })}
              </p>
            )}
          </div>
          {state.status === "ready" && <SearchResults result={state.result} />}
        </section>
        {!query && <RecentSubscriptions />}
      </div>
    </>
  );
}

function SearchResults({ result }: { result: SearchResult }) {
  const { t } = useTranslation();
  return (
    <div className="stack-lg">
      <div className="stack">
        <h3>{t("operator.search.accounts")}</h3>
        {result.accounts.length === 0 ? (
          <p className="muted">{t("operator.search.noAccounts")}</p>
        ) : (
          <ul className="people">
            {result.accounts.map((account) => (
              <li key={account.id} className="person-row">
                <span>
                  <Link to={operatorPaths.account(account.id, account.name)} className="person-name">
                    {account.name}
                  </Link>
                  <span className="badge badge-muted">
                    {account.kind === "business" ? t("operator.search.business") : t("operator.search.personal")}
                  </span>
                </span>
                <span className="muted small break-all">
                  {account.admins.length > 0 ? t("operator.search.admins", { admins: account.admins.join(", ") }) : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="stack">
        <h3>{t("operator.search.people")}</h3>
        {result.people.length === 0 ? (
          <p className="muted">{t("operator.search.noPeople")}</p>
        ) : (
          <ul className="people">
            {result.people.map((person) => (
              <li key={person.userId} className="person-row">
                <span>
                  <span className="person-name">{person.name}</span> <span className="muted break-all">{person.email}</span>
                </span>
                {person.personalAccountId && (
                  <Link to={operatorPaths.account(person.personalAccountId, person.name)}>
                    {t("operator.search.personalAccount")}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
