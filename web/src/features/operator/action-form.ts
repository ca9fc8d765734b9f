import { customExpiryIso, isDateInput, toDateInput } from "../licensing/dates.ts";
import { parseCount } from "../licensing/key-form.ts";
import type { OperatorActionBody, OperatorSubscriptionView, Term } from "./api.ts";

export type ActionKind = OperatorActionBody["action"];
export type ActionValues = { term: Term; date: string; licenses: string; reason: string };
export type ActionField = "term" | "date" | "licenses" | "reason";

export const REASON_MAX = 500;

export function actionValues(view: OperatorSubscriptionView): ActionValues {
  return {
    term: view.term ?? "1y",
    date: view.expiresAt ? toDateInput(view.expiresAt) : "",
    licenses: String(view.totalLicenses),
    reason: "",
  };
}

/** Client-side checks per action: i18n keys per invalid field. */
export function checkAction(
  action: ActionKind,
  values: ActionValues,
  view: OperatorSubscriptionView,
): Partial<Record<ActionField, string | undefined>> {
  const reason = values.reason.trim().length > REASON_MAX ? "operator.actions.errors.reason" : undefined;
  switch (action) {
    case "renew":
      return {
        term: values.term === "1m" && view.contract.salesChannel !== "online" ? "operator.issue.errors.monthOnline" : undefined,
      };
    case "extend":
      if (!isDateInput(values.date)) return { date: "operator.actions.errors.date" };
      return {
        date: view.expiresAt && values.date <= toDateInput(view.expiresAt) ? "operator.actions.errors.dateNotLater" : undefined,
      };
    case "set_licenses": {
      const licenses = parseCount(values.licenses);
      if (licenses === null) return { licenses: "operator.issue.errors.licenses" };
      return { licenses: licenses < view.reservedInAdditionalKeys ? "errors.LICENSES_BELOW_RESERVED" : undefined };
    }
    case "suspend":
    case "cancel":
      return { reason };
    case "reinstate":
      return {};
  }
}

/** The POST …/actions body; call after checkAction found nothing. */
export function actionBody(action: ActionKind, values: ActionValues): OperatorActionBody {
  const reason = values.reason.trim() || undefined;
  switch (action) {
    case "renew":
      return { action, term: values.term };
    case "extend":
      return { action, expiresAt: customExpiryIso(values.date, null) ?? "" };
    case "set_licenses":
      return { action, licenses: parseCount(values.licenses) ?? 0 };
    case "suspend":
      return reason ? { action, reason } : { action };
    case "cancel":
      return reason ? { action, reason } : { action };
    case "reinstate":
      return { action };
  }
}
