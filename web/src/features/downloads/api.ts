import type { DownloadableRelease, DownloadsList, DownloadVersion } from "../../../../contracts/downloads.ts";
import { api } from "../../lib/api.ts";

export type { DownloadableRelease, DownloadsList, DownloadVersion };

/** Members' Downloads (404 DOWNLOADS_NOT_AVAILABLE when the account has no active subscription). */
export const downloadsApi = {
  list: (accountId: string, signal?: AbortSignal) =>
    api.get<DownloadsList>(`/api/accounts/${encodeURIComponent(accountId)}/downloads`, signal),
};
