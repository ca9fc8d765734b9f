import type { AccountDetails, AccountList } from "../../../../contracts/accounts.ts";
import type { CompanyInfoInput } from "../../../../contracts/company.ts";
import { api } from "../../lib/api.ts";

const base = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}`;

/** Typed calls to /api/accounts (contracts/accounts.ts). */
export const accountsApi = {
  list: (signal?: AbortSignal) => api.get<AccountList>("/api/accounts", signal),
  get: (accountId: string, signal?: AbortSignal) => api.get<AccountDetails>(base(accountId), signal),
  create: (company: CompanyInfoInput) => api.post<AccountDetails>("/api/accounts", company),
  updateCompany: (accountId: string, company: CompanyInfoInput) => api.put<AccountDetails>(`${base(accountId)}/company`, company),
  leave: (accountId: string) => api.post<null>(`${base(accountId)}/leave`, {}),
};
