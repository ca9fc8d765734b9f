import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "../helpers/pdf-text.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { invoiceUrl } from "./invoice-kit.ts";
import { CARDS, cardToken, checkout, storeAccount, storeCall } from "./store-kit.ts";

/** A fresh app of its own, so the numbers counted here start at 1. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off", VENDOR_NAME: "Parallel Vendor plc", VENDOR_TAX_ID: "GB000111222" });
});
afterAll(async () => t?.close());

describe(`invoice numbers under parallel checkouts (${TEST_ENGINE})`, () => {
  it("are exactly INV-000001 … INV-000020 for 20 checkouts paid at once, declines taking no number", async () => {
    const [one, two] = await Promise.all([1, 2].map(() => storeAccount(t, { companyName: "Parallel Buyers GmbH" })));
    if (!one || !two) throw new Error("no accounts");
    const accounts = [one, two];
    const good = await Promise.all(Array.from({ length: 20 }, () => cardToken(t)));
    const declined = await Promise.all(Array.from({ length: 5 }, () => cardToken(t, CARDS.declined)));
    const responses = await Promise.all([
      ...good.map((token, i) => {
        const { admin, accountId } = i % 2 === 0 ? one : two;
        return checkout(t, admin, accountId, { method: "card", token, saveForRenewals: false }, { quantity: 1 + i });
      }),
      ...declined.map((token) => {
        return checkout(t, one.admin, one.accountId, { method: "card", token, saveForRenewals: false });
      }),
    ]);
    const paid = responses.slice(0, 20).map((r) => r.json());
    expect(paid.map((o) => o.status)).toEqual(Array(20).fill("paid"));
    expect(responses.slice(20).map((r) => r.json().status)).toEqual(Array(5).fill("failed"));
    const numbers = paid.map((o) => o.invoice?.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-${String(i + 1).padStart(6, "0")}`));

    // The order's invoice link serves that number's PDF.
    const first = paid.find((o) => o.invoice.number === "INV-000001");
    const owner = accounts.find((a) => a.accountId === first.accountId);
    if (!owner) throw new Error("owner not found");
    expect(first.invoice.url).toBe(invoiceUrl(owner.accountId, first.id));
    const pdf = await storeCall(t, owner.admin, "GET", first.invoice.url);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload).replace(/\n/g, " ");
    expect(text).toContain("Invoice INV-000001");
    expect(text).toContain("Parallel Buyers GmbH");
    expect(text).toContain("Parallel Vendor plc");
    expect(text).toContain(`Order reference: ${first.reference}`);
    expect(text).toContain("by card (Visa ending 4242)");
    expect(text).toContain("Test mode");
  });
});
