import { describe, expect, it } from "vitest";
import { OperatorActionBody } from "../../../../contracts/licensing.ts";
import { endOfDayIso } from "../licensing/dates.ts";
import { actionBody, actionValues, checkAction } from "./action-form.ts";
import type { OperatorSubscriptionView } from "./api.ts";

const view = {
  id: "s1",
  term: "1y",
  totalLicenses: 50,
  reservedInAdditionalKeys: 20,
  expiresAt: new Date(2030, 0, 31, 12).toISOString(),
  contract: { salesChannel: "reseller", resellerName: "R", contactName: null, contactEmail: null },
} as OperatorSubscriptionView;
const values = actionValues(view);

describe("operator actions", () => {
  it("start from the subscription as it is", () => {
    expect(values).toEqual({ term: "1y", date: "2030-01-31", licenses: "50", reason: "" });
  });

  it("refuse fewer licenses than the additional keys reserve", () => {
    expect(checkAction("set_licenses", { ...values, licenses: "19" }, view).licenses).toBe("errors.LICENSES_BELOW_RESERVED");
    expect(checkAction("set_licenses", { ...values, licenses: "20" }, view).licenses).toBeUndefined();
  });

  it("extend only to a later day; renew 1 month only for online sales", () => {
    expect(checkAction("extend", values, view).date).toBe("operator.actions.errors.dateNotLater");
    expect(checkAction("extend", { ...values, date: "2030-02-01" }, view).date).toBeUndefined();
    expect(checkAction("renew", { ...values, term: "1m" }, view).term).toBe("operator.issue.errors.monthOnline");
  });

  it("build bodies the contract accepts", () => {
    const bodies = [
      actionBody("renew", values),
      actionBody("extend", { ...values, date: "2030-03-01" }),
      actionBody("set_licenses", { ...values, licenses: "60" }),
      actionBody("suspend", { ...values, reason: "  unpaid  " }),
      actionBody("cancel", values),
      actionBody("reinstate", values),
    ];
    expect(bodies[1]).toEqual({ action: "extend", expiresAt: endOfDayIso("2030-03-01") });
    expect(bodies[3]).toEqual({ action: "suspend", reason: "unpaid" });
    expect(bodies[4]).toEqual({ action: "cancel" });
    for (const body of bodies) expect(OperatorActionBody.parse(body)).toEqual(body);
  });
});
