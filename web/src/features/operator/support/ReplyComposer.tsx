import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../../lib/form.ts";
import { currentLocale, htmlLang } from "../../../lib/i18n.ts";
import { FormAlert } from "../../../ui/Alert.tsx";
import { Button } from "../../../ui/Button.tsx";
import { RadioGroup } from "../../../ui/RadioGroup.tsx";
import { SelectField } from "../../../ui/SelectField.tsx";
import { formatBytes } from "../../downloads/format.ts";
import { TextAreaField } from "../../members/TextAreaField.tsx";
import { type AttachmentTexts, type PendingAttachment, useAttachments } from "../../support/useAttachments.ts";
import { type OperatorTicketView, supportOperatorApi, type TicketStatus } from "./api.ts";
import { supportErrorMessage } from "./errors.ts";
import { TICKET_STATUS_KEYS, TICKET_STATUSES } from "./labels.ts";

type Visibility = "public" | "internal";
/** The console's words for the shared attachment uploads (customer pages have their own). */
const OPERATOR_ATTACHMENT_TEXTS: AttachmentTexts = {
  uploaded: "operatorSupport.composer.uploaded",
  failed: "operatorSupport.composer.refused",
  problems: {
    empty: "operatorSupport.errors.EMPTY_FILE",
    tooLarge: "operatorSupport.errors.ATTACHMENT_TOO_LARGE",
    typeNotAllowed: "operatorSupport.errors.ATTACHMENT_TYPE_NOT_ALLOWED",
    tooMany: "operatorSupport.composer.tooMany",
  },
  errorMessage: supportErrorMessage,
};

type Props = { ticket: OperatorTicketView; onSent: (view: OperatorTicketView, visibility: Visibility) => void };

/**
 * Reply to the customer or add an internal note. The switch says which, and so does
 * the button ("Send public reply" / "Add internal note"), so a note is never sent to
 * the customer by mistake. Files upload as soon as they are chosen; a status can be set
 * with the reply (a first public reply moves New to In progress by itself).
 */
export function ReplyComposer({ ticket, onSent }: Props) {
  const { t } = useTranslation();
  const form = useForm<"body">();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [visibility, setVisibility] = useState<Visibility>("public");
  const [body, setBody] = useState("");
  const [status, setStatus] = useState<TicketStatus | "">("");
  const files = useAttachments(supportOperatorApi.uploadUrl(ticket.id), OPERATOR_ATTACHMENT_TEXTS);
  const announcement =
    files.announcement === null ? "" : typeof files.announcement === "function" ? files.announcement(t) : files.announcement;

  const onSubmit = form.onSubmit({
    validate: () => ({ body: body.trim() ? undefined : "operatorSupport.composer.bodyRequired" }),
    onError: (error) => {
      form.setAlert((tt) => supportErrorMessage(tt, error));
      return true;
    },
    action: async () => {
      const view = await supportOperatorApi.reply(ticket.id, {
        body: body.trim(),
        visibility,
        attachmentIds: files.ids,
        ...(status ? { status } : {}),
      });
      setBody("");
      setStatus("");
      files.clear();
      onSent(view, visibility);
    },
  });

  const choose = (list: FileList | null) => {
    if (!list) return;
    files.add([...list]);
    if (fileInput.current) fileInput.current.value = "";
  };

  return (
    <section className="card" aria-labelledby="ticket-reply-heading">
      <h2 id="ticket-reply-heading">{t("operatorSupport.composer.title")}</h2>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <RadioGroup<Visibility>
          legend={t("operatorSupport.composer.kind")}
          name="reply-visibility"
          value={visibility}
          onChange={setVisibility}
          options={[
            { value: "public", label: t("operatorSupport.composer.public"), hint: t("operatorSupport.composer.publicHint") },
            {
              value: "internal",
              label: t("operatorSupport.composer.internal"),
              hint: t("operatorSupport.composer.internalHint"),
            },
          ]}
        />
        <TextAreaField
          label={visibility === "public" ? t("operatorSupport.composer.replyLabel") : t("operatorSupport.composer.noteLabel")}
          value={body}
          onChange={setBody}
          error={form.errors.body}
          rows={6}
          maxLength={50_000}
          className={`input textarea${visibility === "internal" ? " opsup-note-input" : ""}`}
        />
        <div className="field">
          <label className="field-label" htmlFor={fileId}>
            {t("operatorSupport.composer.attach")}
          </label>
          <p className="field-hint" id={`${fileId}-hint`}>
            {t("operatorSupport.composer.attachHint")}
          </p>
          <input
            id={fileId}
            ref={fileInput}
            type="file"
            multiple
            className="file-input"
            aria-describedby={`${fileId}-hint`}
            onChange={(event) => choose(event.target.files)}
          />
        </div>
        {files.items.length > 0 && (
          <ul className="opsup-composer-uploads">
            {files.items.map((upload) => (
              <UploadRow key={upload.key} upload={upload} onRemove={() => files.remove(upload.key)} />
            ))}
          </ul>
        )}
        <p className="sr-only" role="status" aria-live="polite">
          {announcement}
        </p>
        <SelectField
          label={t("operatorSupport.composer.status")}
          hint={t("operatorSupport.composer.statusHint")}
          value={status}
          options={[
            { value: "", label: t("operatorSupport.composer.keepStatus", { status: t(TICKET_STATUS_KEYS[ticket.status]) }) },
            ...TICKET_STATUSES.filter((value) => value !== ticket.status).map((value) => ({
              value,
              label: t(TICKET_STATUS_KEYS[value]),
            })),
          ]}
          onChange={(value) => setStatus(TICKET_STATUSES.find((s) => s === value) ?? "")}
        />
        <div className="actions">
          <Button type="submit" busy={form.busy} disabled={files.uploading}>
            {visibility === "public" ? t("operatorSupport.composer.sendPublic") : t("operatorSupport.composer.sendInternal")}
          </Button>
          {files.uploading && <span className="muted small">{t("operatorSupport.composer.waitUploads")}</span>}
        </div>
      </form>
    </section>
  );
}

function UploadRow({ upload, onRemove }: { upload: PendingAttachment; onRemove: () => void }) {
  const { t } = useTranslation();
  const { loaded, total } = upload.progress;
  const percent = total > 0 ? Math.floor((loaded / total) * 100) : 0;
  const size = formatBytes(upload.size, htmlLang(currentLocale()));
  return (
    <li className="opsup-composer-upload">
      <span className="break-all">
        {upload.name} <span className="muted small">{size}</span>
      </span>
      {upload.problem !== null ? (
        <span className="field-error">{typeof upload.problem === "function" ? upload.problem(t) : upload.problem}</span>
      ) : upload.attachment ? (
        <span className="small">{t("operatorSupport.composer.uploaded")}</span>
      ) : (
        <progress
          max={100}
          value={percent}
          aria-label={t("operatorSupport.composer.uploading", { fileName: upload.name, percent })}
        />
      )}
      <Button variant="link" onClick={onRemove}>
        {t("operatorSupport.composer.remove")}
        <span className="sr-only"> {upload.name}</span>
      </Button>
    </li>
  );
}
