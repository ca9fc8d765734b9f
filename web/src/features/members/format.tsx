import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { isLicenseAdministrator } from "../licensing/member-keys.ts";
import type { Role, RosterStatus } from "./api.ts";

/** Dates in the UI language (Intl). */
export { formatDate, formatDateTime } from "../../lib/format.ts";

/** The guide's names for the two roles. */
const ROLE_KEYS: Record<Role, string> = { member: "users.roles.member", admin: "users.roles.admin" };

export const roleLabel = (t: TFunction, role: Role) => t(ROLE_KEYS[role]);

/** The role the Users list shows: a Regular Member who manages license keys is a License Administrator. */
export const derivedRoleLabel = (t: TFunction, role: Role, licenseKeys: readonly string[]) =>
  isLicenseAdministrator(role, licenseKeys) ? t("licensing.roleLicenseAdmin") : roleLabel(t, role);

const STATUS_KEYS: Record<RosterStatus, string> = {
  active: "users.statuses.active",
  blocked: "users.statuses.blocked",
  invited: "users.statuses.invited",
  expired: "users.statuses.expired",
};

export const statusLabel = (t: TFunction, status: RosterStatus) => t(STATUS_KEYS[status]);

const STATUS_BADGES: Record<RosterStatus, string> = {
  active: "badge badge-success",
  blocked: "badge badge-danger",
  invited: "badge badge-accent",
  expired: "badge badge-warning",
};

export function StatusBadge({ status }: { status: RosterStatus }) {
  const { t } = useTranslation();
  return <span className={STATUS_BADGES[status]}>{statusLabel(t, status)}</span>;
}
