import { useTranslation } from "react-i18next";
import { useAccounts } from "../features/accounts/accounts-store.tsx";
import { useActiveAccount } from "../features/accounts/active-account.ts";
import { switchTarget } from "../features/accounts/paths.ts";
import { useMe, useSession } from "../lib/session.ts";
import { MenuButton, type MenuItem } from "../ui/Menu.tsx";
import { navigate, useLocation } from "./router.tsx";

function initials(firstName: string, lastName: string): string {
  return `${[...firstName][0] ?? ""}${[...lastName][0] ?? ""}`.toUpperCase();
}

/** The upper-left drop-down: the personal account, every business account, and Create business account. */
export function AccountSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const { accounts, state } = useAccounts();
  const active = useActiveAccount();
  const personal = t("accounts.personal", { name: me.name });
  const nameOf = (kind: string, name: string) => (kind === "personal" ? personal : name);
  const current = active.summary ? nameOf(active.summary.kind, active.summary.name) : personal;

  const items: MenuItem[] = accounts.map((account) => {
    const blocked = account.status === "blocked";
    const label =
      account.kind === "personal" ? (
        personal
      ) : (
        <span key={account.id} className="menu-item-text">
          <span>{account.name}</span>
          <span className="menu-item-note">{blocked ? t("accounts.blockedNote") : t("accounts.businessNote")}</span>
        </span>
      );
    return {
      kind: "radio",
      id: account.id,
      label,
      checked: account.id === active.id,
      disabled: blocked,
      onSelect: () => navigate(switchTarget(pathname, account)),
    };
  });
  if (state.status !== "ready") {
    // Until the list arrives (or if it cannot be loaded) the personal account is still reachable.
    items.push({ kind: "radio", id: "personal", label: personal, checked: true, onSelect: () => navigate("/") });
  }
  items.push({
    kind: "action",
    id: "create",
    label: t("accounts.create"),
    separatorBefore: true,
    onSelect: () => navigate("/accounts/new"),
  });

  return (
    <MenuButton
      className="account-switcher"
      menuLabel={t("accounts.menuLabel")}
      label={
        <span className="menu-button-text">
          <span className="menu-button-caption">
            {active.summary?.kind === "business" ? t("accounts.businessCaption") : t("accounts.caption")}
          </span>
          <span className="menu-button-main">{current}</span>
        </span>
      }
      items={items}
    />
  );
}

export function PersonMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  return (
    <MenuButton
      className="person-menu"
      align="end"
      menuLabel={t("nav.personal")}
      label={
        <span className="person">
          <span className="avatar" aria-hidden="true">
            {initials(me.firstName, me.lastName)}
          </span>
          <span className="menu-button-text">
            <span className="menu-button-main">{me.name}</span>
            <span className="menu-button-caption">{me.email}</span>
          </span>
        </span>
      }
      items={[
        { kind: "link", id: "profile", label: t("nav.profile"), href: "/profile", onSelect: () => navigate("/profile") },
        { kind: "link", id: "security", label: t("nav.security"), href: "/security", onSelect: () => navigate("/security") },
        // Vendor staff only; the server refuses everyone else anyway (403 OPERATOR_REQUIRED).
        ...(me.isOperator
          ? [
              {
                kind: "link" as const,
                id: "operator",
                label: t("operator.menuLink"),
                href: "/operator",
                onSelect: () => navigate("/operator"),
              },
            ]
          : []),
        {
          kind: "action",
          id: "logout",
          label: t("nav.logout"),
          onSelect: () => {
            void signOut().then(() => navigate("/sign-in?signedOut=1"));
          },
        },
      ]}
    />
  );
}
