import type { TFunction } from "i18next";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../lib/form.ts";
import { useSession } from "../../lib/session.ts";
import { Alert, FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { LicenseKeysPicker } from "../licensing/LicenseKeysPicker.tsx";
import { isLicenseAdministrator } from "../licensing/member-keys.ts";
import { useMemberKeys } from "../licensing/useMemberKeys.ts";
import { type MemberDetails, membersApi, type Role, type RosterEntry } from "./api.ts";
import { accountErrorMessage } from "./errors.ts";
import { formatDate, roleLabel, StatusBadge } from "./format.tsx";
import { type PendingAction, PendingActions } from "./PendingActions.tsx";
import { RoleHistory } from "./RoleHistory.tsx";
import { TextAreaField } from "./TextAreaField.tsx";

/** UpdateMemberBody.note in contracts/accounts.ts. */
const NOTE_MAX = 1000;
/** "licenseAdmin" is a Regular Member who manages license keys: saved as role "member" plus the keys' administrators. */
type RoleChoice = Role | "licenseAdmin";
const roleOf = (choice: RoleChoice): Role => (choice === "licenseAdmin" ? "member" : choice);

type MemberDialogProps = {
  accountId: string;
  entry: RosterEntry;
  open: boolean;
  onClose: () => void;
  /** After Save: the confirmation for the page (the dialog closes and the list reloads). */
  onSaved: (message: (t: TFunction) => string) => void;
};

function nextStatus(details: MemberDetails, pending: PendingAction) {
  if (pending === "remove") return "removed" as const;
  if (pending === "block") return "blocked" as const;
  if (pending === "unblock") return "active" as const;
  return details.status;
}

function savedMessage(name: string, roleChanged: boolean, role: Role, pending: PendingAction) {
  return (t: TFunction) => {
    if (pending === "remove") return t("member.saved.removed", { name });
    if (roleChanged && pending) return t("member.saved.changes", { name });
    if (roleChanged) return t("member.saved.role", { name, role: roleLabel(t, role) });
    if (pending === "block") return t("member.saved.blocked", { name });
    if (pending === "unblock") return t("member.saved.unblocked", { name });
    return t("member.saved.changes", { name });
  };
}

/**
 * One member's dialog (click a name in the Users list): details, Role, Notes, and
 * Block / Unblock / Remove as a pending change that Save applies.
 */
export function MemberDialog({ accountId, entry, open, onClose, onSaved }: MemberDialogProps) {
  const { t } = useTranslation();
  const formId = useId();
  const { state: session } = useSession();
  const form = useForm<"note" | "role">();
  const [details, setDetails] = useState<MemberDetails | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [choice, setChoice] = useState<RoleChoice>(entry.role);
  const [note, setNote] = useState("");
  const [pending, setPending] = useState<PendingAction>(null);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setDetails(null);
    setLoadError(null);
    setPending(null);
    setNote("");
    membersApi
      .member(accountId, entry.id, controller.signal)
      .then((member) => {
        setDetails(member);
        setChoice(isLicenseAdministrator(member.role, member.licenseKeys) ? "licenseAdmin" : member.role);
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setLoadError(error);
      });
    return () => controller.abort();
  }, [open, accountId, entry.id]);

  const name = details?.name ?? entry.name ?? entry.email;
  const isSelf = session.status === "authenticated" && session.me.id === entry.id;
  const role = roleOf(choice);
  const roleChanged = details !== null && role !== details.role;
  // Only an active Regular Member can be made a License Administrator (PUT …/administrators refuses others).
  const canManageKeys = details?.role === "member" && details.status === "active" && !isSelf;
  // The account's keys load only when they matter: the person manages some, or is being made a License Administrator.
  const keysNeeded = open && canManageKeys && (choice === "licenseAdmin" || details.licenseKeys.length > 0);
  const memberKeys = useMemberKeys(accountId, entry.id, keysNeeded);
  const keysLoading = keysNeeded && (memberKeys.state.status === "idle" || memberKeys.state.status === "loading");
  const roles: RoleChoice[] = canManageKeys ? ["member", "licenseAdmin", "admin"] : ["member", "admin"];

  const onSubmit = form.onSubmit({
    validate: () => ({ note: note.trim().length > NOTE_MAX ? "member.noteTooLong" : undefined }),
    action: async () => {
      if (!details) return;
      // Key rights change while the person is still an active Regular Member, before any Block or Remove.
      const keyChanges =
        canManageKeys && role === "member" && pending !== "remove" ? memberKeys.changesFor(choice === "licenseAdmin") : [];
      if (!roleChanged && !pending && keyChanges.length === 0) {
        form.setAlert((tt) => tt("member.nothingToSave"));
        return;
      }
      await memberKeys.apply(keyChanges);
      if (roleChanged || pending) {
        const trimmed = note.trim();
        await membersApi.updateMember(accountId, details.userId, {
          role,
          status: nextStatus(details, pending),
          ...(trimmed ? { note: trimmed } : {}),
        });
      }
      const name = details.name;
      onSaved(
        roleChanged || pending
          ? savedMessage(name, roleChanged, role, pending)
          : (tt) => tt("licensing.memberKeys.saved", { name }),
      );
    },
    onError: (error) => {
      if (error.fieldErrors.length > 0) return false;
      form.setAlert((tt) => accountErrorMessage(tt, error));
      return true;
    },
  });

  return (
    <Dialog
      open={open}
      title={name}
      onClose={onClose}
      wide
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" form={formId} busy={form.busy || keysLoading} disabled={!details || isSelf}>
            {t("member.save")}
          </Button>
        </>
      }
    >
      {loadError ? <Alert>{accountErrorMessage(t, loadError)}</Alert> : null}
      {!details && !loadError ? <p className="muted">{t("common.loading")}</p> : null}
      {details && (
        <form id={formId} ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormAlert message={form.alert} />
          <dl className="details-list">
            <dt>{t("member.email")}</dt>
            <dd className="break-all">{details.email}</dd>
            <dt>{t("member.status")}</dt>
            <dd>
              <StatusBadge status={details.status} />
            </dd>
            <dt>{t("member.joined")}</dt>
            <dd>
              <time dateTime={details.joinedAt}>{formatDate(details.joinedAt)}</time>
            </dd>
            <dt>{t("member.licenseKeys")}</dt>
            <dd>{details.licenseKeys.length > 0 ? details.licenseKeys.join(", ") : t("member.noLicenseKeys")}</dd>
          </dl>
          {isSelf && <Alert tone="warning">{t("member.selfNotice")}</Alert>}
          <SelectField
            label={t("member.role")}
            hint={
              choice === "admin"
                ? t("member.roleHintAdmin")
                : choice === "licenseAdmin"
                  ? t("licensing.memberKeys.roleHint")
                  : t("member.roleHintMember")
            }
            value={choice}
            disabled={isSelf || pending === "remove"}
            onChange={(value) => setChoice(roles.find((r) => r === value) ?? details.role)}
            options={roles.map((r) => ({
              value: r,
              label: r === "licenseAdmin" ? t("licensing.roleLicenseAdmin") : roleLabel(t, r),
            }))}
          />
          {choice === "licenseAdmin" && pending !== "remove" && <LicenseKeysPicker memberKeys={memberKeys} />}
          <TextAreaField
            label={t("member.notes")}
            hint={t("member.notesHint")}
            value={note}
            onChange={setNote}
            error={form.errors.note}
            maxLength={NOTE_MAX}
            disabled={isSelf}
          />
          <PendingActions status={details.status} pending={pending} onChange={setPending} disabled={isSelf} name={details.name} />
          <RoleHistory changes={details.roleHistory} />
        </form>
      )}
    </Dialog>
  );
}
