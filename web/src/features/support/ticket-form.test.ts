import { describe, expect, it } from "vitest";
import type { TicketOptions } from "../../../../contracts/support.ts";
import { farmsFor, incidentUse, initialValues, keysFor, planFor, validateTicket, withChange } from "./ticket-form.ts";

const key = (id: string, productId: string, extra: Partial<TicketOptions["licenseKeys"][number]> = {}) => ({
  id,
  name: `Key ${id}`,
  tail: "ABC123",
  productId,
  subscriptionId: `s-${id}`,
  subscriptionName: `Sub ${id}`,
  supportPlan: "standard" as const,
  incidentsLeft: 7,
  supportActive: true,
  ...extra,
});

const options: TicketOptions = {
  products: [
    { id: "p1", code: "ras", name: "RAS" },
    { id: "p2", code: "other", name: "Other" },
  ],
  licenseKeys: [
    key("k1", "p1"),
    key("k2", "p1", { supportPlan: "premium", incidentsLeft: null }),
    key("k3", "p2", { supportActive: false }),
    key("k4", "p1", { incidentsLeft: 0 }),
  ],
  farms: [
    { id: "f1", name: "Farm 1", licenseKeyId: "k1", appVersion: "1.0" },
    { id: "f2", name: "Farm 2", licenseKeyId: "k2", appVersion: "1.1" },
    { id: "f3", name: "Farm 3", licenseKeyId: "k3", appVersion: "2.0" },
  ],
  plans: [
    {
      code: "standard",
      name: "Standard",
      incidentsPerYear: 7,
      responseMinutes: { critical: 240, high: 480, normal: 1440, low: 2880 },
    },
    {
      code: "premium",
      name: "Premium",
      incidentsPerYear: null,
      responseMinutes: { critical: 60, high: 120, normal: 240, low: 480 },
    },
  ],
};

describe("the New ticket form's choices", () => {
  it("preselects the only product, else none", () => {
    expect(initialValues(options).productId).toBe("");
    expect(initialValues({ ...options, products: [{ id: "p1", code: "ras", name: "RAS" }] }).productId).toBe("p1");
  });

  it("lists the product's keys, and the key's farms (or all the product's farms without a key)", () => {
    expect(keysFor(options, "p1").map((k) => k.id)).toEqual(["k1", "k2", "k4"]);
    expect(farmsFor(options, "p1", "k2").map((f) => f.id)).toEqual(["f2"]);
    expect(farmsFor(options, "p1", "").map((f) => f.id)).toEqual(["f1", "f2"]);
  });

  it("drops a key and farm that no longer fit, and fills the key from a farm", () => {
    const base = { ...initialValues(options), productId: "p1" };
    const chosen = withChange(options, base, { licenseKeyId: "k1", farmId: "f1" });
    expect(withChange(options, chosen, { licenseKeyId: "k2" })).toMatchObject({ licenseKeyId: "k2", farmId: "" });
    expect(withChange(options, chosen, { productId: "p2" })).toMatchObject({ licenseKeyId: "", farmId: "" });
    expect(withChange(options, base, { farmId: "f2" })).toMatchObject({ licenseKeyId: "k2", farmId: "f2" });
  });

  it("takes the response targets from the key's plan, Standard without a key", () => {
    expect(planFor(options, "k2")?.code).toBe("premium");
    expect(planFor(options, "")?.code).toBe("standard");
  });
});

describe("incidentUse", () => {
  it("counts only technical tickets with a key", () => {
    expect(incidentUse(options, { category: "licensing", licenseKeyId: "k1" })).toEqual({ kind: "none" });
    expect(incidentUse(options, { category: "technical", licenseKeyId: "" })).toEqual({ kind: "none" });
    expect(incidentUse(options, { category: "technical", licenseKeyId: "k1" })).toEqual({ kind: "uses", left: 7 });
    expect(incidentUse(options, { category: "technical", licenseKeyId: "k2" })).toEqual({ kind: "unlimited" });
    expect(incidentUse(options, { category: "technical", licenseKeyId: "k4" })).toEqual({ kind: "noneLeft" });
    expect(incidentUse(options, { category: "technical", licenseKeyId: "k3" })).toEqual({ kind: "supportNotActive" });
  });
});

describe("validateTicket", () => {
  it("needs a product, a subject of 3+ characters and a description", () => {
    const values = { ...initialValues(options), productId: "p1", subject: " ab ", description: "  " };
    expect(validateTicket(values)).toEqual({
      productId: undefined,
      subject: "support.new.subjectRequired",
      description: "support.reply.required",
    });
    expect(validateTicket({ ...values, subject: "VPN drops", description: "Since Monday." })).toEqual({
      productId: undefined,
      subject: undefined,
      description: undefined,
    });
  });
});
