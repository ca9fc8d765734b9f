import { type DragEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_ATTACHMENTS_PER_MESSAGE } from "../../../../contracts/support.ts";
import { currentLocale, htmlLang } from "../../lib/i18n.ts";
import { Button } from "../../ui/Button.tsx";
import { formatBytes } from "../downloads/format.ts";
import type { AttachmentsState } from "./useAttachments.ts";

/**
 * Attach files to a message: the file button (keyboard) or a drop on the area. Each file
 * uploads at once with its own progress bar and can be removed before sending; finished
 * and failed uploads are announced in a polite live region.
 */
export function AttachmentPicker({ state, disabled = false }: { state: AttachmentsState; disabled?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const locale = htmlLang(currentLocale());
  const announcement =
    state.announcement === null ? "" : typeof state.announcement === "function" ? state.announcement(t) : state.announcement;

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (!disabled) state.add([...event.dataTransfer.files]);
  }

  return (
    <fieldset className="field attachment-picker" disabled={disabled}>
      <legend className="field-label">{t("support.attachments.legend")}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {t("support.attachments.hint", { max: MAX_ATTACHMENTS_PER_MESSAGE })}
      </p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the button beside it is the keyboard's way. */}
      <div
        className={`drop-zone${dragging ? " is-dragging" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          ref={input}
          id={id}
          type="file"
          multiple
          className="sr-only"
          // The button below is the way in for keyboards; the input itself stays out of the tab order.
          tabIndex={-1}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            state.add([...(event.target.files ?? [])]);
            // The same file can be picked again after removing it.
            event.target.value = "";
          }}
        />
        <Button variant="secondary" onClick={() => input.current?.click()} aria-describedby={`${id}-hint`}>
          {t("support.attachments.choose")}
        </Button>
        <span className="muted small" aria-hidden="true">
          {t("support.attachments.orDrop")}
        </span>
      </div>
      {state.items.length > 0 && (
        <ul className="attachment-list" aria-label={t("support.attachments.listLabel")}>
          {state.items.map((item) => {
            const percent = item.progress.total > 0 ? Math.floor((item.progress.loaded / item.progress.total) * 100) : 0;
            const problem = item.problem === null ? null : typeof item.problem === "function" ? item.problem(t) : item.problem;
            return (
              <li key={item.key} className={`attachment-item${item.status === "failed" ? " has-problem" : ""}`}>
                <span className="attachment-name" translate="no">
                  {item.name}
                </span>
                <span className="muted small">{formatBytes(item.size, locale)}</span>
                {item.status === "uploading" && (
                  <progress
                    max={100}
                    value={percent}
                    aria-label={t("support.attachments.uploading", { fileName: item.name, percent })}
                  />
                )}
                {item.status === "done" && <span className="badge badge-success">{t("support.attachments.ready")}</span>}
                <Button variant="link" onClick={() => state.remove(item.key)}>
                  {item.status === "uploading" ? t("support.attachments.cancel") : t("support.attachments.remove")}
                  <span className="sr-only"> {item.name}</span>
                </Button>
                {problem && <span className="field-error attachment-problem">{problem}</span>}
              </li>
            );
          })}
        </ul>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
    </fieldset>
  );
}
