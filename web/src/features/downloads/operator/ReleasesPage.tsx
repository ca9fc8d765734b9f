import "../../../styles/members.css";
import "../../../styles/licensing.css";
import "../downloads.css";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format.ts";
import { currentLocale, htmlLang } from "../../../lib/i18n.ts";
import { Alert, StatusMessage } from "../../../ui/Alert.tsx";
import { PageHeading } from "../../../ui/PageHeading.tsx";
import { downloadsErrorMessage } from "../errors.ts";
import { formatBytes, groupedChecksum } from "../format.ts";
import { NewReleaseForm } from "./NewReleaseForm.tsx";
import { type OperatorRelease, releasesApi } from "./operator-api.ts";
import { ReleaseActions } from "./ReleaseActions.tsx";

/** /operator/downloads: vendor staff create releases, upload their files and publish them. */
export function ReleasesPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<OperatorRelease[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const locale = htmlLang(currentLocale());

  const reload = useCallback(() => {
    releasesApi
      .list()
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(downloadsErrorMessage(t, e)));
  }, [t]);
  useEffect(() => reload(), [reload]);

  const changed = (message: string) => {
    setError(null);
    setStatus(message);
    reload();
  };

  return (
    <>
      <PageHeading title={t("downloads.operator.title")} subtitle={t("downloads.operator.subtitle")}>
        {t("downloads.operator.title")}
      </PageHeading>
      <div className="stack-lg releases-page">
        <StatusMessage message={status} />
        {error && <Alert>{error}</Alert>}
        <NewReleaseForm
          onDone={(release, uploaded) =>
            changed(
              uploaded
                ? t("downloads.operator.uploadedMessage", {
                    name: `${release.product.name} ${release.version} (${release.platform})`,
                    sha256: release.file?.sha256 ?? "",
                  })
                : t("downloads.operator.createdMessage", { version: release.version, platform: release.platform }),
            )
          }
        />
        <section className="card" aria-labelledby="releases-list">
          <h2 id="releases-list">{t("downloads.operator.list")}</h2>
          {items === null && !error && <p className="muted">{t("common.loading")}</p>}
          {items?.length === 0 && <p className="muted">{t("downloads.operator.empty")}</p>}
          {items && items.length > 0 && (
            <div className="table-scroll">
              <table className="data-table downloads-table">
                <caption className="sr-only">{t("downloads.operator.list")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("downloads.operator.release")}</th>
                    <th scope="col">{t("downloads.operator.status")}</th>
                    <th scope="col">{t("downloads.operator.fileColumn")}</th>
                    <th scope="col">{t("downloads.operator.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        {r.product.name} {r.version}
                        <span className="block muted small">{r.platform}</span>
                        {r.releasedAt && (
                          <span className="block muted small">
                            {t("downloads.released")}: <time dateTime={r.releasedAt}>{formatDate(r.releasedAt)}</time>
                          </span>
                        )}
                      </th>
                      <td>
                        <span className={r.status === "published" ? "badge badge-success" : "badge badge-muted"}>
                          {r.status === "published"
                            ? t("downloads.operator.statusPublished")
                            : t("downloads.operator.statusDraft")}
                        </span>
                      </td>
                      <td className="checksum-cell">
                        {r.file ? (
                          <>
                            <a href={releasesApi.fileUrl(r.id)} download={r.fileName} translate="no">
                              {r.fileName}
                            </a>
                            <span className="block muted small">{formatBytes(r.file.size, locale)}</span>
                            <span className="block small">
                              {t("downloads.checksum")}:{" "}
                              <code className="checksum" translate="no">
                                {groupedChecksum(r.file.sha256)}
                              </code>
                            </span>
                          </>
                        ) : (
                          <span className="muted">{t("downloads.operator.noFile")}</span>
                        )}
                      </td>
                      <td>
                        <ReleaseActions release={r} onChanged={changed} onError={setError} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
