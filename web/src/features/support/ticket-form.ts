import type { TicketCategory, TicketOptions, TicketSeverity } from "../../../../contracts/support.ts";

export type TicketKey = TicketOptions["licenseKeys"][number];
export type TicketFarm = TicketOptions["farms"][number];

export type TicketFormValues = {
  productId: string;
  category: TicketCategory;
  severity: TicketSeverity;
  subject: string;
  description: string;
  licenseKeyId: string;
  farmId: string;
};

export type TicketField = keyof TicketFormValues | "attachmentIds";

export const SUBJECT_MAX = 200;
export const DESCRIPTION_MAX = 50_000;

export function initialValues(options: TicketOptions): TicketFormValues {
  // One product (the usual case) is chosen for the customer.
  const productId = options.products.length === 1 ? (options.products[0]?.id ?? "") : "";
  return { productId, category: "technical", severity: "normal", subject: "", description: "", licenseKeyId: "", farmId: "" };
}

/** The account's keys for the chosen product. */
export function keysFor(options: TicketOptions, productId: string): TicketKey[] {
  return options.licenseKeys.filter((key) => key.productId === productId);
}

/** The farms of the chosen key, or of any of the product's keys when no key is chosen. */
export function farmsFor(options: TicketOptions, productId: string, licenseKeyId: string): TicketFarm[] {
  const keys = licenseKeyId ? [licenseKeyId] : keysFor(options, productId).map((key) => key.id);
  return options.farms.filter((farm) => keys.includes(farm.licenseKeyId));
}

/**
 * Keeps the choices consistent after one changes: a key of another product and a farm of
 * another key are dropped; choosing a farm first fills in its key.
 */
export function withChange(
  options: TicketOptions,
  values: TicketFormValues,
  change: Partial<TicketFormValues>,
): TicketFormValues {
  const next = { ...values, ...change };
  if (change.farmId && !change.licenseKeyId && !next.licenseKeyId) {
    next.licenseKeyId = options.farms.find((farm) => farm.id === change.farmId)?.licenseKeyId ?? "";
  }
  if (next.licenseKeyId && !keysFor(options, next.productId).some((key) => key.id === next.licenseKeyId)) next.licenseKeyId = "";
  if (next.farmId && !farmsFor(options, next.productId, next.licenseKeyId).some((farm) => farm.id === next.farmId)) {
    next.farmId = "";
  }
  return next;
}

/** The plan whose response targets apply: the chosen key's, or Standard without a key. */
export function planFor(options: TicketOptions, licenseKeyId: string): TicketOptions["plans"][number] | null {
  const code = options.licenseKeys.find((key) => key.id === licenseKeyId)?.supportPlan ?? "standard";
  return options.plans.find((plan) => plan.code === code) ?? null;
}

export type IncidentUse =
  | { kind: "none" }
  | { kind: "unlimited" }
  | { kind: "uses"; left: number }
  | { kind: "noneLeft" }
  | { kind: "supportNotActive" };

/**
 * What opening this ticket does to the key's incidents: only technical tickets with a key
 * use one, and only on a plan with a yearly allowance; without active support a technical
 * ticket is refused (licensing and purchase questions never are).
 */
export function incidentUse(options: TicketOptions, values: Pick<TicketFormValues, "category" | "licenseKeyId">): IncidentUse {
  if (values.category !== "technical" || !values.licenseKeyId) return { kind: "none" };
  const key = options.licenseKeys.find((k) => k.id === values.licenseKeyId);
  if (!key) return { kind: "none" };
  if (!key.supportActive) return { kind: "supportNotActive" };
  if (key.incidentsLeft === null) return { kind: "unlimited" };
  return key.incidentsLeft > 0 ? { kind: "uses", left: key.incidentsLeft } : { kind: "noneLeft" };
}

/** Client-side checks (i18n keys per field); the server checks everything again. */
export function validateTicket(values: TicketFormValues): Partial<Record<TicketField, string | undefined>> {
  const subject = values.subject.trim();
  const description = values.description.trim();
  return {
    productId: values.productId ? undefined : "support.new.productRequired",
    subject:
      subject.length < 3
        ? "support.new.subjectRequired"
        : subject.length > SUBJECT_MAX
          ? "support.new.subjectTooLong"
          : undefined,
    description: description
      ? description.length > DESCRIPTION_MAX
        ? "support.reply.tooLong"
        : undefined
      : "support.reply.required",
  };
}
