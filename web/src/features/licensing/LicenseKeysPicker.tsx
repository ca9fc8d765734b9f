import "../../styles/licensing-keys.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { messageFor } from "../../lib/errors.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Checkbox } from "../../ui/Checkbox.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { useMemberKeys } from "./useMemberKeys.ts";

const FILTER_FROM = 8;

/** Users → the person → Role → License Administrator: tick the keys they manage. */
export function LicenseKeysPicker({ memberKeys }: { memberKeys: ReturnType<typeof useMemberKeys> }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState("");
  const { state, keys, wanted, toggle } = memberKeys;

  if (state.status === "idle" || state.status === "loading") {
    return (
      <p className="muted" role="status">
        <span className="spinner" aria-hidden="true" /> {t("licensing.memberKeys.loading")}
      </p>
    );
  }
  if (state.status === "error") return <Alert>{messageFor(t, state.error)}</Alert>;

  const needle = filter.trim().toLowerCase();
  const shown = keys.filter(
    ({ key, subscriptionName }) => !needle || `${key.name} ${subscriptionName}`.toLowerCase().includes(needle),
  );
  return (
    <fieldset className="field fieldset-plain stack-xs">
      <legend className="field-label">{t("licensing.memberKeys.legend")}</legend>
      <p className="field-hint">{t("licensing.memberKeys.hint")}</p>
      {keys.length === 0 ? (
        <p>{t("licensing.memberKeys.noKeys")}</p>
      ) : (
        <>
          {keys.length >= FILTER_FROM && (
            <TextField
              type="search"
              label={t("licensing.memberKeys.filter")}
              value={filter}
              onChange={setFilter}
              autoComplete="off"
            />
          )}
          <p className="muted small" aria-live="polite">
            {t("licensing.keyAdmins.selected", { number: wanted.size })}
          </p>
          <ul className="member-choices">
            {shown.map(({ key, subscriptionName }) => (
              <li key={key.id}>
                <Checkbox
                  label={key.name}
                  // The key's last group tells apart keys of the same name in same-named subscriptions.
                  hint={`${subscriptionName} · ${key.kind === "primary" ? t("licensing.keys.primary") : t("licensing.keys.additional")} · …${key.key.slice(-6)}`}
                  checked={wanted.has(key.id)}
                  onChange={(checked) => toggle(key.id, checked)}
                />
              </li>
            ))}
          </ul>
          {shown.length === 0 && <p className="muted">{t("licensing.keyAdmins.noMatch")}</p>}
        </>
      )}
      {!state.complete && <p className="muted small">{t("licensing.memberKeys.incomplete")}</p>}
    </fieldset>
  );
}
