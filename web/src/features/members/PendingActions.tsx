import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import type { MemberDetails } from "./api.ts";

export type PendingAction = "block" | "unblock" | "remove" | null;

type PendingActionsProps = {
  status: MemberDetails["status"];
  pending: PendingAction;
  onChange: (pending: PendingAction) => void;
  disabled: boolean;
  name: string;
};

const NOTICES = {
  block: "member.pending.block",
  unblock: "member.pending.unblock",
  remove: "member.pending.remove",
} as const;

const EFFECTS = {
  block: "member.pendingEffect.block",
  unblock: "member.pendingEffect.unblock",
  remove: "member.pendingEffect.remove",
} as const;

/**
 * Block or Unblock (whichever applies) and Remove. Pressing one only marks it: the
 * change is said in words and happens on Save; pressing it again takes it back.
 */
export function PendingActions({ status, pending, onChange, disabled, name }: PendingActionsProps) {
  const { t } = useTranslation();
  const toggle = status === "blocked" ? "unblock" : "block";
  const set = (action: Exclude<PendingAction, null>) => onChange(pending === action ? null : action);

  return (
    <fieldset className="field membership-actions">
      <legend className="field-label">{t("member.membership")}</legend>
      <p className="field-hint">{t("member.membershipHint")}</p>
      <div className="actions">
        <Button variant="secondary" aria-pressed={pending === toggle} disabled={disabled} onClick={() => set(toggle)}>
          {toggle === "block" ? t("member.block") : t("member.unblock")}
        </Button>
        <Button variant="danger" aria-pressed={pending === "remove"} disabled={disabled} onClick={() => set("remove")}>
          {t("member.remove")}
        </Button>
      </div>
      <div aria-live="polite">
        {pending && (
          <div className={`pending-notice pending-${pending}`}>
            <p>
              <strong>{t(NOTICES[pending], { name })}</strong>
            </p>
            <p className="small">{t(EFFECTS[pending])}</p>
            <Button variant="link" onClick={() => onChange(null)}>
              {t("member.pending.undo")}
            </Button>
          </div>
        )}
      </div>
    </fieldset>
  );
}
