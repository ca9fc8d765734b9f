import type { CompanyView } from "../../../../contracts/accounts.ts";
import type { CompanyInfo } from "../../../../contracts/company.ts";
import { isCountryCode } from "../../lib/countries.ts";

/**
 * The company form's values (all strings while editing) and the client-side mirror
 * of CompanyInfo in contracts/company.ts. The server re-checks everything.
 */
export type CompanyValues = {
  companyName: string;
  country: string;
  postcode: string;
  businessPhone: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  vatId: string;
  website: string;
};
export type CompanyField = keyof CompanyValues;

export function emptyCompany(): CompanyValues {
  return {
    companyName: "",
    country: "",
    postcode: "",
    businessPhone: "",
    addressLine1: "",
    addressLine2: "",
    city: "",
    vatId: "",
    website: "",
  };
}

export function companyFromView(view: CompanyView): CompanyValues {
  return {
    companyName: view.companyName,
    country: view.country,
    postcode: view.postcode,
    businessPhone: view.businessPhone,
    addressLine1: view.addressLine1 ?? "",
    addressLine2: view.addressLine2 ?? "",
    city: view.city ?? "",
    vatId: view.vatId ?? "",
    website: view.website ?? "",
  };
}

/** "example.com" becomes "https://example.com"; the server wants a full address. */
function normalizeWebsite(value: string): string {
  const trimmed = value.trim();
  if (!trimmed || /^https?:\/\//i.test(trimmed)) return trimmed;
  return `https://${trimmed}`;
}

const PHONE = /^\+?[0-9 ().\-/]+$/;
const WEBSITE = /^https?:\/\/[^\s/$.?#].[^\s]*$/i;

function tooLong(value: string, max: number, key: string): string | undefined {
  return value.trim().length > max ? key : undefined;
}

/** i18n keys per invalid field, like the form helpers in lib/validation.ts. */
export function checkCompany(values: CompanyValues): Partial<Record<CompanyField, string | undefined>> {
  const name = values.companyName.trim();
  const postcode = values.postcode.trim();
  const phone = values.businessPhone.trim();
  const website = normalizeWebsite(values.website);
  return {
    companyName: !name || name.length > 200 ? "company.errors.companyName" : undefined,
    country: isCountryCode(values.country) ? undefined : "company.errors.country",
    postcode: !postcode || postcode.length > 20 ? "company.errors.postcode" : undefined,
    businessPhone: phone.length < 5 || phone.length > 40 || !PHONE.test(phone) ? "company.errors.businessPhone" : undefined,
    addressLine1: tooLong(values.addressLine1, 200, "company.errors.address"),
    addressLine2: tooLong(values.addressLine2, 200, "company.errors.address"),
    city: tooLong(values.city, 100, "company.errors.city"),
    vatId: tooLong(values.vatId, 40, "company.errors.vatId"),
    website: website && (website.length > 200 || !WEBSITE.test(website)) ? "company.errors.website" : undefined,
  };
}

const optional = (value: string) => value.trim() || null;

/** The request body for POST /api/accounts, PUT …/company and sign-up's `company`. */
export function companyBody(values: CompanyValues): CompanyInfo {
  return {
    companyName: values.companyName.trim(),
    country: values.country as CompanyInfo["country"],
    postcode: values.postcode.trim(),
    businessPhone: values.businessPhone.trim(),
    addressLine1: optional(values.addressLine1),
    addressLine2: optional(values.addressLine2),
    city: optional(values.city),
    vatId: optional(values.vatId),
    website: normalizeWebsite(values.website) || null,
  };
}
