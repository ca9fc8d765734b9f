import type { Locale } from "../../lib/i18n.ts";
import { checkEmail } from "../../lib/validation.ts";
import { parseCount } from "../licensing/key-form.ts";
import type { IssueSubscriptionBody, LicenseType, SalesChannel, SupportPlan, Term } from "./api.ts";

/** The Issue subscription form while editing; numbers stay strings until sent. */
export type IssueValues = {
  productId: string;
  licenseType: LicenseType;
  term: Term | "";
  licenses: string;
  supportPlan: SupportPlan;
  salesChannel: SalesChannel;
  resellerName: string;
  contactName: string;
  contactEmail: string;
  maintenanceMonths: string;
  destination: "account" | "email";
  accountId: string;
  accountName: string;
  purchaserEmail: string;
  locale: Locale;
};
export type IssueField =
  | "productId"
  | "term"
  | "licenses"
  | "resellerName"
  | "contactEmail"
  | "maintenanceMonths"
  | "accountId"
  | "purchaserEmail";

export const TERMS_BY_LENGTH: Term[] = ["1m", "1y", "2y", "3y"];

export function emptyIssue(account?: { id: string; name: string }): IssueValues {
  return {
    productId: "",
    licenseType: "subscription",
    term: "1y",
    licenses: "",
    supportPlan: "standard",
    salesChannel: "direct",
    resellerName: "",
    contactName: "",
    contactEmail: "",
    maintenanceMonths: "12",
    destination: account ? "account" : "email",
    accountId: account?.id ?? "",
    accountName: account?.name ?? "",
    purchaserEmail: "",
    locale: "en",
  };
}

/** The terms the form offers: 1 month is sold online only. */
export function termsFor(channel: SalesChannel): Term[] {
  return channel === "online" ? TERMS_BY_LENGTH : TERMS_BY_LENGTH.filter((term) => term !== "1m");
}

function months(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const count = Number(trimmed);
  return count <= 120 ? count : null;
}

/** Client-side mirror of IssueSubscriptionBody's rules: i18n keys per invalid field. */
export function checkIssue(values: IssueValues): Partial<Record<IssueField, string | undefined>> {
  const subscription = values.licenseType === "subscription";
  return {
    productId: values.productId ? undefined : "operator.issue.errors.product",
    term: !subscription
      ? undefined
      : values.term === ""
        ? "operator.issue.errors.term"
        : values.term === "1m" && values.salesChannel !== "online"
          ? "operator.issue.errors.monthOnline"
          : undefined,
    licenses: parseCount(values.licenses) === null ? "operator.issue.errors.licenses" : undefined,
    resellerName:
      values.salesChannel === "reseller" && !values.resellerName.trim()
        ? "operator.issue.errors.reseller"
        : values.resellerName.trim().length > 200
          ? "operator.issue.errors.tooLong"
          : undefined,
    contactEmail: values.contactEmail.trim() && checkEmail(values.contactEmail) ? "operator.issue.errors.email" : undefined,
    maintenanceMonths:
      values.licenseType === "permanent" && months(values.maintenanceMonths) === null
        ? "operator.issue.errors.months"
        : undefined,
    accountId: values.destination === "account" && !values.accountId ? "operator.issue.errors.account" : undefined,
    purchaserEmail:
      values.destination === "email" && checkEmail(values.purchaserEmail) ? "operator.issue.errors.purchaserEmail" : undefined,
  };
}

const optional = (value: string) => value.trim() || null;

/** The POST /api/operator/subscriptions body; call after checkIssue found nothing. */
export function issueBody(values: IssueValues): IssueSubscriptionBody {
  const toAccount = values.destination === "account";
  return {
    productId: values.productId,
    licenseType: values.licenseType,
    term: values.licenseType === "subscription" && values.term !== "" ? values.term : null,
    licenses: parseCount(values.licenses) ?? 0,
    supportPlan: values.supportPlan,
    salesChannel: values.salesChannel,
    resellerName: values.salesChannel === "reseller" ? optional(values.resellerName) : null,
    contactName: optional(values.contactName),
    contactEmail: optional(values.contactEmail),
    maintenanceMonths: values.licenseType === "permanent" ? months(values.maintenanceMonths) : null,
    accountId: toAccount ? values.accountId : null,
    purchaserEmail: toAccount ? null : values.purchaserEmail.trim(),
    locale: values.locale,
  };
}
