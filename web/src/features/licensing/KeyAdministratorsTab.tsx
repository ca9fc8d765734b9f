import { useState } from "react";
import { useTranslation } from "react-i18next";
import { messageFor } from "../../lib/errors.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Checkbox } from "../../ui/Checkbox.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { LicenseKeyView } from "./api.ts";
import type { Member, useRegularMembers } from "./useRegularMembers.ts";

type Props = {
  /** Only Account Administrators assign License Administrators; others see the list. */
  canAssign: boolean;
  members: ReturnType<typeof useRegularMembers>;
  current: LicenseKeyView["administrators"];
  selected: ReadonlySet<string>;
  onToggle: (userId: string, checked: boolean) => void;
};

const FILTER_FROM = 8;

/** The key dialog's License Administrators tab: the account's Regular Members, ticked for this key. */
export function KeyAdministratorsTab({ canAssign, members, current, selected, onToggle }: Props) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState("");

  if (!canAssign) {
    return (
      <div className="stack">
        <p className="muted">{t("licensing.keyAdmins.readOnly")}</p>
        {current.length === 0 ? (
          <p>{t("licensing.keyAdmins.none")}</p>
        ) : (
          <ul className="people">
            {current.map((admin) => (
              <li key={admin.userId} className="person-row">
                <span className="person-name">{admin.name}</span>
                <span className="break-all">{admin.email}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  if (members.status === "loading" || members.status === "idle") {
    return (
      <p className="page-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t("common.loading")}
      </p>
    );
  }
  if (members.status === "error") return <Alert>{messageFor(t, members.error)}</Alert>;

  // Administrators who are no longer active Regular Members (blocked, promoted) stay listed so they can be removed.
  const known = new Set(members.members.map((m) => m.userId));
  const others: Member[] = current.filter((admin) => !known.has(admin.userId));
  const needle = filter.trim().toLowerCase();
  const shown = [...members.members, ...others].filter(
    (m) => !needle || m.name.toLowerCase().includes(needle) || m.email.toLowerCase().includes(needle),
  );

  return (
    <fieldset className="field fieldset-plain stack-xs">
      <legend className="field-label">{t("licensing.keyAdmins.legend")}</legend>
      <p className="field-hint">{t("licensing.keyAdmins.hint")}</p>
      {members.members.length === 0 && others.length === 0 ? (
        <p>{t("licensing.keyAdmins.noMembers")}</p>
      ) : (
        <>
          {members.members.length + others.length >= FILTER_FROM && (
            <TextField
              type="search"
              label={t("licensing.keyAdmins.filter")}
              value={filter}
              onChange={setFilter}
              autoComplete="off"
            />
          )}
          <p className="muted small" aria-live="polite">
            {t("licensing.keyAdmins.selected", { number: selected.size })}
          </p>
          <ul className="member-choices">
            {shown.map((member) => (
              <li key={member.userId}>
                <Checkbox
                  label={
                    <>
                      <span className="person-name">{member.name}</span> <span className="muted small">{member.email}</span>
                    </>
                  }
                  hint={known.has(member.userId) ? undefined : t("licensing.keyAdmins.notActiveMember")}
                  checked={selected.has(member.userId)}
                  onChange={(checked) => onToggle(member.userId, checked)}
                />
              </li>
            ))}
          </ul>
          {shown.length === 0 && <p className="muted">{t("licensing.keyAdmins.noMatch")}</p>}
          {!members.complete && <p className="muted small">{t("licensing.keyAdmins.incomplete")}</p>}
        </>
      )}
    </fieldset>
  );
}
