import { z } from "zod";
import { Locale } from "./identity.ts";

export { CompanyInfo, type CompanyInfoInput } from "./company.ts";

/**
 * Accounts, business profile and membership. Every account route lives under
 * /api/accounts/:accountId, so the chosen account travels in the URL (two tabs can
 * show two accounts) and the server checks membership on every request.
 */

const id = z.string().min(1).max(64);
export const AccountParams = z.strictObject({ accountId: id });
export const MemberParams = z.strictObject({ accountId: id, userId: id });
export const InvitationParams = z.strictObject({ accountId: id, invitationId: id });

export const AccountKind = z.enum(["personal", "business"]);
/** The guide's two roles: "member" is shown as Regular Member, "admin" as Account Administrator. */
export const Role = z.enum(["member", "admin"]);
export type Role = z.infer<typeof Role>;
export const MembershipStatus = z.enum(["active", "blocked"]);
export type MembershipStatus = z.infer<typeof MembershipStatus>;

/** One entry of the account switcher. Blocked memberships are listed so the person understands why they cannot open them. */
export const AccountSummary = z.object({
  id: z.string(),
  kind: AccountKind,
  name: z.string(),
  role: Role,
  status: MembershipStatus,
  joinedAt: z.iso.datetime(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AccountList = z.object({ accounts: z.array(AccountSummary) });
export type AccountList = z.infer<typeof AccountList>;

export const PersonRef = z.object({ userId: z.string(), name: z.string(), email: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

/** Company information as the API returns it (CompanyInfo is the input, with its trimming and checks). */
export const CompanyView = z.object({
  companyName: z.string(),
  country: z.string(),
  postcode: z.string(),
  businessPhone: z.string(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  vatId: z.string().nullable(),
  website: z.string().nullable(),
});
export type CompanyView = z.infer<typeof CompanyView>;

export const AccountDetails = z.object({
  id: z.string(),
  kind: AccountKind,
  name: z.string(),
  /** Null for personal accounts. */
  company: CompanyView.nullable(),
  membership: z.object({ role: Role, status: MembershipStatus, joinedAt: z.iso.datetime() }),
  /** The Account Admins section; active administrators only. */
  admins: z.array(PersonRef),
  createdAt: z.iso.datetime(),
});
export type AccountDetails = z.infer<typeof AccountDetails>;

// ---- Business Account Users ----

/** The Users list mixes members and open invitations; `status` says which. */
export const RosterStatus = z.enum(["active", "blocked", "invited", "expired"]);
export type RosterStatus = z.infer<typeof RosterStatus>;

export const RosterEntry = z.object({
  kind: z.enum(["member", "invitation"]),
  /** userId for members, invitationId for invitations. */
  id: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  role: Role,
  status: RosterStatus,
  /** Joined date for members, last-sent date for invitations. */
  date: z.iso.datetime(),
  /** Invitations only. */
  expiresAt: z.iso.datetime().nullable(),
  locale: Locale.nullable(),
  /** License keys this person manages; filled in by the licensing module. */
  licenseKeys: z.array(z.string()),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export const RosterSort = z.enum(["name", "-name", "email", "-email", "date", "-date"]);
export type RosterSort = z.infer<typeof RosterSort>;

export const RosterQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  status: RosterStatus.optional(),
  sort: RosterSort.default("name"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Opaque keyset cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(500).optional(),
});
export type RosterQuery = z.infer<typeof RosterQuery>;

export const RosterPage = z.object({ items: z.array(RosterEntry), nextCursor: z.string().nullable() });
export type RosterPage = z.infer<typeof RosterPage>;

export const RoleChange = z.object({
  fromRole: Role.nullable(),
  toRole: Role,
  note: z.string().nullable(),
  changedBy: PersonRef.nullable(),
  changedAt: z.iso.datetime(),
});
export type RoleChange = z.infer<typeof RoleChange>;

export const MemberDetails = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  status: MembershipStatus,
  joinedAt: z.iso.datetime(),
  licenseKeys: z.array(z.string()),
  roleHistory: z.array(RoleChange),
});
export type MemberDetails = z.infer<typeof MemberDetails>;

/**
 * The user's dialog: Role, Notes, and Block / Unblock / Remove, applied by one Save.
 * `status: "removed"` ends the membership.
 */
export const UpdateMemberBody = z.strictObject({
  role: Role,
  status: z.enum(["active", "blocked", "removed"]),
  note: z.string().trim().max(1000, "Use at most 1000 characters.").optional(),
});
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

/** The answer to Save: the member afterwards, or null when removed. */
export const UpdateMemberResponse = z.object({ member: MemberDetails.nullable() });
