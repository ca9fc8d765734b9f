import { z } from "zod";
import { CompanyInfo } from "./company.ts";

/**
 * Request/response schemas shared by the server (validation, OpenAPI) and the web
 * app (form validation, types). Keep limits here so both sides agree.
 */
export const SUPPORTED_LOCALES = ["en", "de", "fr", "es", "it", "ja", "zh", "ru"] as const;
export const Locale = z.enum(SUPPORTED_LOCALES);
export type Locale = z.infer<typeof Locale>;

const personName = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");

export const SignUpBody = z
  .strictObject({
    firstName: personName,
    lastName: personName,
    email: z.string().trim().max(254).pipe(z.email("Enter a valid email address.")),
    password: z.string().min(12, "Use at least 12 characters.").max(128, "Use at most 128 characters."),
    customerType: z.enum(["personal", "business"]).default("personal"),
    locale: Locale.default("en"),
    callbackURL: z
      .string()
      .max(500)
      .regex(/^\/(?!\/)/, "must be a path on this site")
      .optional(),
    /** Required for "A Business Customer": the business account created with the person as its Account Administrator. */
    company: CompanyInfo.optional(),
  })
  .refine((body) => body.customerType !== "business" || body.company !== undefined, {
    path: ["company"],
    message: "Enter the company information.",
  });
export type SignUpBody = z.infer<typeof SignUpBody>;

/** The answer is the same whether or not the address was already registered. */
export const SignUpResponse = z.object({
  status: z.literal("verification_sent"),
  email: z.string(),
});

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  locale: Locale,
  isOperator: z.boolean(),
  twoFactorEnabled: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const UpdateProfileBody = z.strictObject({
  firstName: personName,
  lastName: personName,
  locale: Locale,
});
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

export const ProblemResponse = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  instance: z.string(),
  requestId: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ProblemResponse = z.infer<typeof ProblemResponse>;
