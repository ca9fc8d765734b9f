import { describe, expect, it } from "vitest";
import { CompanyInfo } from "../../../../contracts/company.ts";
import { checkCompany, companyBody, emptyCompany } from "./company-form.ts";

const valid = {
  ...emptyCompany(),
  companyName: " Acme Ltd ",
  country: "GB",
  postcode: "SW1A 1AA",
  businessPhone: "+44 20 7946 0000",
};
const errorsOf = (values: typeof valid) => Object.entries(checkCompany(values)).filter(([, key]) => key !== undefined);

describe("company form", () => {
  it("requires the guide's fields", () => {
    expect(errorsOf(emptyCompany()).map(([field]) => field)).toEqual(["companyName", "country", "postcode", "businessPhone"]);
    expect(errorsOf(valid)).toEqual([]);
  });

  it("checks the phone characters, the country list and the web address", () => {
    expect(checkCompany({ ...valid, businessPhone: "call me" }).businessPhone).toBe("company.errors.businessPhone");
    expect(checkCompany({ ...valid, country: "XX" }).country).toBe("company.errors.country");
    expect(checkCompany({ ...valid, website: "not a site" }).website).toBe("company.errors.website");
    expect(checkCompany({ ...valid, website: "example.com" }).website).toBeUndefined();
  });

  it("builds a body the contract accepts: trimmed, empty optionals as null, https:// added", () => {
    const body = companyBody({ ...valid, website: "example.com", city: "  " });
    expect(body).toMatchObject({ companyName: "Acme Ltd", city: null, website: "https://example.com" });
    expect(CompanyInfo.parse(body)).toEqual(body);
  });
});
