import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import type { LicenseKeyView, SubscriptionDetails } from "./api.ts";
import { DeleteKeyDialog } from "./DeleteKeyDialog.tsx";
import { formatCount } from "./format.ts";
import { KeyDialog } from "./KeyDialog.tsx";
import { KeysTable } from "./KeysTable.tsx";
import { DEFAULT_KEY_SORT, type KeySort, sortKeys } from "./key-sort.ts";

type Props = {
  accountId: string;
  details: SubscriptionDetails;
  isAccountAdmin: boolean;
  /** Reload the subscription (pool figures, keys). */
  onChanged: () => void;
  /** A confirmation for the page's live region. */
  onNotice: (message: string) => void;
};

type Open = { dialog: "key"; key: LicenseKeyView | null } | { dialog: "delete"; key: LicenseKeyView } | null;

/** License Keys: Create License Key, the sortable table, the key dialog and Delete. */
export function KeysSection({ accountId, details, isAccountAdmin, onChanged, onNotice }: Props) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<KeySort>(DEFAULT_KEY_SORT);
  const [open, setOpen] = useState<Open>(null);
  const keys = useMemo(() => sortKeys(details.keys, sort), [details.keys, sort]);

  return (
    <section className="card" aria-labelledby="keys-heading">
      <div className="section-head">
        <h2 id="keys-heading">{t("licensing.keys.heading")}</h2>
        {details.canCreateKeys && (
          <Button aria-haspopup="dialog" onClick={() => setOpen({ dialog: "key", key: null })}>
            {t("licensing.keys.create")}
          </Button>
        )}
      </div>
      {details.canCreateKeys && (
        <p className="muted small">
          {t("licensing.keys.poolNote", { number: formatCount(details.licenses.availableInMainPool) })}
        </p>
      )}
      {keys.length === 0 ? (
        <p className="muted">{t("licensing.keys.empty")}</p>
      ) : (
        <KeysTable
          keys={keys}
          sort={sort}
          onSort={setSort}
          onManage={(key) => setOpen({ dialog: "key", key })}
          onDelete={(key) => setOpen({ dialog: "delete", key })}
          canDelete={details.canCreateKeys}
        />
      )}
      <KeyDialog
        open={open?.dialog === "key"}
        accountId={accountId}
        subscription={details}
        keyView={open?.dialog === "key" ? open.key : null}
        canAssign={isAccountAdmin}
        onClose={() => setOpen(null)}
        onChanged={onChanged}
        onSaved={(name) => {
          setOpen(null);
          onChanged();
          onNotice(t("licensing.keys.saved", { name }));
        }}
      />
      <DeleteKeyDialog
        open={open?.dialog === "delete"}
        accountId={accountId}
        subscriptionId={details.id}
        keyView={open?.dialog === "delete" ? open.key : null}
        onClose={() => setOpen(null)}
        onDeleted={(key) => {
          setOpen(null);
          onChanged();
          onNotice(t("licensing.keys.deleted", { name: key.name, number: formatCount(key.licenses) }));
        }}
      />
    </section>
  );
}
