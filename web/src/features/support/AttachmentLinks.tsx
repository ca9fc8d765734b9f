import { useTranslation } from "react-i18next";
import { currentLocale, htmlLang } from "../../lib/i18n.ts";
import { formatBytes } from "../downloads/format.ts";
import type { Attachment } from "./api.ts";

/** A message's files as download links with their size (the server always sends them as attachments). */
export function AttachmentLinks({ attachments }: { attachments: Attachment[] }) {
  const { t } = useTranslation();
  if (attachments.length === 0) return null;
  const locale = htmlLang(currentLocale());
  return (
    <ul className="message-attachments" aria-label={t("support.thread.attachments")}>
      {attachments.map((file) => (
        <li key={file.id}>
          <a href={file.url} download={file.fileName} translate="no">
            {file.fileName}
          </a>{" "}
          <span className="muted small">({formatBytes(file.size, locale)})</span>
        </li>
      ))}
    </ul>
  );
}
