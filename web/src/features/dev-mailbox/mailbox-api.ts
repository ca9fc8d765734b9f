import { api } from "../../lib/api.ts";

export type MailMessage = { id: string; createdAt: string; to: string; subject: string; text: string; html: string };

export const fetchMailbox = (signal?: AbortSignal) => api.get<{ messages: MailMessage[] }>("/api/dev/mailbox", signal);
