import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { messageFor } from "../../lib/errors.ts";
import { LOCALE_NAMES, LOCALES } from "../../lib/i18n.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { RadioGroup } from "../../ui/RadioGroup.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { SearchResult } from "./api.ts";
import type { IssueField, IssueValues } from "./issue-form.ts";
import { useOperatorSearch } from "./useOperatorSearch.ts";

type Props = {
  values: IssueValues;
  onChange: (values: IssueValues) => void;
  errors: Partial<Record<IssueField, string>>;
};

/** Where the subscription goes: straight into an account (found by search), or a registration key by email. */
export function DestinationFields({ values, onChange, errors }: Props) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <RadioGroup<IssueValues["destination"]>
        legend={t("operator.issue.destination")}
        name="destination"
        value={values.destination}
        options={[
          { value: "account", label: t("operator.issue.intoAccount"), hint: t("operator.issue.intoAccountHint") },
          { value: "email", label: t("operator.issue.byEmail"), hint: t("operator.issue.byEmailHint") },
        ]}
        onChange={(destination) => onChange({ ...values, destination })}
      />
      {values.destination === "account" ? (
        <AccountPicker values={values} onChange={onChange} error={errors.accountId} />
      ) : (
        <div className="form-row">
          <TextField
            label={t("operator.issue.purchaserEmail")}
            type="email"
            value={values.purchaserEmail}
            onChange={(purchaserEmail) => onChange({ ...values, purchaserEmail })}
            error={errors.purchaserEmail}
            maxLength={254}
            autoComplete="off"
            required
          />
          <SelectField
            label={t("operator.issue.language")}
            hint={t("operator.issue.languageHint")}
            value={values.locale}
            options={LOCALES.map((locale) => ({ value: locale, label: LOCALE_NAMES[locale] }))}
            onChange={(value) => onChange({ ...values, locale: LOCALES.find((l) => l === value) ?? "en" })}
          />
        </div>
      )}
    </div>
  );
}

function AccountPicker({ values, onChange, error }: { values: IssueValues; onChange: (v: IssueValues) => void; error?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const state = useOperatorSearch(values.accountId ? "" : text.trim().slice(0, 100));
  const chosenRef = useRef<HTMLElement>(null);
  const [picked, setPicked] = useState(false);

  // After a pick the list goes away; focus moves to the chosen account so keyboard users are not lost.
  useEffect(() => {
    if (picked && values.accountId) chosenRef.current?.focus();
  }, [picked, values.accountId]);

  if (values.accountId) {
    return (
      <div className="field">
        <span className="field-label">{t("operator.issue.account")}</span>
        <div className="actions">
          <strong ref={chosenRef} tabIndex={-1}>
            {values.accountName || values.accountId}
          </strong>
          <Button variant="link" onClick={() => onChange({ ...values, accountId: "", accountName: "" })}>
            {t("operator.issue.changeAccount")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <fieldset className={`field fieldset-plain stack-xs${error ? " has-error" : ""}`}>
      <legend className="field-label">{t("operator.issue.account")}</legend>
      <TextField
        type="search"
        label={t("operator.issue.findAccount")}
        hint={t("operator.search.hint")}
        value={text}
        onChange={setText}
        error={error}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
      />
      {state.status === "loading" && <p className="muted small">{t("common.loading")}</p>}
      {state.status === "error" && <Alert>{messageFor(t, state.error)}</Alert>}
      {state.status === "ready" && (
        <AccountChoices
          result={state.result}
          onPick={(account) => {
            setPicked(true);
            onChange({ ...values, ...account });
          }}
        />
      )}
    </fieldset>
  );
}

type Choice = { accountId: string; accountName: string; note: string };

/** Business accounts found by name, and the personal accounts of people found by name or email. */
function AccountChoices({ result, onPick }: { result: SearchResult; onPick: (choice: Omit<Choice, "note">) => void }) {
  const { t } = useTranslation();
  const choices: Choice[] = [
    ...result.accounts.map((account) => ({
      accountId: account.id,
      accountName: account.name,
      note: [account.kind === "business" ? t("operator.search.business") : t("operator.search.personal"), ...account.admins].join(
        " · ",
      ),
    })),
    ...result.people.flatMap((person) =>
      person.personalAccountId && !result.accounts.some((account) => account.id === person.personalAccountId)
        ? [
            {
              accountId: person.personalAccountId,
              accountName: t("operator.issue.personalOf", { name: person.name }),
              note: `${t("operator.search.personal")} · ${person.email}`,
            },
          ]
        : [],
    ),
  ];
  if (choices.length === 0) {
    return (
      <p className="muted small" aria-live="polite">
        {t("operator.search.noAccounts")}
      </p>
    );
  }
  // Buttons, not radios: arrowing through radios would pick the first one reached.
  return (
    <ul className="people" aria-label={t("operator.issue.results")}>
      {choices.map((choice) => (
        <li key={choice.accountId} className="person-row">
          <span>
            <span className="person-name">{choice.accountName}</span> <span className="muted small break-all">{choice.note}</span>
          </span>
          <Button variant="secondary" onClick={() => onPick({ accountId: choice.accountId, accountName: choice.accountName })}>
            {t("operator.issue.choose")}
            <span className="sr-only"> {choice.accountName}</span>
          </Button>
        </li>
      ))}
    </ul>
  );
}
