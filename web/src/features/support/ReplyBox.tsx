import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Message, useForm } from "../../lib/form.ts";
import { FormAlert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { TextAreaField } from "../members/TextAreaField.tsx";
import { AttachmentPicker } from "./AttachmentPicker.tsx";
import { supportErrorMessage } from "./errors.ts";
import { useAttachments } from "./useAttachments.ts";

export const MESSAGE_MAX = 50_000;

type Props = {
  /** Where this box's files upload (the members' or the watcher's route). */
  uploadUrl: string;
  /** Sends the reply; the caller shows the answer and moves focus to the new message. */
  onSend: (body: string, attachmentIds: string[]) => Promise<void>;
  label?: string;
};

/**
 * The reply box under a thread: text (plain, line breaks kept) and files. Nothing typed is
 * lost when sending fails; after sending, the box empties and a confirmation is announced.
 */
export function ReplyBox({ uploadUrl, onSend, label }: Props) {
  const { t } = useTranslation();
  const form = useForm<"body">();
  const files = useAttachments(uploadUrl);
  const [body, setBody] = useState("");
  const [sent, setSent] = useState<Message | null>(null);

  const onSubmit = form.onSubmit({
    validate: () => ({
      body: body.trim() ? (body.length > MESSAGE_MAX ? "support.reply.tooLong" : undefined) : "support.reply.required",
    }),
    onError: (error) => {
      setSent(null);
      if (error.fieldErrors.length > 0) return false;
      form.setAlert((tt) => supportErrorMessage(tt, error));
      return true;
    },
    action: async () => {
      setSent(null);
      if (files.uploading) {
        form.setAlert((tt) => tt("support.attachments.waitForUploads"));
        return;
      }
      if (files.failed) {
        form.setAlert((tt) => tt("support.attachments.removeFailed"));
        return;
      }
      await onSend(body.trim(), files.ids);
      setBody("");
      files.clear();
      setSent(() => (tt: TFunction) => tt("support.reply.sent"));
    },
  });
  const confirmation = sent === null ? null : typeof sent === "function" ? sent(t) : sent;

  return (
    <section className="card reply-box" aria-labelledby="reply-heading">
      <h2 id="reply-heading">{label ?? t("support.reply.title")}</h2>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <TextAreaField
          label={t("support.reply.body")}
          hint={t("support.reply.bodyHint")}
          value={body}
          onChange={setBody}
          rows={6}
          maxLength={MESSAGE_MAX}
          error={form.errors.body}
        />
        <AttachmentPicker state={files} disabled={form.busy} />
        <div className="actions">
          <Button type="submit" busy={form.busy}>
            {t("support.reply.send")}
          </Button>
        </div>
      </form>
      <StatusMessage message={confirmation} />
    </section>
  );
}
