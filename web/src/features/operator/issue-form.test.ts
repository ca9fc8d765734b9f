import { describe, expect, it } from "vitest";
import { IssueSubscriptionBody } from "../../../../contracts/licensing.ts";
import { checkIssue, emptyIssue, type IssueValues, issueBody, termsFor } from "./issue-form.ts";

const base: IssueValues = { ...emptyIssue(), productId: "p1", licenses: "25", purchaserEmail: "buyer@example.com" };
const problems = (values: IssueValues) =>
  Object.fromEntries(Object.entries(checkIssue(values)).filter(([, value]) => value !== undefined));

describe("Issue subscription form", () => {
  it("a complete registration-key order passes and matches the contract", () => {
    expect(problems(base)).toEqual({});
    const body = issueBody(base);
    expect(body).toMatchObject({ accountId: null, purchaserEmail: "buyer@example.com", term: "1y", maintenanceMonths: null });
    expect(IssueSubscriptionBody.parse(body)).toEqual(body);
  });

  it("into an account needs the account, and sends no purchaser", () => {
    const values = { ...base, destination: "account" as const };
    expect(problems(values)).toEqual({ accountId: "operator.issue.errors.account" });
    const body = issueBody({ ...values, accountId: "acc-1" });
    expect(body).toMatchObject({ accountId: "acc-1", purchaserEmail: null });
    expect(IssueSubscriptionBody.parse(body)).toEqual(body);
  });

  it("sells the 1-month term online only", () => {
    expect(termsFor("reseller")).toEqual(["1y", "2y", "3y"]);
    expect(termsFor("online")).toContain("1m");
    expect(problems({ ...base, term: "1m" })).toEqual({ term: "operator.issue.errors.monthOnline" });
    expect(problems({ ...base, term: "1m", salesChannel: "online" })).toEqual({});
    expect(problems({ ...base, term: "" })).toEqual({ term: "operator.issue.errors.term" });
  });

  it("a permanent license has maintenance months and no term", () => {
    const permanent = { ...base, licenseType: "permanent" as const, maintenanceMonths: "24" };
    expect(issueBody(permanent)).toMatchObject({ term: null, maintenanceMonths: 24 });
    expect(problems({ ...permanent, maintenanceMonths: "121" })).toEqual({ maintenanceMonths: "operator.issue.errors.months" });
  });

  it("a reseller sale names the reseller; contacts are optional but checked", () => {
    expect(problems({ ...base, salesChannel: "reseller" })).toEqual({ resellerName: "operator.issue.errors.reseller" });
    expect(issueBody({ ...base, salesChannel: "reseller", resellerName: " Acme IT " }).resellerName).toBe("Acme IT");
    expect(issueBody({ ...base, resellerName: "stale" }).resellerName).toBeNull();
    expect(problems({ ...base, contactEmail: "not-an-email" })).toEqual({ contactEmail: "operator.issue.errors.email" });
  });

  it("requires a product, licenses and a purchaser address", () => {
    expect(problems({ ...emptyIssue() })).toEqual({
      productId: "operator.issue.errors.product",
      licenses: "operator.issue.errors.licenses",
      purchaserEmail: "operator.issue.errors.purchaserEmail",
    });
  });
});
