import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { formatCount } from "../licensing/format.ts";
import type { FarmView } from "./api.ts";
import { COLUMN_LABEL_KEYS, type FarmColumn } from "./columns.ts";
import { FarmStatusBadges } from "./FarmStatusBadges.tsx";

function SelectAll({ count, selected, onChange }: { count: number; selected: number; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const some = selected > 0 && selected < count;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="row-check"
      checked={count > 0 && selected === count}
      aria-checked={some ? "mixed" : undefined}
      aria-label={t("farms.table.selectAll")}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}

function Missing({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{label}</span>
    </>
  );
}

type Props = {
  farms: FarmView[];
  columns: FarmColumn[];
  selected: ReadonlySet<string>;
  onSelect: (farmId: string, checked: boolean) => void;
  onSelectAll: (checked: boolean) => void;
  onOpen: (farm: FarmView) => void;
  /** Null when the person cannot change farms (the pencil is not shown). */
  onRename: ((farm: FarmView) => void) | null;
  busy: boolean;
};

/** The farms: a checkbox, then the shown columns; the name opens the farm, the pencil renames it. */
export function FarmsTable({ farms, columns, selected, onSelect, onSelectAll, onOpen, onRename, busy }: Props) {
  const { t } = useTranslation();
  const chosen = farms.filter((farm) => selected.has(farm.id)).length;

  function cell(column: FarmColumn, farm: FarmView): ReactNode {
    switch (column) {
      case "name":
        return null;
      case "status":
        return <FarmStatusBadges farm={farm} daysLeft={farm.licenseDaysLeft} />;
      case "farmId":
        return <code className="farm-code">{farm.farmUid}</code>;
      case "serverId":
        return <code className="farm-code">{farm.serverId}</code>;
      case "appVersion":
        return farm.appVersion;
      case "activatedAt":
        return (
          <time dateTime={farm.activatedAt} title={formatDateTime(farm.activatedAt)}>
            {formatDate(farm.activatedAt)}
          </time>
        );
      case "lastReportAt":
        return farm.lastReportAt ? (
          <time dateTime={farm.lastReportAt}>{formatDateTime(farm.lastReportAt)}</time>
        ) : (
          <span className="muted">{t("farms.table.noReport")}</span>
        );
      case "peakUsage":
        return (
          <>
            {formatCount(farm.peakUsers)}
            <span className="block muted small">{t("farms.table.nowUsers", { number: formatCount(farm.currentUsers) })}</span>
          </>
        );
      case "activationKey":
        return (
          <>
            <code className="block key-text key-text-small">{farm.maskedKey}</code>
            <span className="block small">{farm.keyName}</span>
          </>
        );
      case "notes":
        return farm.notes ? (
          <span className="farm-notes" title={farm.notes}>
            {farm.notes}
          </span>
        ) : (
          <Missing label={t("farms.table.noNotes")} />
        );
    }
  }

  return (
    <div className="table-scroll">
      <table className="data-table farms-table" aria-busy={busy || undefined}>
        <caption className="sr-only">{t("farms.table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="cell-check">
              <SelectAll count={farms.length} selected={chosen} onChange={onSelectAll} />
            </th>
            {columns.map((column) => (
              <th key={column} scope="col" className={column === "peakUsage" ? "cell-number" : undefined}>
                {t(COLUMN_LABEL_KEYS[column])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {farms.map((farm) => {
            const isSelected = selected.has(farm.id);
            return (
              <tr key={farm.id} className={isSelected ? "is-selected" : undefined}>
                <td className="cell-check">
                  <input
                    type="checkbox"
                    className="row-check"
                    checked={isSelected}
                    aria-label={t("farms.table.select", { name: farm.name })}
                    onChange={(event) => onSelect(farm.id, event.target.checked)}
                  />
                </td>
                {columns.map((column) =>
                  column === "name" ? (
                    <th key={column} scope="row" className="farm-name-cell">
                      <span className="farm-name">
                        <button type="button" className="link-button" aria-haspopup="dialog" onClick={() => onOpen(farm)}>
                          {farm.name}
                        </button>
                        {onRename && (
                          <button
                            type="button"
                            className="icon-button icon-button-small"
                            aria-haspopup="dialog"
                            aria-label={t("farms.table.rename", { name: farm.name })}
                            title={t("farms.table.rename", { name: farm.name })}
                            onClick={() => onRename(farm)}
                          >
                            <span className="pencil-icon" aria-hidden="true">
                              ✎
                            </span>
                          </button>
                        )}
                      </span>
                    </th>
                  ) : (
                    <td
                      key={column}
                      className={column === "peakUsage" ? "cell-number" : column === "notes" ? "cell-notes" : undefined}
                    >
                      {cell(column, farm)}
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
