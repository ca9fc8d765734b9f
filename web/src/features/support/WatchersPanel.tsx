import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Message, useForm } from "../../lib/form.ts";
import { checkEmail } from "../../lib/validation.ts";
import { Alert, FormAlert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { supportApi, type Watcher } from "./api.ts";
import { isErrorCode, supportErrorMessage } from "./errors.ts";

type Props = {
  accountId: string;
  ticketId: string;
  watchers: Watcher[];
  canManage: boolean;
  onChange: (watchers: Watcher[]) => void;
};

/**
 * Who else gets this ticket's emails: members of the account (they also see it in the
 * portal) and outside addresses (they get a link to its public side). The creator and
 * Account Administrators add and remove them; everyone else sees the list only.
 */
export function WatchersPanel({ accountId, ticketId, watchers, canManage, onChange }: Props) {
  const { t } = useTranslation();
  const form = useForm<"email">();
  const [email, setEmail] = useState("");
  const [removing, setRemoving] = useState<Watcher | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  const onSubmit = form.onSubmit({
    validate: () => ({ email: checkEmail(email) }),
    onError: (error) => {
      // Problems with this one address belong next to the field.
      if (isErrorCode(error, "ALREADY_WATCHING", "MEMBER_BLOCKED")) {
        form.setErrors({ email: (tt) => supportErrorMessage(tt, error) });
        form.focusFirstInvalid();
        return true;
      }
      if (error.fieldErrors.length > 0) return false;
      form.setAlert((tt) => supportErrorMessage(tt, error));
      return true;
    },
    action: async () => {
      setNotice(null);
      const added = await supportApi.addWatcher(accountId, ticketId, email.trim());
      onChange([...watchers, added]);
      setEmail("");
      setNotice(() => (tt: TFunction) => tt("support.watchers.added", { email: added.email }));
    },
  });

  async function confirmRemove() {
    if (!removing) return;
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      await supportApi.removeWatcher(accountId, ticketId, removing.id);
      onChange(watchers.filter((w) => w.id !== removing.id));
      const gone = removing.email;
      setNotice(() => (tt: TFunction) => tt("support.watchers.removed", { email: gone }));
      setRemoving(null);
    } catch (error) {
      setRemoveError(error);
    } finally {
      setRemoveBusy(false);
    }
  }

  const confirmation = notice === null ? null : typeof notice === "function" ? notice(t) : notice;
  return (
    <section className="card watchers-panel" aria-labelledby="ticket-watchers">
      <h2 id="ticket-watchers">{t("support.watchers.title")}</h2>
      <p className="muted small">{t("support.watchers.intro")}</p>
      {watchers.length === 0 ? (
        <p>{t("support.watchers.none")}</p>
      ) : (
        <ul className="watcher-list">
          {watchers.map((watcher) => (
            <li key={watcher.id} className="watcher-row">
              <span className="watcher-who">
                {watcher.name && <span className="block">{watcher.name}</span>}
                <span className={watcher.name ? "muted small" : undefined} translate="no">
                  {watcher.email}
                </span>
              </span>
              <span className={watcher.isMember ? "badge badge-accent" : "badge badge-muted"}>
                {watcher.isMember ? t("support.watchers.member") : t("support.watchers.outside")}
              </span>
              {canManage && (
                <Button variant="link" onClick={() => setRemoving(watcher)}>
                  {t("support.watchers.remove")}
                  <span className="sr-only"> {watcher.email}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <form ref={form.formRef} className="form watcher-add" noValidate onSubmit={onSubmit}>
          <FormAlert message={form.alert} />
          <TextField
            type="email"
            label={t("support.watchers.email")}
            hint={t("support.watchers.emailHint")}
            value={email}
            onChange={setEmail}
            maxLength={254}
            autoComplete="off"
            spellCheck={false}
            error={form.errors.email}
          />
          <div className="actions">
            <Button type="submit" variant="secondary" busy={form.busy}>
              {t("support.watchers.add")}
            </Button>
          </div>
        </form>
      ) : (
        <p className="muted small">{t("support.watchers.readOnly")}</p>
      )}
      <StatusMessage message={confirmation} />
      <Dialog
        open={removing !== null}
        title={t("support.watchers.removeTitle")}
        onClose={() => {
          setRemoving(null);
          setRemoveError(null);
        }}
        footer={
          <>
            <Button variant="danger" busy={removeBusy} onClick={() => void confirmRemove()}>
              {t("support.watchers.remove")}
            </Button>
            <Button variant="secondary" onClick={() => setRemoving(null)}>
              {t("common.cancel")}
            </Button>
          </>
        }
      >
        {removeError !== null && <Alert>{supportErrorMessage(t, removeError)}</Alert>}
        <p>{t("support.watchers.removeBody", { email: removing?.email ?? "" })}</p>
      </Dialog>
    </section>
  );
}
