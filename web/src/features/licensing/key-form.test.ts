import { describe, expect, it } from "vitest";
import { KeyBody } from "../../../../contracts/licensing.ts";
import type { LicenseKeyView } from "./api.ts";
import { endOfDayIso } from "./dates.ts";
import { checkKeyForm, keyBody, keyFieldForServerError, keyFormValues, parseCount, primaryKeyBody } from "./key-form.ts";

const subscriptionEnd = new Date(2030, 5, 15, 10).toISOString();
const context = { kind: "additional" as const, available: 40, subscriptionExpiresAt: subscriptionEnd, now: new Date(2029, 0, 1) };
const filled = { ...keyFormValues(null), name: " Sales team ", licenses: "10" };
const problems = (errors: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(errors).filter(([, value]) => value !== undefined));

describe("key form", () => {
  it("starts a new key on Renew with Subscription, with no cap", () => {
    expect(keyFormValues(null)).toMatchObject({ renewWithSubscription: true, limitUsers: false, licenses: "" });
  });

  it("loads an additional key with a custom date and a cap", () => {
    const key = {
      kind: "additional",
      name: "Lab",
      licenses: 5,
      maxUsersPerFarm: 3,
      renewWithSubscription: false,
      expiresAt: endOfDayIso("2030-01-31"),
    } as LicenseKeyView;
    expect(keyFormValues(key)).toMatchObject({ licenses: "5", limitUsers: true, maxUsersPerFarm: "3", customDate: "2030-01-31" });
  });

  it("parses whole positive numbers only", () => {
    expect(parseCount(" 12 ")).toBe(12);
    expect(parseCount("0")).toBeNull();
    expect(parseCount("1.5")).toBeNull();
    expect(parseCount("-3")).toBeNull();
    expect(parseCount("1000001")).toBeNull();
  });

  it("requires a name and licenses within the pool", () => {
    expect(problems(checkKeyForm(keyFormValues(null), context))).toEqual({
      name: "licensing.keyForm.errors.nameRequired",
      licenses: "licensing.keyForm.errors.licenses",
    });
    expect(problems(checkKeyForm({ ...filled, licenses: "41" }, context))).toEqual({
      licenses: "licensing.keyForm.errors.licensesOverPool",
    });
    expect(problems(checkKeyForm({ ...filled, licenses: "40" }, context))).toEqual({});
  });

  it("checks the cap and the custom date", () => {
    expect(problems(checkKeyForm({ ...filled, limitUsers: true, maxUsersPerFarm: "" }, context))).toEqual({
      maxUsersPerFarm: "licensing.keyForm.errors.maxUsers",
    });
    const custom = { ...filled, renewWithSubscription: false };
    expect(checkKeyForm(custom, context).customDate).toBe("licensing.keyForm.errors.dateRequired");
    expect(checkKeyForm({ ...custom, customDate: "2030-06-16" }, context).customDate).toBe(
      "licensing.keyForm.errors.dateAfterSubscription",
    );
    expect(checkKeyForm({ ...custom, customDate: "2028-12-31" }, context).customDate).toBe("licensing.keyForm.errors.datePast");
    expect(checkKeyForm({ ...custom, customDate: "2030-06-15" }, context).customDate).toBeUndefined();
  });

  it("a Primary Key only checks its name and cap", () => {
    expect(problems(checkKeyForm({ ...keyFormValues(null), name: "Main" }, { ...context, kind: "primary" }))).toEqual({});
    expect(primaryKeyBody({ ...filled, limitUsers: true, maxUsersPerFarm: "25" })).toEqual({
      name: "Sales team",
      maxUsersPerFarm: 25,
    });
  });

  it("builds bodies the contract accepts", () => {
    const renewing = keyBody(filled, subscriptionEnd);
    expect(renewing).toEqual({
      name: "Sales team",
      licenses: 10,
      maxUsersPerFarm: null,
      renewWithSubscription: true,
      customExpiresAt: null,
    });
    expect(KeyBody.parse(renewing)).toEqual(renewing);
    const custom = keyBody({ ...filled, renewWithSubscription: false, customDate: "2030-06-15" }, subscriptionEnd);
    expect(custom.customExpiresAt).toBe(subscriptionEnd);
    expect(KeyBody.parse(custom)).toEqual(custom);
  });

  it("puts the server's pool and expiry refusals next to their fields", () => {
    expect(keyFieldForServerError("POOL_EXHAUSTED", null)).toBe("licenses");
    expect(keyFieldForServerError("KEY_EXPIRY_AFTER_SUBSCRIPTION", null)).toBe("customDate");
    expect(keyFieldForServerError("VALIDATION_FAILED", "body.customExpiresAt")).toBe("customDate");
    expect(keyFieldForServerError("VALIDATION_FAILED", "body.name")).toBe("name");
    expect(keyFieldForServerError("VALIDATION_FAILED", null)).toBeNull();
  });
});
