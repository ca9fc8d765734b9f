import { useTranslation } from "react-i18next";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { AUDIT_ACTIONS, actionLabel } from "./actions.ts";
import type { Person } from "./usePeople.ts";

/** The person select's value for "someone else", which shows a user-id box. */
export const OTHER_PERSON = "other";

export type AuditFilterValues = {
  /** "", a member's user id, or OTHER_PERSON. */
  person: string;
  /** The typed user id when person is OTHER_PERSON. */
  personId: string;
  action: string;
  /** yyyy-mm-dd from the date inputs, or "". */
  from: string;
  to: string;
};

type AuditFiltersProps = {
  values: AuditFilterValues;
  onChange: (values: AuditFilterValues) => void;
  people: Person[];
  toError: string | undefined;
};

/** Person, action and date range for the account audit log. */
export function AuditFilters({ values, onChange, people, toError }: AuditFiltersProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...values, ...patch });
  return (
    <search aria-label={t("audit.filters.label")}>
      <form className="list-filters audit-filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label={t("audit.filters.person")}
          value={values.person}
          onChange={(person) => set({ person })}
          options={[
            { value: "", label: t("audit.filters.everyone") },
            ...people.map((p) => ({ value: p.userId, label: t("audit.filters.personOption", { name: p.name, email: p.email }) })),
            { value: OTHER_PERSON, label: t("audit.filters.otherPerson") },
          ]}
        />
        {values.person === OTHER_PERSON && (
          <TextField
            label={t("audit.filters.userId")}
            hint={t("audit.filters.userIdHint")}
            value={values.personId}
            onChange={(personId) => set({ personId })}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        <SelectField
          label={t("audit.filters.action")}
          value={values.action}
          onChange={(action) => set({ action })}
          options={[
            { value: "", label: t("audit.filters.anyAction") },
            ...AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(t, action) })),
          ]}
        />
        <TextField type="date" label={t("audit.filters.from")} value={values.from} onChange={(from) => set({ from })} />
        <TextField
          type="date"
          label={t("audit.filters.to")}
          value={values.to}
          min={values.from || undefined}
          onChange={(to) => set({ to })}
          error={toError}
        />
      </form>
    </search>
  );
}

/** A yyyy-mm-dd date input as the start of that day, in the person's time zone, as ISO 8601. */
export function startOfDay(date: string): string {
  const parsed = new Date(`${date}T00:00:00`);
  return Number.isNaN(parsed.getTime()) ? "" : parsed.toISOString();
}

/** The last millisecond of that day, so "to" includes the whole day. */
export function endOfDay(date: string): string {
  const parsed = new Date(`${date}T00:00:00`);
  if (Number.isNaN(parsed.getTime())) return "";
  parsed.setDate(parsed.getDate() + 1);
  return new Date(parsed.getTime() - 1).toISOString();
}
