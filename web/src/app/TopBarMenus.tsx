import { useTranslation } from "react-i18next";
import { useMe, useSession } from "../lib/session.ts";
import { MenuButton } from "../ui/Menu.tsx";
import { navigate } from "./router.tsx";

function initials(firstName: string, lastName: string): string {
  return `${[...firstName][0] ?? ""}${[...lastName][0] ?? ""}`.toUpperCase();
}

/** Lists the accounts the person can act for. For now only the personal account. */
export function AccountSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const personal = t("accounts.personal", { name: me.name });
  return (
    <MenuButton
      className="account-switcher"
      menuLabel={t("accounts.menuLabel")}
      label={
        <span className="menu-button-text">
          <span className="menu-button-caption">{t("accounts.caption")}</span>
          <span className="menu-button-main">{personal}</span>
        </span>
      }
      items={[{ kind: "radio", id: "personal", label: personal, checked: true, onSelect: () => navigate("/") }]}
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
