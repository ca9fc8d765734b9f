import type { z } from "zod";
import type {
  IssueSubscriptionBody,
  OperatorActionBody,
  OperatorSearchResult,
  OperatorSubscriptionView,
  Product,
} from "../../../../contracts/licensing.ts";
import { api } from "../../lib/api.ts";
import { withQuery } from "../members/api.ts";

export type { IssueSubscriptionBody, OperatorActionBody, OperatorSubscriptionView, Product };
export type SearchResult = z.infer<typeof OperatorSearchResult>;
export type { LicenseType, SalesChannel, SupportPlan, Term } from "../../../../contracts/licensing.ts";

const subscription = (subscriptionId: string) => `/api/operator/subscriptions/${encodeURIComponent(subscriptionId)}`;

/** Typed calls to the operator routes (403 OPERATOR_REQUIRED for anyone but vendor staff). */
export const operatorApi = {
  products: (signal?: AbortSignal) => api.get<{ products: Product[] }>("/api/operator/products", signal),
  createProduct: (body: { code: string; name: string }) => api.post<Product>("/api/operator/products", body),
  renameProduct: (productId: string, name: string) =>
    api.put<Product>(`/api/operator/products/${encodeURIComponent(productId)}`, { name }),
  search: (q: string, signal?: AbortSignal) => api.get<SearchResult>(withQuery("/api/operator/search", { q }), signal),
  issue: (body: IssueSubscriptionBody) => api.post<OperatorSubscriptionView>("/api/operator/subscriptions", body),
  /** One account's subscriptions, or without an account the newest (up to 200) of all. */
  subscriptions: (accountId: string | null, signal?: AbortSignal) =>
    api.get<{ items: OperatorSubscriptionView[] }>(withQuery("/api/operator/subscriptions", { accountId }), signal),
  subscription: (subscriptionId: string, signal?: AbortSignal) =>
    api.get<OperatorSubscriptionView>(subscription(subscriptionId), signal),
  act: (subscriptionId: string, body: OperatorActionBody) =>
    api.post<OperatorSubscriptionView>(`${subscription(subscriptionId)}/actions`, body),
};
