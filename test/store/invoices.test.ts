import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderInvoicePdf } from "../../src/modules/store/invoice-pdf.ts";
import { ACME, businessAccount, call, member, person } from "../helpers/account-fixtures.ts";
import { pdfFontNames, pdfFontPrograms, pdfText } from "../helpers/pdf-text.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { counterValue, invoiceRows, invoiceUrl, payAndInvoice, plantOrder } from "./invoice-kit.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    AUTH_RATE_LIMIT: "off",
    VENDOR_NAME: "Northwind Licensing Ltd",
    VENDOR_ADDRESS: "7 Harbour Road|Bristol BS1 4QA|United Kingdom",
    VENDOR_TAX_ID: "GB987654321",
    VENDOR_EMAIL: "billing@northwind.example",
  });
});
afterAll(async () => t?.close());

const COMPANY = {
  ...ACME,
  companyName: "Invoice Test Werke GmbH",
  addressLine1: "Friedrichstraße 12",
  city: "Berlin",
  vatId: "DE811907980",
};

describe(`invoice numbers (${TEST_ENGINE})`, () => {
  // One app per file: these run in order, each counting from the counter the previous left.
  it("are sequential with no gaps and no duplicates when 20 orders are paid at once", async () => {
    const admin = await person(t, "inv-seq");
    const accountId = await businessAccount(t, admin, COMPANY);
    const before = await counterValue(t);
    const orders = await Promise.all(Array.from({ length: 20 }, () => plantOrder(t, accountId)));
    const issued = await Promise.all(orders.map((orderId) => payAndInvoice(t, orderId)));

    const expected = Array.from({ length: 20 }, (_, i) => `INV-${String(before + i + 1).padStart(6, "0")}`);
    expect(issued.map((i) => i.number).sort()).toEqual(expected);
    const rows = (await invoiceRows(t)).filter((r) => r.accountId === accountId);
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
    expect(new Set(rows.map((r) => r.orderId)).size).toBe(20);
    expect(await counterValue(t)).toBe(before + 20);
  });

  it("a rolled-back settlement gives its number back, and paying the order again issues it once", async () => {
    const admin = await person(t, "inv-rollback");
    const accountId = await businessAccount(t, admin, COMPANY);
    const before = await counterValue(t);
    const orderId = await plantOrder(t, accountId);
    await expect(payAndInvoice(t, orderId, { fail: true })).rejects.toThrow(/provisioning failed/);
    expect(await counterValue(t)).toBe(before);
    expect((await invoiceRows(t)).some((r) => r.orderId === orderId)).toBe(false);

    const first = await payAndInvoice(t, orderId);
    expect(first.number).toBe(`INV-${String(before + 1).padStart(6, "0")}`);
    // Idempotent per order: a second settlement of the same order returns the same invoice.
    const again = await payAndInvoice(t, orderId);
    expect(again.number).toBe(first.number);
    expect(await counterValue(t)).toBe(before + 1);
  });

  it("freeze the Business Profile and the vendor as they were when issued", async () => {
    const admin = await person(t, "inv-snapshot");
    const accountId = await businessAccount(t, admin, COMPANY);
    const orderId = await plantOrder(t, accountId);
    await payAndInvoice(t, orderId);
    // A later profile change does not rewrite the invoice.
    await t.database.db
      .updateTable("accounts")
      .set({ companyName: "Renamed AG", vatId: null })
      .where("id", "=", accountId)
      .execute();
    const row = (await invoiceRows(t)).find((r) => r.orderId === orderId);
    expect(row?.buyerJson).toEqual({
      name: "Invoice Test Werke GmbH",
      addressLines: ["Friedrichstraße 12", "10115 Berlin"],
      country: "DE",
      taxId: "DE811907980",
      email: null,
      phone: "+49 30 1234567",
    });
    expect(row?.sellerJson).toMatchObject({ name: "Northwind Licensing Ltd", taxId: "GB987654321" });
    expect(row?.sellerJson.addressLines).toEqual(["7 Harbour Road", "Bristol BS1 4QA", "United Kingdom"]);
  });

  it("bill a personal account to its owner's name and email", async () => {
    const owner = await person(t, "inv-personal");
    const accounts = (await call(t, owner, "GET", "/api/accounts")).json().accounts as Array<{ id: string; kind: string }>;
    const personal = accounts.find((a) => a.kind === "personal");
    if (!personal) throw new Error("no personal account");
    await call(t, owner, "PUT", "/api/me/profile", { firstName: "Grace", lastName: "Hopper", locale: "en" });
    const orderId = await plantOrder(t, personal.id);
    await payAndInvoice(t, orderId);
    const row = (await invoiceRows(t)).find((r) => r.orderId === orderId);
    expect(row?.buyerJson).toMatchObject({ name: "Grace Hopper", email: owner.email, taxId: null, addressLines: [] });
  });
});

describe(`the invoice PDF (${TEST_ENGINE})`, () => {
  it("is served to Account Administrators with the number, both parties, the lines and the totals as text", async () => {
    const admin = await person(t, "inv-pdf");
    const accountId = await businessAccount(t, admin, COMPANY);
    const orderId = await plantOrder(t, accountId, { quantity: 12, subtotal: 12 * 13_550 });
    const { number } = await payAndInvoice(t, orderId);

    const response = await call(t, admin, "GET", invoiceUrl(accountId, orderId));
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(`attachment; filename="${number}.pdf"`);
    expect(response.headers["cache-control"]).toBe("private, no-store");
    // Lines of wrapped text joined back, as a reader copying the text would see it.
    const text = pdfText(response.rawPayload).replace(/\n/g, " ");
    for (const expected of [
      `Invoice ${number}`,
      "Invoice Test Werke GmbH",
      "Friedrichstraße 12",
      "Germany",
      "VAT ID: DE811907980",
      "Northwind Licensing Ltd",
      "Tax ID: GB987654321",
      "billing@northwind.example",
      "Remote Application Server, 1 year, Standard support",
      "EUR 135.50", // unit price
      "EUR 1,626.00", // 12 × 135.50
      "VAT 19%",
      "EUR 308.94", // 19% of 1,626.00
      "EUR 1,934.94",
      "Paid on 2027-03-01 by card",
    ]) {
      expect(text).toContain(expected);
    }
    // Western European text needs no font file: the standard fonts print it.
    expect(pdfFontNames(response.rawPayload)).toEqual(["Helvetica", "Helvetica-Bold"]);
  });

  it("answers 404 INVOICE_NOT_FOUND before payment, 404 for another account's order, 403 to a Regular Member", async () => {
    const admin = await person(t, "inv-auth");
    const accountId = await businessAccount(t, admin, COMPANY);
    const unpaid = await plantOrder(t, accountId);
    const missing = await call(t, admin, "GET", invoiceUrl(accountId, unpaid));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("INVOICE_NOT_FOUND");

    const paid = await plantOrder(t, accountId);
    await payAndInvoice(t, paid);
    const regular = await member(t, admin, accountId, "inv-regular");
    const asMember = await call(t, regular, "GET", invoiceUrl(accountId, paid));
    expect(asMember.statusCode).toBe(403);
    expect(asMember.json().code).toBe("ADMIN_ROLE_REQUIRED");

    const stranger = await person(t, "inv-stranger");
    const otherAccount = await businessAccount(t, stranger, { ...COMPANY, companyName: "Other GmbH" });
    // The stranger's own account, another account's order id: not found, not forbidden.
    const crossed = await call(t, stranger, "GET", invoiceUrl(otherAccount, paid));
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().code).toBe("ORDER_NOT_FOUND");
    const notMember = await call(t, stranger, "GET", invoiceUrl(accountId, paid));
    expect(notMember.statusCode).toBe(404);
    expect((await call(t, null, "GET", invoiceUrl(accountId, paid))).statusCode).toBe(401);
  });

  it("is documented in the OpenAPI description as a PDF download of the store", async () => {
    const doc = (await call(t, null, "GET", "/api/openapi.json")).json();
    const get = doc.paths["/api/accounts/{accountId}/store/orders/{orderId}/invoice.pdf"]?.get;
    expect(get?.tags).toEqual(["store"]);
    expect(get?.responses["200"].content["application/pdf"].schema).toMatchObject({ type: "string", format: "binary" });
  });

  // The addresses' second line is the postcode (COMPANY's) and the city.
  it.each([
    ["Japanese", "株式会社サンプル商事", "芝公園4丁目2-8 髙﨑ビル", "東京都港区", /^NotoSansHans-Bold/],
    ["Russian", "ООО «Ромашка»", "ул. Тверская, д. 7, стр. 2", "Москва", /^NotoSans-Bold/],
    ["Chinese", "北京软件科技发展有限公司", "海淀区中关村大街1号", "北京市", /^NotoSansHans-Bold/],
  ] as const)(
    "prints a %s company name and address as they are, in a sound embedded font subset",
    async (language, companyName, addressLine1, city, font) => {
      const admin = await person(t, `inv-${language.toLowerCase()}`);
      const accountId = await businessAccount(t, admin, { ...COMPANY, companyName, addressLine1, city });
      const orderId = await plantOrder(t, accountId);
      await payAndInvoice(t, orderId);
      const response = await call(t, admin, "GET", invoiceUrl(accountId, orderId));
      expect(response.statusCode).toBe(200);
      const lines = pdfText(response.rawPayload).split("\n");
      // 﨑 is missing from the CJK font: it prints as the usual 崎.
      for (const line of [companyName, addressLine1.replace("﨑", "崎"), `10115 ${city}`]) expect(lines).toContain(line);
      expect(pdfFontNames(response.rawPayload).some((name) => font.test(name))).toBe(true);
      for (const program of pdfFontPrograms(response.rawPayload)) expect(drawable(program), program.kind).toBe(true);
      // A subset (the glyphs drawn), not the 8 MB font.
      expect(response.rawPayload.length).toBeLessThan(150_000);
    },
  );

  it("prints a name mixing scripts as one line, with ? only for what no font has", async () => {
    const admin = await person(t, "inv-unicode");
    const accountId = await businessAccount(t, admin, { ...COMPANY, companyName: "株式会社サンプル Łódź Trading 🚀" });
    const orderId = await plantOrder(t, accountId);
    await payAndInvoice(t, orderId);
    const response = await call(t, admin, "GET", invoiceUrl(accountId, orderId));
    expect(response.statusCode).toBe(200);
    expect(pdfText(response.rawPayload).split("\n")).toContain("株式会社サンプル Łódź Trading ?");
  });

  it("never fails on hostile text: controls, emoji, lone surrogates, scripts no font has, very long values", async () => {
    const hostile = [
      "\u0000\u0007Null\r\nand\ttabs",
      "👨‍👩‍👧 family ❤️ and 🚀",
      "lone \ud800 surrogate \udfff",
      "주식회사 한국 شركة עברית ไทย",
      "e\u0301 \u200b\u200e\u00ad invisible",
      "長".repeat(20_000),
      "x".repeat(100_000),
    ];
    const party = {
      name: hostile.join(" "),
      addressLines: hostile,
      country: "ZZ",
      taxId: hostile[1] ?? "",
      email: null,
      phone: null,
    };
    const started = Date.now();
    const pdf = await renderInvoicePdf({
      number: "INV-000888",
      issuedAt: new Date("2027-01-01T00:00:00Z"),
      seller: party,
      buyer: party,
      orderReference: "LP-TEST",
      currency: "EUR",
      lines: hostile.map((description) => ({
        description,
        periodStartsAt: new Date("2027-01-01T00:00:00Z"),
        periodEndsAt: new Date("2028-01-01T00:00:00Z"),
        quantity: 1,
        unitAmount: 100,
        amount: 100,
      })),
      subtotal: 700,
      tax: { name: hostile[1] ?? "", rateBp: 0, amount: 0 },
      total: 700,
      paid: { at: new Date("2027-01-01T00:00:00Z"), method: hostile[0] ?? "" },
      testMode: true,
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    const text = pdfText(pdf);
    const lines = text.split("\n");
    expect(lines).toContain("Null and tabs"); // controls are spaces
    expect(text).toContain("??? family ? and ?"); // a ? per emoji (the family is three), joiners and selectors dropped
    expect(text).toContain("lone ? surrogate ?");
    expect(text).toContain("???? ?? ???? ????? ???"); // Korean, Arabic, Hebrew, Thai: no font
    expect(text).toContain("é invisible"); // combined, and the invisible characters gone
    // A runaway value is cut at 12 lines, the last ending with "…": the invoice stays a few pages.
    // Five values hold the 長 run (both names, both addresses, a description).
    expect(lines.filter((line) => /^長+…?$/.test(line)).length).toBeLessThanOrEqual(12 * 5);
    expect(lines.some((line) => /^長+…$/.test(line))).toBe(true);
    expect(Number(/page 1 of (\d+)/.exec(text)?.[1])).toBeLessThan(20);
  });

  it("flows a long order onto more pages, each numbered", async () => {
    const line = {
      description: "Remote Application Server ".repeat(8),
      periodStartsAt: new Date("2027-01-01T00:00:00Z"),
      periodEndsAt: new Date("2028-01-01T00:00:00Z"),
      quantity: 1,
      unitAmount: 100,
      amount: 100,
    };
    const party = { name: "X", addressLines: [], country: null, taxId: null, email: null, phone: null };
    const pdf = await renderInvoicePdf({
      number: "INV-000777",
      issuedAt: new Date("2027-01-01T00:00:00Z"),
      seller: party,
      buyer: party,
      orderReference: "LP-TEST",
      currency: "JPY",
      lines: Array.from({ length: 60 }, () => line),
      subtotal: 6000,
      tax: { name: "Consumption tax", rateBp: 1000, amount: 600 },
      total: 6600,
      paid: null,
      testMode: false,
    });
    const text = pdfText(pdf);
    const pages = Number(/page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`INV-000777 - page ${pages} of ${pages}`);
    expect(text).toContain("JPY 6,600"); // no minor digits for yen
    expect(text).toContain("Consumption tax 10%");
  });
});

type FontkitFont = { numGlyphs: number; getGlyph(id: number): { path: { commands: unknown[] } } };
const fontkit: { create(bytes: Uint8Array): FontkitFont } = createRequire(import.meta.url)("fontkit");

/**
 * Whether a viewer can draw an embedded font program: a CFF header with a valid offset size,
 * a TrueType subset whose every glyph has an outline. A broken subsetter (as
 * `@pdf-lib/fontkit` is) leaves the text extractable but draws blanks, which pdfText cannot see.
 */
function drawable({ kind, bytes }: { kind: "TrueType" | "CFF"; bytes: Uint8Array }): boolean {
  if (kind === "CFF") return bytes[0] === 1 && bytes[2] === 4 && [1, 2, 3, 4].includes(bytes[3] ?? 0);
  const font = fontkit.create(bytes);
  for (let id = 1; id < font.numGlyphs; id++) if (font.getGlyph(id).path.commands.length === 0) return false;
  return true;
}
