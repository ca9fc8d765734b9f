import "../../styles/members.css";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../lib/api.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { LoadMoreFooter } from "../../ui/LoadMoreFooter.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { accountErrorMessage, isAccessProblem } from "../members/errors.ts";
import { useKeysetPages } from "../members/useKeysetPages.ts";
import { AuditFilters, type AuditFilterValues, endOfDay, OTHER_PERSON, startOfDay } from "./AuditFilters.tsx";
import { AuditTable } from "./AuditTable.tsx";
import { type AuditFilters as ApiFilters, auditApi } from "./api.ts";
import { usePeople } from "./usePeople.ts";

const EMPTY: AuditFilterValues = { person: "", personId: "", action: "", from: "", to: "" };

/** The typed user id waits for a pause in typing, like the Users search box. */
function useDebounced(value: string, delay = 250): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/** The account audit log (Account Administrators only): who did what, when, with filters, Load more and CSV export. */
export function AuditLogPage({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<AuditFilterValues>(EMPTY);
  const personId = useDebounced(values.personId.trim());
  const { people } = usePeople(accountId);

  const rangeInvalid = values.from !== "" && values.to !== "" && values.to < values.from;
  const filters: ApiFilters = {
    person: values.person === OTHER_PERSON ? personId : values.person,
    action: values.action,
    from: values.from ? startOfDay(values.from) : "",
    to: values.to && !rangeInvalid ? endOfDay(values.to) : "",
  };
  const log = useKeysetPages(
    (page, signal) => auditApi.page(accountId, filters, page, signal),
    JSON.stringify([accountId, filters]),
  );
  const filtered = Object.values(filters).some(Boolean);

  function filterByPerson(userId: string) {
    const known = people.some((person) => person.userId === userId);
    setValues((current) =>
      known ? { ...current, person: userId, personId: "" } : { ...current, person: OTHER_PERSON, personId: userId },
    );
  }

  return (
    <>
      <PageHeading title={t("audit.title")} subtitle={t("audit.subtitle")}>
        {t("audit.title")}
      </PageHeading>
      {isAccessProblem(log.error) ? (
        <Alert title={t("audit.cannotShow")}>
          {log.error instanceof ApiError && log.error.code === "ADMIN_ROLE_REQUIRED"
            ? t("audit.adminOnly")
            : accountErrorMessage(t, log.error)}
        </Alert>
      ) : (
        <section className="card" aria-labelledby="audit-list-heading">
          <div className="section-head">
            <h2 id="audit-list-heading">{t("audit.listHeading")}</h2>
            <div className="actions">
              {filtered && (
                <Button variant="ghost" onClick={() => setValues(EMPTY)}>
                  {t("audit.clearFilters")}
                </Button>
              )}
              <a className="btn btn-secondary" href={auditApi.csvHref(accountId, filters)} download>
                {t("audit.exportCsv")}
              </a>
            </div>
          </div>
          <AuditFilters
            values={values}
            onChange={setValues}
            people={people}
            toError={rangeInvalid ? t("audit.filters.rangeInvalid") : undefined}
          />
          {log.error ? <Alert>{accountErrorMessage(t, log.error)}</Alert> : null}
          {!log.loaded && log.phase === "loading" ? (
            <p className="page-loading">
              <span className="spinner" aria-hidden="true" />
              {t("common.loading")}
            </p>
          ) : null}
          {log.loaded && log.items.length === 0 ? (
            <div className="empty-state">
              <p>{filtered ? t("audit.emptyFiltered") : t("audit.empty")}</p>
            </div>
          ) : null}
          {log.loaded && log.items.length > 0 ? (
            <AuditTable items={log.items} busy={log.phase !== "ready"} onPerson={filterByPerson} />
          ) : null}
          <LoadMoreFooter
            list={log}
            shown={log.items.length}
            showingText={t("audit.showing", { shown: log.items.length })}
            loadMoreText={t("audit.loadMore")}
          />
        </section>
      )}
    </>
  );
}
