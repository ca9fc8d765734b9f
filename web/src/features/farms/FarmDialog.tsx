import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { ApiError } from "../../lib/api.ts";
import { useForm } from "../../lib/form.ts";
import { formatDateTime } from "../../lib/format.ts";
import { Alert, FormAlert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { formatCount } from "../licensing/format.ts";
import { subscriptionPath } from "../licensing/paths.ts";
import { Tabs } from "../licensing/Tabs.tsx";
import { TextAreaField } from "../members/TextAreaField.tsx";
import { type FarmView, farmsApi } from "./api.ts";
import { farmErrorMessage, isForbidden } from "./errors.ts";
import { FarmStatusBadges } from "./FarmStatusBadges.tsx";
import { FarmUsage } from "./FarmUsage.tsx";

type Tab = "general" | "usage";

export const NOTES_MAX = 2000;

type Props = {
  open: boolean;
  accountId: string;
  farm: FarmView | null;
  /** False once the server refused a change: Save and Deactivate are not offered. */
  canManage: boolean;
  onClose: () => void;
  /** A fresher copy of the farm (loaded, saved or deactivated), and a confirmation to announce, if any. */
  onChanged: (farm: FarmView, message?: string) => void;
  onForbidden: () => void;
};

function DeactivateFarm({
  accountId,
  farm,
  onDeactivated,
  onForbidden,
}: {
  accountId: string;
  farm: FarmView;
  onDeactivated: (farm: FarmView) => void;
  onForbidden: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const asked = useRef(false);

  // Asking moves focus to the question; Cancel brings it back to Deactivate.
  useEffect(() => {
    if (confirming) {
      asked.current = true;
      questionRef.current?.focus();
    } else if (asked.current) {
      containerRef.current?.querySelector<HTMLButtonElement>("button")?.focus();
    }
  }, [confirming]);

  async function deactivate() {
    setBusy(true);
    setError(null);
    try {
      await farmsApi.deactivate(accountId, [farm.id]);
      onDeactivated({ ...farm, status: "deactivated", licenseState: "deactivated", deactivatedAt: new Date().toISOString() });
    } catch (cause) {
      if (isForbidden(cause)) onForbidden();
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div ref={containerRef} className={confirming ? "pending-notice pending-remove farm-danger stack-xs" : "farm-danger"}>
      {!confirming ? (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {t("farms.dialog.deactivate")}
        </Button>
      ) : (
        <>
          <p ref={questionRef} tabIndex={-1}>
            <strong>{t("farms.dialog.deactivateQuestion", { name: farm.name })}</strong>
          </p>
          <p className="small">{t("farms.deactivate.body")}</p>
          {error ? <Alert>{farmErrorMessage(t, error)}</Alert> : null}
          <div className="actions">
            <Button variant="danger" busy={busy} onClick={() => void deactivate()}>
              {t("farms.dialog.deactivateConfirm")}
            </Button>
            <Button variant="ghost" disabled={busy} onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

function General({ accountId, farm, canManage, onChanged, onForbidden }: Omit<Props, "open" | "onClose"> & { farm: FarmView }) {
  const { t } = useTranslation();
  const formId = useId();
  const form = useForm<"notes">();
  const { setAlert } = form;
  const [notes, setNotes] = useState(farm.notes);
  const [saved, setSaved] = useState<string | null>(null);
  const [deactivated, setDeactivated] = useState<string | null>(null);
  const deactivatedRef = useRef<HTMLSpanElement>(null);
  const shownNotes = useRef(farm.notes);

  // A fresher copy of the farm (after Save, or loaded on opening) shows its notes, unless they are being edited.
  useEffect(() => {
    setNotes((current) => (current === shownNotes.current ? farm.notes : current));
    shownNotes.current = farm.notes;
  }, [farm.notes]);

  useEffect(() => {
    if (deactivated) deactivatedRef.current?.focus();
  }, [deactivated]);

  const onSubmit = form.onSubmit({
    validate: () => ({ notes: notes.trim().length > NOTES_MAX ? "farms.dialog.notesTooLong" : undefined }),
    action: async () => {
      setSaved(null);
      const updated = await farmsApi.update(accountId, farm.id, { notes: notes.trim() });
      const message = t("farms.dialog.notesSaved");
      setSaved(message);
      onChanged(updated, t("farms.dialog.notesSavedFor", { name: updated.name }));
    },
    onError: (error) => {
      if (error.fieldErrors.length > 0) return false;
      if (isForbidden(error)) onForbidden();
      setAlert((tt) => farmErrorMessage(tt, error));
      return true;
    },
  });

  const none = <span className="muted">{t("farms.dialog.none")}</span>;
  return (
    <div className="stack">
      <StatusMessage
        message={
          deactivated && (
            <span ref={deactivatedRef} tabIndex={-1}>
              {deactivated}
            </span>
          )
        }
      />
      <dl className="details-list">
        <dt>{t("farms.columns.status")}</dt>
        <dd>
          <FarmStatusBadges farm={farm} daysLeft={farm.licenseDaysLeft} />
          {farm.deactivatedAt && (
            <span className="block muted small">
              {t("farms.dialog.deactivatedOn", { date: formatDateTime(farm.deactivatedAt) })}
            </span>
          )}
        </dd>
        <dt>{t("farms.columns.farmId")}</dt>
        <dd>
          <code className="farm-code">{farm.farmUid}</code>
        </dd>
        <dt>{t("farms.columns.serverId")}</dt>
        <dd>
          <code className="farm-code">{farm.serverId}</code>
        </dd>
        <dt>{t("farms.columns.appVersion")}</dt>
        <dd>{farm.appVersion}</dd>
        <dt>{t("farms.columns.activatedAt")}</dt>
        <dd>
          <time dateTime={farm.activatedAt}>{formatDateTime(farm.activatedAt)}</time>
        </dd>
        <dt>{t("farms.columns.lastReportAt")}</dt>
        <dd>{farm.lastReportAt ? <time dateTime={farm.lastReportAt}>{formatDateTime(farm.lastReportAt)}</time> : none}</dd>
        <dt>{t("farms.dialog.currentUsers")}</dt>
        <dd>{formatCount(farm.currentUsers)}</dd>
        <dt>{t("farms.columns.peakUsage")}</dt>
        <dd>{formatCount(farm.peakUsers)}</dd>
        <dt>{t("farms.columns.activationKey")}</dt>
        <dd>
          <code className="key-text key-text-small">{farm.maskedKey}</code>
          <span className="block small">{farm.keyName}</span>
        </dd>
        <dt>{t("farms.dialog.subscription")}</dt>
        <dd>
          <Link to={subscriptionPath(accountId, farm.subscriptionId)}>{farm.subscriptionName}</Link>
        </dd>
      </dl>
      <form id={formId} ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <TextAreaField
          label={t("farms.columns.notes")}
          hint={t("farms.dialog.notesHint")}
          value={notes}
          onChange={(value) => {
            setNotes(value);
            setSaved(null);
          }}
          error={form.errors.notes}
          maxLength={NOTES_MAX}
          rows={4}
          readOnly={!canManage}
        />
        {canManage && (
          <div className="actions">
            <Button type="submit" busy={form.busy}>
              {t("common.save")}
            </Button>
          </div>
        )}
        <StatusMessage message={saved} />
      </form>
      {canManage && farm.status === "active" && (
        <DeactivateFarm
          accountId={accountId}
          farm={farm}
          onForbidden={onForbidden}
          onDeactivated={(updated) => {
            const message = t("farms.dialog.deactivated", { name: updated.name });
            setDeactivated(message);
            onChanged(updated, message);
          }}
        />
      )}
    </div>
  );
}

/**
 * A farm, opened from its name: General (every field, the Notes with Save, and
 * Deactivate with a confirmation) and Usage (the farm's daily peak users).
 */
export function FarmDialog({ open, accountId, farm, canManage, onClose, onChanged, onForbidden }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>("general");
  const [loadError, setLoadError] = useState<unknown>(null);
  const farmId = farm?.id;

  // Each opening starts on General and fetches the farm again (its last report may be newer than the list).
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload only when the dialog opens or the farm changes.
  useEffect(() => {
    if (!open || !farmId) return;
    setTab("general");
    setLoadError(null);
    const controller = new AbortController();
    farmsApi
      .get(accountId, farmId, controller.signal)
      .then((fresh) => onChanged(fresh))
      .catch((error: unknown) => {
        if (error instanceof ApiError) setLoadError(error);
      });
    return () => controller.abort();
  }, [open, farmId, accountId]);

  return (
    <Dialog
      open={open}
      title={farm ? t("farms.dialog.title", { name: farm.name }) : ""}
      onClose={onClose}
      wide
      footer={
        <Button variant="secondary" onClick={onClose}>
          {t("common.close")}
        </Button>
      }
    >
      {farm && (
        <div className="stack">
          {loadError ? <Alert tone="warning">{farmErrorMessage(t, loadError)}</Alert> : null}
          <Tabs<Tab>
            label={t("farms.dialog.tabsLabel")}
            selected={tab}
            onSelect={setTab}
            tabs={[
              {
                id: "general",
                label: t("farms.dialog.general"),
                panel: (
                  <General
                    accountId={accountId}
                    farm={farm}
                    canManage={canManage}
                    onChanged={onChanged}
                    onForbidden={onForbidden}
                  />
                ),
              },
              {
                id: "usage",
                label: t("farms.dialog.usage"),
                panel: <FarmUsage accountId={accountId} farm={farm} active={open && tab === "usage"} />,
              },
            ]}
          />
        </div>
      )}
    </Dialog>
  );
}
