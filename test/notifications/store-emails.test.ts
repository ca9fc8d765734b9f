import { describe, expect, it } from "vitest";
import { type Locale, SUPPORTED_LOCALES } from "../../contracts/identity.ts";
import { EMAIL_TEMPLATES } from "../../src/modules/notifications/outbox.repo.ts";
import { escapeHtml } from "../../src/modules/notifications/templates/escape-html.ts";
import { EMAIL_MESSAGES } from "../../src/modules/notifications/templates/locales/index.ts";
import { EmailRenderError, renderEmail } from "../../src/modules/notifications/templates/render-email.ts";
import { TEMPLATE_SPECS } from "../../src/modules/notifications/templates/template-specs.ts";

/** The store's emails: order paid, licenses added, bank transfer instructions, renewals, in every locale. */

const STORE_TEMPLATES = [
  "order-paid",
  "upgrade-paid",
  "bank-transfer-instructions",
  "renewal-succeeded",
  "renewal-payment-failed",
  "renewal-ended",
] as const;
type StoreTemplate = (typeof STORE_TEMPLATES)[number];

const URL = "https://portal.example.com/accounts/acc_1/store/orders/ord_1?x=1";
const SUBSCRIPTION = `Acme "Production" <farms>`;
const PAYEE = "Vendor Bank AG\nIBAN DE00 1234 5678 9000 00\n\n  BIC VENDDEFF  ";
const COMMON = { name: "Ada Lovelace", url: URL, amount: "123456", currency: "EUR", orderReference: "LP-7KQ2MX4P" };
const DATA: Record<StoreTemplate, Record<string, string>> = {
  "order-paid": {
    ...COMMON,
    productName: "Remote Application Server",
    subscriptionName: SUBSCRIPTION,
    licenses: "1500",
    renewsAt: "2028-02-29T10:00:00.000Z",
  },
  "upgrade-paid": { ...COMMON, subscriptionName: SUBSCRIPTION, licenses: "1500" },
  "bank-transfer-instructions": { ...COMMON, payee: PAYEE },
  "renewal-succeeded": { ...COMMON, subscriptionName: SUBSCRIPTION, expiresAt: "2029-02-28T10:00:00.000Z" },
  "renewal-payment-failed": {
    ...COMMON,
    subscriptionName: SUBSCRIPTION,
    failureReason: "Your card was declined.",
    retryAt: "2028-03-02T10:00:00.000Z",
    graceEndsAt: "2028-03-07T10:00:00.000Z",
  },
  "renewal-ended": { ...COMMON, subscriptionName: SUBSCRIPTION, expiresAt: "2028-02-29T10:00:00.000Z" },
};

const intl = (locale: Locale) => (locale === "zh" ? "zh-Hans" : locale);
const money = (locale: Locale, major: number, currency = "EUR") =>
  new Intl.NumberFormat(intl(locale), { style: "currency", currency }).format(major);

describe("store emails in every locale", () => {
  it("are email templates", () => {
    for (const template of STORE_TEMPLATES) expect(EMAIL_TEMPLATES).toContain(template);
  });

  for (const template of STORE_TEMPLATES) {
    for (const locale of SUPPORTED_LOCALES) {
      it(`${template} / ${locale}`, () => {
        const mail = renderEmail(template, locale, "ada@example.com", DATA[template]);
        const copy: Record<string, string> = EMAIL_MESSAGES[locale][template];
        // Every value raw in the text and escaped in the HTML; no placeholder left; the link twice in the HTML.
        expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/\{\{|\}\}/);
        expect(mail.text).toContain(`${copy.action}\n${URL}\n`);
        expect(mail.html.split(`href="${escapeHtml(URL)}"`)).toHaveLength(3);
        if (template !== "bank-transfer-instructions") {
          expect(mail.text).toContain(SUBSCRIPTION);
          expect(mail.html).toContain(escapeHtml(SUBSCRIPTION));
          expect(mail.html).not.toContain("<farms>");
        }
        if (template !== "renewal-ended") {
          // 123456 cents of EUR, as money in the recipient's language.
          expect(mail.text).toContain(money(locale, 1234.56));
          expect(mail.text).not.toContain("123456");
        }
        if (locale !== "en") expect(mail.subject).not.toBe(renderEmail(template, "en", "a@example.com", DATA[template]).subject);
        expect(mail.subject).not.toMatch(/[\r\n]/);
      });
    }
  }

  it("shows money with the currency's own decimals, exactly: JPY has none, KWD three", () => {
    const paid = (amount: string, currency: string, locale = "en") =>
      renderEmail("upgrade-paid", locale, "a@example.com", { ...DATA["upgrade-paid"], amount, currency }).text;
    expect(paid("150000", "USD")).toContain("$1,500.00");
    expect(paid("150000", "JPY")).toContain("¥150,000");
    expect(paid("1234567", "KWD")).toMatch(/KWD\s1,234\.567/);
    expect(paid("5", "USD")).toContain("$0.05");
    expect(paid("0", "USD")).toContain("$0.00");
    expect(paid("123456", "EUR", "de")).toMatch(/1\.234,56\s€/);
    // The largest amount the store takes (15 digits) comes out digit for digit.
    expect(paid("123456789012345", "USD")).toContain("$1,234,567,890,123.45");
  });

  it("keeps the bank's payee lines as a block (blank lines dropped), and says what to put in the reference", () => {
    const mail = renderEmail("bank-transfer-instructions", "en", "a@example.com", DATA["bank-transfer-instructions"]);
    expect(mail.text).toContain("    Vendor Bank AG\n    IBAN DE00 1234 5678 9000 00\n    BIC VENDDEFF\n");
    expect(mail.html).toContain("Vendor Bank AG<br>IBAN DE00 1234 5678 9000 00<br>BIC VENDDEFF</code>");
    expect(mail.text).toContain("Put the order reference LP-7KQ2MX4P in the transfer's reference");
    expect(mail.text).toContain("Nothing is provisioned before the payment arrives");
  });

  it("has the required wording in English", () => {
    const paid = renderEmail("order-paid", "en", "a@example.com", DATA["order-paid"]);
    expect(paid.subject).toBe(`Order LP-7KQ2MX4P is paid: ${SUBSCRIPTION} is ready`);
    expect(paid.text).toContain("Licenses: 1,500.");
    expect(paid.text).toMatch(/renews automatically on February 29, 2028 at 10:00\sAM UTC\./);
    const failed = renderEmail("renewal-payment-failed", "en", "a@example.com", DATA["renewal-payment-failed"]).text;
    expect(failed).toContain("Reason given by the payment provider: Your card was declined.");
    expect(failed).toMatch(/We will try again on March 2, 2028 at 10:00\sAM UTC\./);
    expect(failed).toMatch(/keeps working until March 7, 2028 at 10:00\sAM UTC/);
    expect(renderEmail("renewal-ended", "en", "a@example.com", DATA["renewal-ended"]).text).toContain(
      "7-day grace period has ended",
    );
  });
});

describe("store emails: data errors (the worker marks such a message dead)", () => {
  for (const template of STORE_TEMPLATES) {
    for (const field of TEMPLATE_SPECS[template].requires) {
      it(`${template} without ${field} cannot be rendered`, () => {
        const { [field]: _omitted, ...missing } = DATA[template];
        expect(() => renderEmail(template, "en", "a@example.com", missing)).toThrow(EmailRenderError);
      });
    }
  }

  it("declares the fields the brief asks for", () => {
    expect(TEMPLATE_SPECS["order-paid"].requires).toEqual([
      "productName",
      "subscriptionName",
      "licenses",
      "orderReference",
      "amount",
      "currency",
      "renewsAt",
      "url",
    ]);
    expect(TEMPLATE_SPECS["upgrade-paid"].requires).toEqual([
      "subscriptionName",
      "licenses",
      "orderReference",
      "amount",
      "currency",
      "url",
    ]);
    expect(TEMPLATE_SPECS["bank-transfer-instructions"].requires).toEqual([
      "orderReference",
      "amount",
      "currency",
      "payee",
      "url",
    ]);
    expect(TEMPLATE_SPECS["renewal-succeeded"].requires).toEqual([
      "subscriptionName",
      "orderReference",
      "amount",
      "currency",
      "expiresAt",
      "url",
    ]);
    expect(TEMPLATE_SPECS["renewal-payment-failed"].requires).toEqual([
      "subscriptionName",
      "amount",
      "currency",
      "failureReason",
      "retryAt",
      "graceEndsAt",
      "url",
    ]);
    expect(TEMPLATE_SPECS["renewal-ended"].requires).toEqual(["subscriptionName", "expiresAt", "url"]);
  });

  it("refuses an amount that is not minor units, and a currency that is not a code", () => {
    for (const amount of ["12.50", "-1", "1,000", "1e3", "ten"]) {
      expect(() => renderEmail("upgrade-paid", "en", "a@example.com", { ...DATA["upgrade-paid"], amount })).toThrow(
        /minor units \(digits only\) in data\.amount/,
      );
    }
    for (const currency of ["usd", "EURO", "€"]) {
      expect(() => renderEmail("upgrade-paid", "en", "a@example.com", { ...DATA["upgrade-paid"], currency })).toThrow(
        /three-letter currency code in data\.currency/,
      );
    }
    expect(() =>
      renderEmail("bank-transfer-instructions", "en", "a@example.com", {
        ...DATA["bank-transfer-instructions"],
        payee: " \n \n",
      }),
    ).toThrow(/needs data\.payee/);
  });
});
