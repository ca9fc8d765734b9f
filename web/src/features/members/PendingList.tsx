import { useId } from "react";
import { useTranslation } from "react-i18next";
import { htmlLang, isLocale, LOCALE_NAMES, LOCALES, type Locale } from "../../lib/i18n.ts";
import { Button } from "../../ui/Button.tsx";
import type { InviteProblem, InviteRow } from "./invite-list.ts";

const PROBLEMS: Record<InviteProblem, string> = {
  invalid: "invite.list.problemInvalid",
  duplicate: "invite.list.problemDuplicate",
  language: "invite.list.problemLanguage",
};

type PendingListProps = {
  rows: InviteRow[];
  problems: ReadonlyMap<string, InviteProblem>;
  dialogLocale: Locale;
  onLanguage: (key: string, locale: Locale | null) => void;
  onRemove: (key: string) => void;
  onRemoveProblems: () => void;
  onClear: () => void;
};

/** The addresses waiting to be sent, each with its language, a Remove button and its problem, if any. */
export function PendingList({ rows, problems, dialogLocale, onLanguage, onRemove, onRemoveProblems, onClear }: PendingListProps) {
  const { t } = useTranslation();
  const id = useId();
  if (rows.length === 0) return <p className="muted small">{t("invite.list.empty")}</p>;

  return (
    <div className="pending">
      <div className="pending-tools">
        {problems.size > 0 && (
          <Button variant="link" onClick={onRemoveProblems}>
            {t("invite.list.removeProblems", { n: problems.size })}
          </Button>
        )}
        <Button variant="link" onClick={onClear}>
          {t("invite.list.clear")}
        </Button>
      </div>
      <ul className="pending-list" aria-label={t("invite.list.label")}>
        {rows.map((row) => {
          const problem = problems.get(row.key);
          const problemId = `${id}-${row.key}-problem`;
          return (
            <li key={row.key} className={problem ? "pending-row has-problem" : "pending-row"}>
              <span className="pending-email break-all">{row.email}</span>
              <label className="sr-only" htmlFor={`${id}-${row.key}-lang`}>
                {t("invite.list.languageFor", { email: row.email })}
              </label>
              <select
                id={`${id}-${row.key}-lang`}
                className="input select pending-language"
                value={row.locale ?? ""}
                onChange={(event) => onLanguage(row.key, isLocale(event.target.value) ? event.target.value : null)}
                aria-invalid={problem === "language" ? true : undefined}
                aria-describedby={problem ? problemId : undefined}
              >
                <option value="">{t("invite.list.sameLanguage", { language: LOCALE_NAMES[dialogLocale] })}</option>
                {LOCALES.map((code) => (
                  <option key={code} value={code} lang={htmlLang(code)}>
                    {LOCALE_NAMES[code]}
                  </option>
                ))}
              </select>
              <Button
                variant="ghost"
                onClick={(event) => {
                  // Keep the keyboard in the list: focus moves to the next row's Remove, or back to the address field.
                  const item = event.currentTarget.closest("li");
                  const next = (item?.nextElementSibling ?? item?.previousElementSibling)?.querySelector<HTMLElement>("button");
                  onRemove(row.key);
                  requestAnimationFrame(() =>
                    (next ?? document.querySelector<HTMLElement>("dialog[open] input[type=email]"))?.focus(),
                  );
                }}
                aria-label={t("invite.list.removeNamed", { email: row.email })}
              >
                {t("invite.list.remove")}
              </Button>
              {problem && (
                <p className="field-error pending-problem" id={problemId}>
                  {t(PROBLEMS[problem], { value: row.unknownLanguage ?? "" })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
