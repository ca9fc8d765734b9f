import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../ui/Button.tsx";
import { downloadsErrorMessage } from "../errors.ts";
import { type OperatorRelease, releasesApi } from "./operator-api.ts";
import { UploadProgressBar } from "./UploadProgressBar.tsx";
import { useUpload } from "./useUpload.ts";

type Props = {
  release: OperatorRelease;
  /** A change went through: `message` for the status region; the list reloads. */
  onChanged: (message: string) => void;
  onError: (message: string) => void;
};

/** What an operator can do with one release: publish or unpublish, upload its file (drafts), edit its notes, delete it. */
export function ReleaseActions({ release, onChanged, onError }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const name = `${release.product.name} ${release.version} (${release.platform})`;

  async function run(action: () => Promise<unknown>, message: string) {
    setBusy(true);
    try {
      await action();
      onChanged(message);
    } catch (error) {
      onError(downloadsErrorMessage(t, error));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <div className="stack-xs">
      <div className="release-actions">
        {release.status === "draft" ? (
          <Button
            variant="primary"
            busy={busy}
            disabled={!release.file}
            onClick={() => void run(() => releasesApi.publish(release.id), t("downloads.operator.publishedMessage", { name }))}
          >
            {t("downloads.operator.publish")}
            <span className="sr-only"> {name}</span>
          </Button>
        ) : (
          <Button
            variant="secondary"
            busy={busy}
            onClick={() =>
              void run(() => releasesApi.unpublish(release.id), t("downloads.operator.unpublishedMessage", { name }))
            }
          >
            {t("downloads.operator.unpublish")}
            <span className="sr-only"> {name}</span>
          </Button>
        )}
        {confirming ? (
          <>
            <Button
              variant="danger"
              busy={busy}
              onClick={() => void run(() => releasesApi.remove(release.id), t("downloads.operator.deletedMessage", { name }))}
            >
              {t("downloads.operator.confirmDelete", { name })}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
          </>
        ) : (
          <Button variant="ghost" onClick={() => setConfirming(true)}>
            {t("downloads.operator.delete")}
            <span className="sr-only"> {name}</span>
          </Button>
        )}
      </div>
      {release.status === "draft" && <UploadFile release={release} name={name} onChanged={onChanged} onError={onError} />}
      <NotesEditor release={release} name={name} onChanged={onChanged} onError={onError} />
    </div>
  );
}

function UploadFile({ release, name, onChanged, onError }: Props & { name: string }) {
  const { t } = useTranslation();
  const id = useId();
  const { progress, upload } = useUpload();
  const [file, setFile] = useState<File | null>(null);
  return (
    <div className="stack-xs">
      <label className="small" htmlFor={id}>
        {release.file ? t("downloads.operator.replaceFile", { name }) : t("downloads.operator.uploadFile", { name })}
      </label>
      <input id={id} type="file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
      {progress && <UploadProgressBar progress={progress} fileName={file?.name ?? release.fileName} />}
      <div>
        <Button
          variant="secondary"
          disabled={!file}
          busy={progress !== null}
          onClick={() => {
            if (!file) return;
            upload(release.id, file)
              .then((done) => onChanged(t("downloads.operator.uploadedMessage", { name, sha256: done.file?.sha256 ?? "" })))
              .catch((error: unknown) => onError(downloadsErrorMessage(t, error)));
          }}
        >
          {t("downloads.operator.upload")}
          <span className="sr-only"> {name}</span>
        </Button>
      </div>
    </div>
  );
}

function NotesEditor({ release, name, onChanged, onError }: Props & { name: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [notes, setNotes] = useState(release.notes);
  const [busy, setBusy] = useState(false);
  return (
    <details className="notes-editor">
      <summary>
        {t("downloads.operator.editNotes")}
        <span className="sr-only"> {name}</span>
      </summary>
      <div className="stack-xs">
        <label className="sr-only" htmlFor={id}>
          {t("downloads.notes")}
        </label>
        <textarea id={id} value={notes} maxLength={20_000} onChange={(event) => setNotes(event.target.value)} />
        <div>
          <Button
            variant="secondary"
            busy={busy}
            disabled={notes.trim() === release.notes}
            onClick={() => {
              setBusy(true);
              releasesApi
                .updateNotes(release.id, notes.trim())
                .then(() => onChanged(t("downloads.operator.notesSaved", { name })))
                .catch((error: unknown) => onError(downloadsErrorMessage(t, error)))
                .finally(() => setBusy(false));
            }}
          >
            {t("downloads.operator.saveNotes")}
          </Button>
        </div>
      </div>
    </details>
  );
}
