import type { KeyBody, LicenseKeyView, PrimaryKeyBody } from "./api.ts";
import { customExpiryIso, isAfterSubscription, isDateInput, isPastDay, toDateInput } from "./dates.ts";

/** The General tab's values while editing (strings for the number and date inputs). */
export type KeyFormValues = {
  name: string;
  licenses: string;
  limitUsers: boolean;
  maxUsersPerFarm: string;
  renewWithSubscription: boolean;
  customDate: string;
};
export type KeyField = "name" | "licenses" | "maxUsersPerFarm" | "customDate";

const NAME_MAX = 120;
const COUNT_MAX = 1_000_000;

export function keyFormValues(key: LicenseKeyView | null): KeyFormValues {
  return {
    name: key?.name ?? "",
    licenses: key && key.kind === "additional" ? String(key.licenses) : "",
    limitUsers: key?.maxUsersPerFarm != null,
    maxUsersPerFarm: key?.maxUsersPerFarm != null ? String(key.maxUsersPerFarm) : "",
    renewWithSubscription: key?.renewWithSubscription ?? true,
    customDate: key && !key.renewWithSubscription && key.expiresAt ? toDateInput(key.expiresAt) : "",
  };
}

/** A positive whole number typed in a field, or null. */
export function parseCount(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const count = Number(trimmed);
  return count >= 1 && count <= COUNT_MAX ? count : null;
}

export type KeyFormContext = {
  kind: "primary" | "additional";
  /** Licenses this key may hold: the main pool, plus what the key already reserves when editing. */
  available: number;
  subscriptionExpiresAt: string | null;
  now?: Date;
};

/** Client-side mirror of KeyBody / PrimaryKeyBody: i18n keys per invalid field. */
export function checkKeyForm(values: KeyFormValues, context: KeyFormContext): Partial<Record<KeyField, string | undefined>> {
  const name = values.name.trim();
  const errors: Partial<Record<KeyField, string | undefined>> = {
    name: !name
      ? "licensing.keyForm.errors.nameRequired"
      : name.length > NAME_MAX
        ? "licensing.keyForm.errors.nameTooLong"
        : undefined,
    maxUsersPerFarm:
      values.limitUsers && parseCount(values.maxUsersPerFarm) === null ? "licensing.keyForm.errors.maxUsers" : undefined,
  };
  if (context.kind === "primary") return errors;
  const licenses = parseCount(values.licenses);
  errors.licenses =
    licenses === null
      ? "licensing.keyForm.errors.licenses"
      : licenses > context.available
        ? "licensing.keyForm.errors.licensesOverPool"
        : undefined;
  if (!values.renewWithSubscription) {
    errors.customDate = !isDateInput(values.customDate)
      ? "licensing.keyForm.errors.dateRequired"
      : isAfterSubscription(values.customDate, context.subscriptionExpiresAt)
        ? "licensing.keyForm.errors.dateAfterSubscription"
        : isPastDay(values.customDate, context.now)
          ? "licensing.keyForm.errors.datePast"
          : undefined;
  }
  return errors;
}

/** POST/PUT body for an additional key; call after checkKeyForm found nothing. */
export function keyBody(values: KeyFormValues, subscriptionExpiresAt: string | null): KeyBody {
  return {
    name: values.name.trim(),
    licenses: parseCount(values.licenses) ?? 0,
    maxUsersPerFarm: values.limitUsers ? parseCount(values.maxUsersPerFarm) : null,
    renewWithSubscription: values.renewWithSubscription,
    customExpiresAt: values.renewWithSubscription ? null : customExpiryIso(values.customDate, subscriptionExpiresAt),
  };
}

/** PUT body for the Primary Key: its licenses and expiry follow the subscription. */
export function primaryKeyBody(values: KeyFormValues): PrimaryKeyBody {
  return { name: values.name.trim(), maxUsersPerFarm: values.limitUsers ? parseCount(values.maxUsersPerFarm) : null };
}

/** Maps the server's field paths and codes to the General tab's fields. */
export function keyFieldForServerError(code: string, field: string | null): KeyField | null {
  if (code === "POOL_EXHAUSTED") return "licenses";
  if (code === "KEY_EXPIRY_AFTER_SUBSCRIPTION") return "customDate";
  const name = field?.replace(/^body\./, "").split(".")[0];
  if (name === "name" || name === "licenses" || name === "maxUsersPerFarm") return name;
  if (name === "customExpiresAt" || name === "renewWithSubscription") return "customDate";
  return null;
}
