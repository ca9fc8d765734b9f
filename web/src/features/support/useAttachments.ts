import type { TFunction } from "i18next";
import { useCallback, useEffect, useRef, useState } from "react";
import { MAX_ATTACHMENTS_PER_MESSAGE } from "../../../../contracts/support.ts";
import type { Message } from "../../lib/form.ts";
import { type UploadProgress, uploadFile } from "../../lib/upload.ts";
import { withQuery } from "../members/api.ts";
import type { Attachment } from "./api.ts";
import { type AttachmentProblem, checkPickedFile } from "./attachment-check.ts";
import { supportErrorMessage } from "./errors.ts";

export type PendingAttachment = {
  key: string;
  name: string;
  size: number;
  status: "uploading" | "done" | "failed";
  progress: UploadProgress;
  attachment: Attachment | null;
  /** Why it failed (client check or server answer), in the UI language when shown. */
  problem: Message | null;
};

/**
 * The words of one page's attachments (full i18n key literals, for web/scripts/check-locales.ts):
 * the customer pages and the operators' console each keep their own.
 */
export type AttachmentTexts = {
  /** Announced when a file is up; gets {{fileName}}. */
  uploaded: string;
  /** Announced when a file cannot be attached; gets {{fileName}} and {{reason}}. */
  failed: string;
  problems: Record<AttachmentProblem | "tooMany", string>;
  /** A failed upload's reason from the server's answer. */
  errorMessage: (t: TFunction, error: unknown) => string;
};

/** The customer pages' (members' and outside watchers') words. */
export const SUPPORT_ATTACHMENT_TEXTS: AttachmentTexts = {
  uploaded: "support.attachments.uploaded",
  failed: "support.attachments.failed",
  problems: {
    empty: "support.attachments.empty",
    tooLarge: "support.attachments.tooLarge",
    typeNotAllowed: "support.attachments.typeNotAllowed",
    tooMany: "support.attachments.tooMany",
  },
  errorMessage: supportErrorMessage,
};

const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";
let counter = 0;

/**
 * The files picked for one message: each is checked in the browser (size, type from its
 * first bytes, the server's rules) and uploaded at once with its progress to
 * `uploadUrl?fileName=…`; the message names the uploaded ones by id. Removing a file
 * cancels its upload; leaving the page cancels them all. Uploaded but unsent files stay
 * unbound on the server. Shared by the customer pages and the operators' console.
 */
export function useAttachments(uploadUrl: string, texts: AttachmentTexts = SUPPORT_ATTACHMENT_TEXTS) {
  const [items, setItems] = useState<PendingAttachment[]>([]);
  const [announcement, setAnnouncement] = useState<Message | null>(null);
  const controllers = useRef(new Map<string, AbortController>());
  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const controller of running.values()) controller.abort();
    };
  }, []);

  const update = useCallback((key: string, change: Partial<PendingAttachment>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const uploadOne = useCallback(
    async (file: File, key: string) => {
      const fail = (reason: (t: TFunction) => string) => {
        update(key, { status: "failed", problem: reason });
        setAnnouncement(() => (t: TFunction) => t(texts.failed, { fileName: file.name, reason: reason(t) }));
      };
      const problem = await checkPickedFile(file);
      if (problem) return fail((t) => t(texts.problems[problem]));
      const controller = new AbortController();
      controllers.current.set(key, controller);
      try {
        const attachment = await uploadFile<Attachment>(withQuery(uploadUrl, { fileName: file.name }), file, {
          signal: controller.signal,
          onProgress: (progress) => update(key, { progress }),
        });
        update(key, { status: "done", attachment, progress: { loaded: file.size, total: file.size } });
        setAnnouncement(() => (t: TFunction) => t(texts.uploaded, { fileName: file.name }));
      } catch (error) {
        if (!isAbort(error)) fail((t) => texts.errorMessage(t, error));
      } finally {
        controllers.current.delete(key);
      }
    },
    [uploadUrl, texts, update],
  );

  const add = useCallback(
    (files: File[]) => {
      const kept = items.filter((item) => item.status !== "failed").length;
      const room = Math.max(0, MAX_ATTACHMENTS_PER_MESSAGE - kept);
      if (files.length > room) {
        setAnnouncement(() => (t: TFunction) => t(texts.problems.tooMany, { max: MAX_ATTACHMENTS_PER_MESSAGE }));
      }
      const taken = files.slice(0, room).map((file) => ({ file, key: `a${++counter}` }));
      if (taken.length === 0) return;
      setItems((current) => [
        ...current,
        ...taken.map(({ file, key }) => ({
          key,
          name: file.name,
          size: file.size,
          status: "uploading" as const,
          progress: { loaded: 0, total: file.size },
          attachment: null,
          problem: null,
        })),
      ]);
      for (const { file, key } of taken) void uploadOne(file, key);
    },
    [items, texts, uploadOne],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setItems((current) => current.filter((item) => item.key !== key));
  }, []);

  /** After the message was sent: its files now belong to it. */
  const clear = useCallback(() => {
    setItems([]);
    setAnnouncement(null);
  }, []);

  const ids = items.flatMap((item) => (item.status === "done" && item.attachment ? [item.attachment.id] : []));
  const uploading = items.some((item) => item.status === "uploading");
  const failed = items.some((item) => item.status === "failed");
  return { items, add, remove, clear, ids, uploading, failed, announcement };
}

export type AttachmentsState = ReturnType<typeof useAttachments>;
