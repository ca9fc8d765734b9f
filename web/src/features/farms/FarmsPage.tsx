import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/licensing-keys.css";
import "../../styles/farms.css";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "../../app/router.tsx";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { LoadMoreFooter } from "../../ui/LoadMoreFooter.tsx";
import { MenuButton, type MenuItem } from "../../ui/Menu.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { formatCount } from "../licensing/format.ts";
import { useAccountKeys } from "../licensing/useAccountKeys.ts";
import { useKeysetPages, useSearchInput } from "../members/useKeysetPages.ts";
import { type FarmFilters, type FarmView, farmsApi } from "./api.ts";
import { ColumnsMenu } from "./ColumnsMenu.tsx";
import { visibleColumns } from "./columns.ts";
import { buildCsv, csvFileName, downloadCsv } from "./csv.ts";
import { DeactivateDialog, outcomeMessage } from "./DeactivateDialog.tsx";
import { farmErrorMessage, isForbidden } from "./errors.ts";
import { FarmDialog } from "./FarmDialog.tsx";
import { FarmsFilters } from "./FarmsFilters.tsx";
import { FarmsTable } from "./FarmsTable.tsx";
import { farmCsvColumns } from "./farm-csv.ts";
import { useHiddenColumns } from "./hooks.ts";
import { KeyUsage } from "./KeyUsage.tsx";
import { isStatusFilter, type StatusFilter } from "./labels.ts";
import { type FarmScope, farmsPath, scopeFromSearch } from "./paths.ts";
import { RenameFarmDialog } from "./RenameFarmDialog.tsx";
import { chartedKey } from "./scope.ts";

type Open =
  | { dialog: "farm"; farmId: string }
  | { dialog: "rename"; farmId: string }
  | { dialog: "deactivate"; farms: FarmView[] }
  | null;

/** State that belongs to one set of filters: new filters start it afresh. */
function useFilterScoped<T>(filterKey: string, initial: () => T) {
  const [state, setState] = useState<{ key: string; value: T }>(() => ({ key: filterKey, value: initial() }));
  const value = state.key === filterKey ? state.value : initial();
  const update = useCallback(
    (change: (current: T) => T) =>
      setState((current) => ({ key: filterKey, value: change(current.key === filterKey ? current.value : initial()) })),
    [filterKey, initial],
  );
  return [value, update] as const;
}

const emptyPatches = () => new Map<string, FarmView>();
const emptySelection = () => new Set<string>();

function hrefFor(accountId: string, scope: FarmScope, status: StatusFilter): string {
  const url = new URL(farmsPath(accountId, scope), window.location.origin);
  if (status !== "all") url.searchParams.set("status", status);
  return url.pathname + url.search;
}

/**
 * Manage Farms (/accounts/:accountId/farms): the farms activated with the account's
 * license keys that this person may see, narrowed by key, status and search; the
 * selected key's usage chart; Actions (Deactivate, Save the List to a CSV file) for
 * the ticked rows; the gear to choose columns; the farm dialog and Rename.
 */
export function FarmsPage({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const { account } = useAccount();
  const location = useLocation();
  const selectionHintId = useId();
  const [scope, setScope] = useState<FarmScope>(() => scopeFromSearch(location.search));
  const [status, setStatus] = useState<StatusFilter>(() => {
    const asked = location.search.get("status");
    return isStatusFilter(asked) ? asked : "all";
  });
  const search = useSearchInput();
  const keys = useAccountKeys(accountId, true);
  const [canManage, setCanManage] = useState(true);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const columns = useHiddenColumns();

  // The key and status live in the URL too, so a reload or a shared link shows the same list.
  const written = useRef(location.href);
  // biome-ignore lint/correctness/useExhaustiveDependencies: location.search changes with location.href.
  useEffect(() => {
    // A link to this page with other filters (the nav, Subscription Details) while it is open.
    if (location.href === written.current) return;
    written.current = location.href;
    setScope(scopeFromSearch(location.search));
    const asked = location.search.get("status");
    setStatus(isStatusFilter(asked) ? asked : "all");
  }, [location.href]);
  useEffect(() => {
    const href = hrefFor(accountId, scope, status);
    if (href === written.current) return;
    written.current = href;
    window.history.replaceState(null, "", href);
  }, [accountId, scope, status]);

  const filters: FarmFilters = {
    status,
    subscriptionId: scope.subscriptionId ?? null,
    keyId: scope.keyId ?? null,
    q: search.query,
  };
  const filterKey = JSON.stringify([accountId, filters]);
  const list = useKeysetPages((page, signal) => farmsApi.list(accountId, filters, page, signal), filterKey);
  const [patches, setPatches] = useFilterScoped(filterKey, emptyPatches);
  const [selected, setSelected] = useFilterScoped(filterKey, emptySelection);

  const farms = list.items.map((farm) => patches.get(farm.id) ?? farm);
  const selectedFarms = farms.filter((farm) => selected.has(farm.id));
  const accountKeys = keys.status === "ready" ? keys.keys : [];
  const charted = chartedKey(scope, accountKeys);
  const filtered = Boolean(filters.q || status !== "all" || scope.keyId || scope.subscriptionId);
  const isAdmin = account.membership.role === "admin";
  const noKeys = keys.status === "ready" && keys.keys.length === 0;
  const openFarm = open && open.dialog !== "deactivate" ? (farms.find((farm) => farm.id === open.farmId) ?? null) : null;

  const patch = (updated: FarmView[]) =>
    setPatches((current) => {
      const next = new Map(current);
      for (const farm of updated) next.set(farm.id, farm);
      return next;
    });

  function markDeactivated(ids: string[]) {
    const now = new Date().toISOString();
    const wanted = new Set(ids);
    patch(
      farms
        .filter((farm) => wanted.has(farm.id))
        .map((farm) => ({
          ...farm,
          status: "deactivated",
          licenseState: "deactivated",
          deactivatedAt: farm.deactivatedAt ?? now,
        })),
    );
  }

  function forbidden() {
    setCanManage(false);
  }

  function saveCsv() {
    const fileName = csvFileName("farms");
    downloadCsv(buildCsv(selectedFarms, farmCsvColumns(t)), fileName);
    setNotice(t("farms.actions.csvSaved", { file: fileName, number: formatCount(selectedFarms.length) }));
  }

  const actionItems: MenuItem[] = [];
  if (canManage) {
    actionItems.push({
      kind: "action",
      id: "deactivate",
      label: t("farms.actions.deactivate"),
      disabled: !selectedFarms.some((farm) => farm.status === "active"),
      onSelect: () => {
        setNotice(null);
        setOpen({ dialog: "deactivate", farms: selectedFarms });
      },
    });
  }
  actionItems.push({ kind: "action", id: "csv", label: t("farms.actions.csv"), onSelect: saveCsv });

  const listBlocked = isForbidden(list.error);
  return (
    <div className="farms-page">
      <PageHeading title={t("farms.title")} subtitle={t("farms.subtitle")}>
        {t("farms.title")}
      </PageHeading>
      <StatusMessage message={notice} />
      <div className="stack-lg">
        <div className="card">
          <FarmsFilters
            keys={keys}
            scope={scope}
            onScope={setScope}
            status={status}
            onStatus={setStatus}
            search={search.text}
            onSearch={search.setText}
            onSearchNow={search.applyNow}
          />
        </div>
        {charted && (
          <section className="card" aria-label={t("farms.usage.keyHeading", { name: charted.key.name })}>
            <KeyUsage key={charted.key.id} accountId={accountId} keyId={charted.key.id} keyName={charted.key.name} />
          </section>
        )}
        <section className="card" aria-labelledby="farms-list-heading">
          <div className="section-head">
            <h2 id="farms-list-heading">{t("farms.listHeading")}</h2>
            {!listBlocked && (
              <a className="btn btn-secondary" href={farmsApi.csvHref(accountId, filters)} download>
                {t("farms.exportAll")}
              </a>
            )}
          </div>
          {list.error ? <Alert>{farmErrorMessage(t, list.error)}</Alert> : null}
          {!list.loaded && list.phase === "loading" ? (
            <p className="page-loading">
              <span className="spinner" aria-hidden="true" />
              {t("common.loading")}
            </p>
          ) : null}
          {list.loaded && farms.length === 0 ? (
            <div className="empty-state stack">
              {filtered ? (
                <p>{t("farms.emptyFiltered")}</p>
              ) : noKeys && !isAdmin ? (
                <>
                  <h3>{t("farms.noKeysTitle")}</h3>
                  <p className="muted">{t("farms.noKeysBody")}</p>
                </>
              ) : (
                <>
                  <h3>{t("farms.emptyTitle")}</h3>
                  <p className="muted">{t("farms.emptyBody")}</p>
                  <p className="muted small">{t("farms.emptySameAccount")}</p>
                </>
              )}
            </div>
          ) : null}
          {list.loaded && farms.length > 0 ? (
            <>
              <div className="farms-toolbar">
                <p className="muted small" id={selectionHintId} aria-live="polite">
                  {selectedFarms.length > 0 ? t("farms.selected", { number: selectedFarms.length }) : t("farms.selectHint")}
                </p>
                <div className="farms-toolbar-actions">
                  {selectedFarms.length > 0 ? (
                    <MenuButton
                      label={t("farms.actions.label")}
                      menuLabel={t("farms.actions.menuLabel")}
                      items={actionItems}
                      align="end"
                    />
                  ) : (
                    <div className="menu">
                      <button type="button" className="menu-button" disabled aria-describedby={selectionHintId}>
                        {t("farms.actions.label")}
                        <span className="menu-caret" aria-hidden="true" />
                      </button>
                    </div>
                  )}
                  <ColumnsMenu hidden={columns.hidden} onChange={columns.setShown} />
                </div>
              </div>
              <FarmsTable
                farms={farms}
                columns={visibleColumns(columns.hidden)}
                selected={selected}
                onSelect={(farmId, checked) =>
                  setSelected((current) => {
                    const next = new Set(current);
                    if (checked) next.add(farmId);
                    else next.delete(farmId);
                    return next;
                  })
                }
                onSelectAll={(checked) => setSelected(() => (checked ? new Set(farms.map((farm) => farm.id)) : new Set()))}
                onOpen={(farm) => {
                  setNotice(null);
                  setOpen({ dialog: "farm", farmId: farm.id });
                }}
                onRename={
                  canManage
                    ? (farm) => {
                        setNotice(null);
                        setOpen({ dialog: "rename", farmId: farm.id });
                      }
                    : null
                }
                busy={list.phase !== "ready"}
              />
            </>
          ) : null}
          <LoadMoreFooter
            list={list}
            shown={farms.length}
            showingText={t("farms.showing", { shown: farms.length })}
            loadMoreText={t("farms.loadMore")}
          />
        </section>
      </div>
      <FarmDialog
        open={open?.dialog === "farm" && openFarm !== null}
        accountId={accountId}
        farm={open?.dialog === "farm" ? openFarm : null}
        canManage={canManage}
        onClose={() => setOpen(null)}
        onChanged={(farm, message) => {
          patch([farm]);
          if (message) setNotice(message);
        }}
        onForbidden={forbidden}
      />
      <RenameFarmDialog
        open={open?.dialog === "rename" && openFarm !== null}
        accountId={accountId}
        farm={open?.dialog === "rename" ? openFarm : null}
        onClose={() => setOpen(null)}
        onSaved={(farm) => {
          patch([farm]);
          setOpen(null);
          setNotice(t("farms.rename.saved", { name: farm.name }));
        }}
        onForbidden={forbidden}
      />
      <DeactivateDialog
        open={open?.dialog === "deactivate"}
        accountId={accountId}
        farms={open?.dialog === "deactivate" ? open.farms : []}
        onClose={() => setOpen(null)}
        onProgress={markDeactivated}
        onFinished={(outcome) => setNotice(outcomeMessage(t, outcome))}
        onForbidden={forbidden}
      />
    </div>
  );
}
