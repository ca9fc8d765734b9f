import { describe, expect, it } from "vitest";
import { type Locale, SUPPORTED_LOCALES } from "../../contracts/identity.ts";
import { EMAIL_TEMPLATES } from "../../src/modules/notifications/outbox.repo.ts";
import { backoffMs, isPermanentSmtpError, MAX_ATTEMPTS } from "../../src/modules/notifications/outbox.worker.ts";
import { escapeHtml } from "../../src/modules/notifications/templates/escape-html.ts";
import { EMAIL_MESSAGES } from "../../src/modules/notifications/templates/locales/index.ts";
import { EmailRenderError, renderEmail, UnknownTemplateError } from "../../src/modules/notifications/templates/render-email.ts";
import { TEMPLATE_SPECS } from "../../src/modules/notifications/templates/template-specs.ts";

const URL_WITH_QUERY = "https://portal.example.com/api/auth/verify-email?token=abc.def&callbackURL=%2Fdashboard";
const HOSTILE_NAME = `<script>alert("x")</script> O'Brien & Co`;
/** Every field any template needs, so one data object renders them all. */
const ALL_DATA = {
  name: HOSTILE_NAME,
  url: URL_WITH_QUERY,
  accountName: "Acme & Co",
  inviterName: "Grace Hopper",
  expiresAt: "2026-12-03T14:05:00.000Z",
  productName: "Contoso Server",
  subscriptionName: "Acme Production",
  licenses: "25",
  term: "1 year",
  key: "7KQ2M-X4P9T-LW3RD",
  daysLeft: "7",
  graceEndsAt: "2027-01-02T14:05:00.000Z",
  keyName: "Production farms",
  limit: "25",
  inUse: "31",
  orderReference: "LP-7KQ2MX4P",
  amount: "150000",
  currency: "EUR",
  payee: "Demo Bank plc\nIBAN GB00 DEMO 0000 0000 0000 00",
  renewsAt: "2027-12-03T14:05:00.000Z",
  retryAt: "2026-12-05T14:05:00.000Z",
  failureReason: "Your card was declined.",
  ticketReference: "SR-7KQ2MX4P",
  ticketSubject: "Sessions drop every hour",
  authorName: "Vendor Support",
  message: "Please send the logs.",
  status: "resolved",
  adderName: "Grace Hopper",
  responseTarget: "240",
};

/** The copy with its placeholders filled as the renderer does (timestamps formatted in UTC). */
function filled(copy: string, locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale === "zh" ? "zh-Hans" : locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const date = (iso: string) => format.format(new Date(iso));
  // Minor units as money in the locale: 150000 EUR cents → 1,500.00 €.
  const amount = new Intl.NumberFormat(locale === "zh" ? "zh-Hans" : locale, {
    style: "currency",
    currency: ALL_DATA.currency,
  }).format(Number(ALL_DATA.amount) / 100);
  const values: Record<string, string> = {
    ...ALL_DATA,
    expiresAt: date(ALL_DATA.expiresAt),
    graceEndsAt: date(ALL_DATA.graceEndsAt),
    renewsAt: date(ALL_DATA.renewsAt),
    retryAt: date(ALL_DATA.retryAt),
    amount,
    // 240 minutes as the renderer shows a duration: "4 hours", "4 Stunden", …
    responseTarget: new Intl.NumberFormat(locale === "zh" ? "zh-Hans" : locale, {
      style: "unit",
      unit: "hour",
      unitDisplay: "long",
    }).format(4),
  };
  return copy.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? `{{${key}}}`);
}

describe("renderEmail: every template in every locale", () => {
  for (const template of EMAIL_TEMPLATES) {
    for (const locale of SUPPORTED_LOCALES) {
      it(`${template} / ${locale}`, () => {
        const mail = renderEmail(template, locale, "ada@example.com", ALL_DATA);
        const copy: Record<string, string> = EMAIL_MESSAGES[locale][template];
        const hasAction = (TEMPLATE_SPECS[template].body as readonly string[]).includes("action");

        expect(mail.to).toBe("ada@example.com");
        expect(mail.subject).toBe(filled(copy.subject ?? "", locale));
        expect(mail.subject).not.toMatch(/[\r\n]/);
        if (locale !== "en") expect(mail.subject).not.toBe(renderEmail(template, "en", "a@example.com", ALL_DATA).subject);

        // Text: raw values, the URL on a line of its own, the copy of this locale, no placeholder left.
        expect(mail.text).toContain(HOSTILE_NAME);
        for (const part of TEMPLATE_SPECS[template].body) expect(mail.text).toContain(filled(copy[part] ?? "", locale));
        expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain("{{");
        if (hasAction) expect(mail.text).toContain(`\n${URL_WITH_QUERY}\n`);
        else expect(mail.text).not.toContain(URL_WITH_QUERY);

        // HTML: the language, a button-like link and the plain URL, every value escaped.
        const escapedUrl = escapeHtml(URL_WITH_QUERY);
        expect(mail.html).toContain(`<html lang="${locale}"`);
        if (hasAction) {
          expect(mail.html.split(`href="${escapedUrl}"`)).toHaveLength(3);
          expect(mail.html).toContain(`>${escapedUrl}</a>`);
          expect(mail.html).toContain(`>${escapeHtml(copy.action ?? "")}</a>`);
        } else {
          expect(mail.html).not.toContain("<a ");
        }
        expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co");
        expect(mail.html).not.toContain("<script");
        expect(mail.html).not.toContain("<table");
        expect(mail.html).not.toContain("abc.def&callbackURL");
      });
    }
  }
});

describe("renderEmail: language, data and errors", () => {
  it("falls back to English for an unknown locale and uses the primary subtag of a regional one", () => {
    for (const locale of ["pt", "", "xx-YY", "klingon"]) {
      expect(renderEmail("welcome", locale, "a@example.com", { name: "A", url: URL_WITH_QUERY }).subject).toBe(
        "Welcome to License Portal",
      );
    }
    expect(renderEmail("verify-email", "de-AT", "a@example.com", { name: "A", url: URL_WITH_QUERY }).subject).toBe(
      "Bestätigen Sie Ihre E-Mail-Adresse",
    );
    expect(renderEmail("verify-email", "ZH_cn", "a@example.com", { name: "A", url: URL_WITH_QUERY }).subject).toBe(
      "请确认您的电子邮件地址",
    );
  });

  it("has the required wording in English", () => {
    const data = { name: "Ada", url: URL_WITH_QUERY };
    expect(renderEmail("verify-email", "en", "a@example.com", data).text).toContain("Confirm your email address");
    const reset = renderEmail("reset-password", "en", "a@example.com", data).text;
    expect(reset).toContain("expires in 1 hour");
    expect(reset).toContain("If you didn't request a password reset, you can ignore this email");
    expect(renderEmail("password-changed", "en", "a@example.com", { name: "Ada" }).text).toContain(
      "If this wasn't you, reset your password",
    );
  });

  it("says in every language that the reset link expires in 1 hour", () => {
    for (const locale of SUPPORTED_LOCALES) {
      expect(EMAIL_MESSAGES[locale]["reset-password"].outro).toMatch(/(^|\D)1(\D|$)/);
    }
  });

  it("does not interpolate placeholders that arrive inside a value", () => {
    const mail = renderEmail("welcome", "en", "a@example.com", { name: "{{url}} $t(common:footer)", url: URL_WITH_QUERY });
    expect(mail.text).toContain("Hello {{url}} $t(common:footer),");
  });

  it("greets without a name when none is given", () => {
    const mail = renderEmail("welcome", "fr", "a@example.com", { url: URL_WITH_QUERY });
    expect(mail.text).toContain("\n\nBonjour,\n\n");
  });

  it("renders password-changed with or without a reset link", () => {
    const plain = renderEmail("password-changed", "de", "a@example.com", { name: "Ada" });
    expect(plain.html).not.toContain("<a ");
    expect(plain.text).toContain("Falls Sie das nicht waren");
    const linked = renderEmail("password-changed", "de", "a@example.com", {
      name: "Ada",
      url: "https://portal.example.com/forgot",
    });
    expect(linked.html).toContain('href="https://portal.example.com/forgot"');
    expect(linked.text.indexOf("Falls Sie das nicht waren")).toBeLessThan(
      linked.text.indexOf("https://portal.example.com/forgot"),
    );
  });

  it("throws a typed error for an unknown template", () => {
    let caught: unknown;
    try {
      renderEmail("no-such-template", "en", "a@example.com", {});
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UnknownTemplateError);
    expect(caught).toBeInstanceOf(EmailRenderError);
    expect((caught as UnknownTemplateError).template).toBe("no-such-template");
  });

  it("refuses a missing, relative or non-http link", () => {
    for (const url of [undefined, "/api/auth/verify-email", "javascript:alert(1)", "data:text/html,hi"]) {
      const data: Record<string, string> = url === undefined ? { name: "A" } : { name: "A", url };
      expect(() => renderEmail("verify-email", "en", "a@example.com", data)).toThrow(EmailRenderError);
    }
  });
});

describe("helpers", () => {
  it("escapeHtml escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  });

  it("backoffMs doubles from 5 s and is capped at one hour", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(0)).toBe(5_000);
    for (let n = 2; n <= MAX_ATTEMPTS + 5; n += 1) {
      expect(backoffMs(n)).toBe(Math.min(backoffMs(n - 1) * 2, 3_600_000));
    }
    expect(backoffMs(MAX_ATTEMPTS)).toBe(3_600_000);
    expect(backoffMs(10_000)).toBe(3_600_000);
  });

  it("treats only an SMTP 5xx envelope rejection as permanent", () => {
    expect(isPermanentSmtpError(Object.assign(new Error("no"), { code: "EENVELOPE", responseCode: 550 }))).toBe(true);
    expect(isPermanentSmtpError(Object.assign(new Error("later"), { code: "EENVELOPE", responseCode: 451 }))).toBe(false);
    expect(isPermanentSmtpError(Object.assign(new Error("down"), { code: "ESOCKET" }))).toBe(false);
    expect(isPermanentSmtpError(undefined)).toBe(false);
  });
});
