import { z } from "zod";
import { COUNTRY_CODES } from "./countries.ts";

/** Company information of a business account: the guide's sign-up fields plus optional extras. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export const CompanyInfo = z.strictObject({
  companyName: z.string().trim().min(1, "Enter the company name.").max(200, "Use at most 200 characters."),
  country: z.enum(COUNTRY_CODES, "Choose a country."),
  postcode: z.string().trim().min(1, "Enter the postcode or ZIP code.").max(20, "Use at most 20 characters."),
  businessPhone: z
    .string()
    .trim()
    .min(5, "Enter the business phone number.")
    .max(40, "Use at most 40 characters.")
    .regex(/^\+?[0-9 ().\-/]+$/, "Use digits, spaces and + ( ) - . / only."),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  vatId: optionalText(40),
  website: z
    .string()
    .trim()
    .max(200, "Use at most 200 characters.")
    .refine((v) => v === "" || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v), "Enter a web address starting with https://.")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export type CompanyInfoInput = z.input<typeof CompanyInfo>;
export type CompanyInfo = z.output<typeof CompanyInfo>;
