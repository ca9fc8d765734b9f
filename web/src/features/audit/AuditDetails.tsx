import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { htmlLang, isLocale, LOCALE_NAMES } from "../../lib/i18n.ts";
import { roleLabel } from "../members/format.tsx";
import type { AccountAuditEntry } from "./api.ts";

const isRole = (value: unknown): value is "member" | "admin" => value === "member" || value === "admin";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** The company fields that "Company information changed" lists, with the Business Profile's labels. */
const COMPANY_FIELDS: Record<string, string> = {
  companyName: "company.companyName",
  country: "company.country",
  postcode: "company.postcode",
  businessPhone: "company.businessPhone",
  addressLine1: "company.addressLine1",
  addressLine2: "company.addressLine2",
  city: "company.city",
  vatId: "company.vatId",
  website: "company.website",
};

/**
 * Keys shown above in words, or left out: name is the target's label, summary repeats
 * the role change in English, accountId is this account.
 */
const SHOWN = new Set([
  "fromRole",
  "toRole",
  "role",
  "note",
  "email",
  "locale",
  "companyName",
  "changes",
  "name",
  "summary",
  "accountId",
]);

function text(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * An entry's facts in words: a role change with its note, an email, a language, the
 * IP address; any other key is listed as it is, so nothing the server records is hidden.
 */
export function AuditDetails({ entry }: { entry: AccountAuditEntry }) {
  const { t } = useTranslation();
  const { fromRole, toRole, role, note, email, locale, companyName, changes } = entry.details;
  const items: Array<{ key: string; label: string; value: ReactNode }> = [];

  if (isRole(toRole)) {
    const to = roleLabel(t, toRole);
    const value = isRole(fromRole) ? t("audit.details.roleChange", { from: roleLabel(t, fromRole), to }) : to;
    items.push({ key: "role", label: t("audit.details.role"), value });
  } else if (isRole(role)) {
    items.push({ key: "role", label: t("audit.details.role"), value: roleLabel(t, role) });
  }
  if (typeof email === "string") items.push({ key: "email", label: t("audit.details.email"), value: email });
  if (isLocale(locale)) {
    items.push({
      key: "locale",
      label: t("audit.details.language"),
      value: <span lang={htmlLang(locale)}>{LOCALE_NAMES[locale]}</span>,
    });
  }
  if (typeof companyName === "string") items.push({ key: "companyName", label: t("company.companyName"), value: companyName });
  if (isRecord(changes)) {
    for (const [field, change] of Object.entries(changes)) {
      const from = isRecord(change) ? text(change.from) : "—";
      const to = isRecord(change) ? text(change.to) : text(change);
      const key = COMPANY_FIELDS[field];
      items.push({ key: `change-${field}`, label: key ? t(key) : field, value: t("audit.details.roleChange", { from, to }) });
    }
  }
  if (typeof note === "string" && note) items.push({ key: "note", label: t("audit.details.note"), value: note });
  for (const [key, value] of Object.entries(entry.details)) {
    if (!SHOWN.has(key)) items.push({ key, label: key, value: text(value) });
  }
  if (entry.ipAddress) items.push({ key: "ip", label: t("audit.details.ip"), value: entry.ipAddress });

  if (items.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="audit-details">
      {items.map((item) => (
        <div key={item.key}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
