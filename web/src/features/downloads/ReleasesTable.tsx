import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/format.ts";
import { currentLocale, htmlLang } from "../../lib/i18n.ts";
import { ChecksumCopy } from "./ChecksumCopy.tsx";
import { formatBytes, groupedChecksum, type ReleaseRow } from "./format.ts";

/**
 * One product's files: version, platform, release date, size, SHA-256 (with copy), notes
 * (expandable) and the download link. The version and platform name each row, so the
 * row header carries both for screen readers moving across a row.
 */
export function ReleasesTable({ caption, rows }: { caption: string; rows: ReleaseRow[] }) {
  const { t } = useTranslation();
  const locale = htmlLang(currentLocale());
  return (
    <div className="table-scroll">
      <table className="data-table downloads-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("downloads.version")}</th>
            <th scope="col">{t("downloads.platform")}</th>
            <th scope="col">{t("downloads.released")}</th>
            <th scope="col" className="cell-number">
              {t("downloads.size")}
            </th>
            <th scope="col">{t("downloads.checksum")}</th>
            <th scope="col">{t("downloads.notes")}</th>
            <th scope="col">
              <span className="sr-only">{t("downloads.download")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="nowrap">
                {row.version}
              </th>
              <td>{row.platform}</td>
              <td>
                <time dateTime={row.releasedAt}>{formatDate(row.releasedAt)}</time>
              </td>
              <td className="cell-number nowrap">
                <span title={t("downloads.exactBytes", { bytes: row.size.toLocaleString(locale) })}>
                  {formatBytes(row.size, locale)}
                </span>
              </td>
              <td className="checksum-cell">
                <code className="checksum" translate="no">
                  {groupedChecksum(row.sha256)}
                </code>
                <ChecksumCopy sha256={row.sha256} fileName={row.fileName} />
              </td>
              <td className="notes-cell">
                {row.notes ? (
                  <details className="release-notes">
                    <summary>
                      {t("downloads.showNotes")}
                      <span className="sr-only"> {t("downloads.forFile", { version: row.version, platform: row.platform })}</span>
                    </summary>
                    <p className="release-notes-text">{row.notes}</p>
                  </details>
                ) : (
                  <span className="muted">{t("downloads.noNotes")}</span>
                )}
              </td>
              <td>
                <a href={row.url} download={row.fileName} className="btn btn-primary nowrap">
                  <span className="btn-label">
                    {t("downloads.download")}
                    <span className="sr-only"> {row.fileName}</span>
                  </span>
                </a>
                <span className="block muted small file-name" translate="no">
                  {row.fileName}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
