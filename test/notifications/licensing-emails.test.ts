import { describe, expect, it } from "vitest";
import { type Locale, SUPPORTED_LOCALES } from "../../contracts/identity.ts";
import { escapeHtml } from "../../src/modules/notifications/templates/escape-html.ts";
import { renderHtml, renderText } from "../../src/modules/notifications/templates/layout.ts";
import { EMAIL_MESSAGES } from "../../src/modules/notifications/templates/locales/index.ts";
import { EmailRenderError, renderEmail } from "../../src/modules/notifications/templates/render-email.ts";
import { TEMPLATE_SPECS } from "../../src/modules/notifications/templates/template-specs.ts";

const PRODUCT = "<b>Contoso Server</b> & Farms";
const SUBSCRIPTION = `Acme "Production" <2026>`;
const KEY = `7KQ2M-X4P9T-<&"'>-LW3RD`;
const LICENSES = "1500";
const TERM = "1 year";
const PORTAL_URL = "https://portal.example.com/?register=1&x=1";
const SUBSCRIPTION_URL = "https://portal.example.com/accounts/acc_123/subscriptions/sub_9?tab=keys&x=1";
const EXPIRES_AT = "2026-12-03T14:05:00.000Z";
const GRACE_ENDS_AT = "2027-01-02T14:05:00.000Z";

const LICENSING_TEMPLATES = ["registration-key", "subscription-expiring", "subscription-expired"] as const;
type LicensingTemplate = (typeof LICENSING_TEMPLATES)[number];

const DATA: Record<LicensingTemplate, Record<string, string>> = {
  "registration-key": { productName: PRODUCT, licenses: LICENSES, term: TERM, key: KEY, url: PORTAL_URL },
  "subscription-expiring": {
    name: "Ada Lovelace",
    subscriptionName: SUBSCRIPTION,
    productName: PRODUCT,
    expiresAt: EXPIRES_AT,
    daysLeft: "7",
    url: SUBSCRIPTION_URL,
  },
  "subscription-expired": {
    name: "Ada Lovelace",
    subscriptionName: SUBSCRIPTION,
    productName: PRODUCT,
    expiresAt: EXPIRES_AT,
    graceEndsAt: GRACE_ENDS_AT,
    url: SUBSCRIPTION_URL,
  },
};

const intlLocale = (locale: Locale) => (locale === "zh" ? "zh-Hans" : locale);

function localizedDateTime(locale: Locale, iso: string): string {
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  return format.format(new Date(iso));
}

const localizedCount = (locale: Locale, value: string) => new Intl.NumberFormat(intlLocale(locale)).format(Number(value));

/** Both parts of a mail contain the value: raw in the text, escaped in the HTML. */
function expectInBothParts(mail: { text: string; html: string }, value: string) {
  expect(mail.text).toContain(value);
  expect(mail.html).toContain(escapeHtml(value));
}

describe("licensing emails in every locale", () => {
  for (const template of LICENSING_TEMPLATES) {
    for (const locale of SUPPORTED_LOCALES) {
      it(`${template} / ${locale}`, () => {
        const data = DATA[template];
        const mail = renderEmail(template, locale, "ada@example.com", data);
        const common = EMAIL_MESSAGES[locale].common;
        const english = renderEmail(template, "en", "a@example.com", data);

        // Names: raw in the text, escaped in the HTML, never as markup.
        expectInBothParts(mail, PRODUCT);
        expect(mail.html).toContain("&lt;b&gt;Contoso Server&lt;/b&gt; &amp; Farms");
        expect(mail.html).not.toContain("<b>");
        expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
        expect(mail.html).toContain(`<html lang="${locale}"`);
        expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/\{\{|\}\}/);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        if (locale !== "en") {
          expect(mail.subject).not.toBe(english.subject);
          expect(mail.text).not.toBe(english.text);
        }

        // The button and the plain link.
        expect(mail.text).toContain(`\n${data.url}\n`);
        expect(mail.html.split(`href="${escapeHtml(data.url ?? "")}"`)).toHaveLength(3);
        const actionLabel = EMAIL_MESSAGES[locale][template].action;
        expect(mail.text).toContain(`${actionLabel}\n${data.url}`);
        expect(mail.html).toContain(`>${escapeHtml(actionLabel)}</a>`);

        if (template === "registration-key") {
          expect(mail.subject).toContain(PRODUCT);
          // The key: a block of its own, indented in the text, in a <code> element (escaped) in the HTML.
          expect(mail.text).toContain(`\n\n    ${KEY}\n\n`);
          expect(mail.html).toMatch(
            new RegExp(`<code style="font-family:[^"]*monospace[^"]*">${escapeRegExp(escapeHtml(KEY))}</code>`),
          );
          expect(mail.html).not.toContain(KEY);
          expect(mail.html.split(escapeHtml(KEY))).toHaveLength(2);
          expectInBothParts(mail, localizedCount(locale, LICENSES));
          expectInBothParts(mail, TERM);
          expect(mail.text).toContain(`\n\n${common.greetingNoName}\n\n`);
          // The key comes after its label and before the instructions.
          const copy = EMAIL_MESSAGES[locale]["registration-key"];
          const keyAt = mail.text.indexOf(KEY);
          expect(mail.text.indexOf(copy.keyLabel)).toBeLessThan(keyAt);
          expect(keyAt).toBeLessThan(mail.text.indexOf(copy.steps));
          expect(mail.text).toContain(copy.keepPrivate);
        } else {
          expect(mail.subject).toContain(SUBSCRIPTION);
          expectInBothParts(mail, SUBSCRIPTION);
          expect(mail.html).toContain("Acme &quot;Production&quot; &lt;2026&gt;");
          expectInBothParts(mail, localizedDateTime(locale, EXPIRES_AT));
          expect(mail.text).toMatch(/UTC/);
          expect(mail.text).toContain("Ada Lovelace");
          expect(mail.html).not.toContain("<code");
        }
        if (template === "subscription-expiring") {
          expect(mail.subject).toMatch(/(^|\D)7(\D|$)/);
          expect(EMAIL_MESSAGES[locale][template].atExpiry).toMatch(/(^|\D)30(\D|$)/);
        }
        if (template === "subscription-expired") expectInBothParts(mail, localizedDateTime(locale, GRACE_ENDS_AT));
      });
    }
  }

  it("shows dates in the recipient's language and says UTC", () => {
    const expiring = (locale: string) =>
      renderEmail("subscription-expiring", locale, "a@example.com", DATA["subscription-expiring"]);
    const expired = (locale: string) =>
      renderEmail("subscription-expired", locale, "a@example.com", DATA["subscription-expired"]);
    expect(expiring("en").text).toMatch(/expires on December 3, 2026 at 2:05\sPM UTC\. Days left: 7\./);
    expect(expiring("de").text).toContain("läuft am 3. Dezember 2026 um 14:05 UTC ab. Verbleibende Tage: 7.");
    expect(expiring("fr").text).toContain("expire le 3 décembre 2026 à 14:05 UTC.");
    expect(expiring("ja").text).toContain("2026年12月3日 14:05（UTC）");
    expect(expiring("ja").subject).toBe(`「${SUBSCRIPTION}」の有効期限まであと 7 日です`);
    expect(expiring("zh").text).toContain("2026年12月3日 14:05（UTC）到期，还剩 7 天。");
    expect(expiring("ru").text).toContain("истекает 3 декабря 2026 г. в 14:05 (UTC). Осталось дней: 7.");
    expect(expired("en").text).toMatch(/until January 2, 2027 at 2:05\sPM UTC/);
    expect(expired("de").text).toContain("bis zum 2. Januar 2027 um 14:05 UTC");
    expect(expired("ru").text).toContain("до 2 января 2027 г. в 14:05 (UTC)");
    // Another offset is the same moment, shown in UTC.
    const shifted = renderEmail("subscription-expired", "en", "a@example.com", {
      ...DATA["subscription-expired"],
      expiresAt: "2026-12-03T16:05:00+02:00",
    });
    expect(shifted.text).toContain(`${localizedDateTime("en", EXPIRES_AT)} UTC`);
  });

  it("shows the number of licenses with the recipient's digit grouping", () => {
    const details = (locale: string) => renderEmail("registration-key", locale, "a@example.com", DATA["registration-key"]).text;
    expect(details("en")).toContain("Concurrent-user licenses: 1,500. Term: 1 year.");
    expect(details("de")).toContain("Lizenzen für gleichzeitige Benutzer: 1.500.");
    expect(details("fr")).toContain("Licences utilisateurs simultanés\u202f: 1\u202f500.");
    const one = renderEmail("registration-key", "en", "a@example.com", { ...DATA["registration-key"], licenses: "1" });
    expect(one.text).toContain("Concurrent-user licenses: 1. Term: 1 year.");
  });

  it("has the required wording in English", () => {
    const data = { ...DATA["registration-key"], productName: "Contoso Server" };
    const key = renderEmail("registration-key", "en", "a@example.com", data);
    expect(key.subject).toBe("Your Contoso Server subscription is ready to register");
    expect(key.text).toContain("sign in to License Portal (or create an account");
    expect(key.text).toContain(
      'choose the account the subscription should belong to, select "Register a subscription", and enter the key.',
    );
    expect(key.text).toContain(`Open License Portal\n${PORTAL_URL}`);
    expect(key.text).toContain("Keep this key private: anyone who has it can register the subscription to their account.");
    expect(key.text).toContain("\n\nHello,\n\n");

    const expiring = renderEmail("subscription-expiring", "en", "a@example.com", {
      ...DATA["subscription-expiring"],
      subscriptionName: "Acme Production",
    });
    expect(expiring.subject).toBe("Acme Production expires soon (days left: 7)");
    expect(expiring.text).toContain("the primary key keeps working for a 30-day grace period");
    expect(expiring.text).toContain("After the grace period, the licenses stop working.");
    expect(expiring.text).toContain("renew the subscription in License Portal or contact your reseller or sales contact.");
    expect(expiring.text).toContain(`View subscription\n${SUBSCRIPTION_URL}`);
    expect(expiring.text).toContain("\n\nHello Ada Lovelace,\n\n");

    const expired = renderEmail("subscription-expired", "en", "a@example.com", {
      ...DATA["subscription-expired"],
      subscriptionName: "Acme Production",
    });
    expect(expired.subject).toBe("Acme Production has expired");
    expect(expired.text).toContain("The primary key keeps working during a grace period until January 2, 2027");
    expect(expired.text).toContain("renew the subscription in License Portal or contact your reseller or sales contact.");
    expect(expired.text).toContain(`View subscription\n${SUBSCRIPTION_URL}`);
  });

  it("greets by name when a registration key mail has one", () => {
    const mail = renderEmail("registration-key", "fr", "a@example.com", { ...DATA["registration-key"], name: "Ada" });
    expect(mail.text).toContain("\n\nBonjour Ada,\n\n");
  });

  it("keeps the key out of the preview text and the title", () => {
    const mail = renderEmail("registration-key", "en", "a@example.com", DATA["registration-key"]);
    const preheader = mail.html.match(/<div style="display:none[^>]*>([^<]*)<\/div>/)?.[1] ?? "";
    expect(preheader).toContain("subscription has been issued for you");
    expect(preheader).not.toContain(escapeHtml(KEY));
    expect(mail.subject).not.toContain(KEY);
  });

  it("does not interpolate placeholders that arrive inside a value", () => {
    const key = "{{productName}} $t(common:footer)";
    const mail = renderEmail("registration-key", "en", "a@example.com", { ...DATA["registration-key"], key });
    expect(mail.text).toContain(`\n    ${key}\n`);
    const subscriptionName = "{{graceEndsAt}} $t(common:footer)";
    const expired = renderEmail("subscription-expired", "en", "a@example.com", {
      ...DATA["subscription-expired"],
      subscriptionName,
    });
    expect(expired.subject).toBe(`${subscriptionName} has expired`);
  });

  it("puts a multi-line value on one line", () => {
    const mail = renderEmail("registration-key", "en", "a@example.com", {
      ...DATA["registration-key"],
      key: "  7KQ2M-X4P9T\r\nBcc: x@example.com ",
    });
    expect(mail.text).toContain("\n    7KQ2M-X4P9T Bcc: x@example.com\n");
  });
});

describe("licensing emails: data errors", () => {
  for (const template of LICENSING_TEMPLATES) {
    for (const field of TEMPLATE_SPECS[template].requires) {
      it(`${template} without ${field} cannot be rendered`, () => {
        const { [field]: _omitted, ...missing } = DATA[template];
        expect(() => renderEmail(template, "en", "a@example.com", missing)).toThrow(EmailRenderError);
        expect(() => renderEmail(template, "en", "a@example.com", { ...DATA[template], [field]: " \n " })).toThrow(
          new RegExp(`needs data\\.${field}`),
        );
      });
    }
  }

  it("declares the fields the brief asks for", () => {
    expect(TEMPLATE_SPECS["registration-key"].requires).toEqual(["productName", "licenses", "term", "key", "url"]);
    expect(TEMPLATE_SPECS["subscription-expiring"].requires).toEqual([
      "subscriptionName",
      "productName",
      "expiresAt",
      "daysLeft",
      "url",
    ]);
    expect(TEMPLATE_SPECS["subscription-expiring"].dateTimes).toEqual(["expiresAt"]);
    expect(TEMPLATE_SPECS["subscription-expired"].requires).toEqual([
      "subscriptionName",
      "productName",
      "expiresAt",
      "graceEndsAt",
      "url",
    ]);
    expect(TEMPLATE_SPECS["subscription-expired"].dateTimes).toEqual(["expiresAt", "graceEndsAt"]);
  });

  it("refuses a date that is not an ISO-8601 date and time with an offset", () => {
    const bad = ["tomorrow", "2026-12-03", "2026-12-03T14:05:00", "2026-13-45T14:05:00Z", "1764770700000"];
    for (const value of bad) {
      for (const [template, field] of [
        ["subscription-expiring", "expiresAt"],
        ["subscription-expired", "expiresAt"],
        ["subscription-expired", "graceEndsAt"],
      ] as const) {
        expect(() => renderEmail(template, "en", "a@example.com", { ...DATA[template], [field]: value })).toThrow(
          new RegExp(`ISO-8601 date and time in data\\.${field}`),
        );
      }
    }
  });

  it("refuses a count that is not a whole number", () => {
    for (const value of ["seven", "7.5", "-1", "1,500", "1e3", "0x10"]) {
      expect(() =>
        renderEmail("subscription-expiring", "en", "a@example.com", { ...DATA["subscription-expiring"], daysLeft: value }),
      ).toThrow(/whole number in data\.daysLeft/);
      expect(() =>
        renderEmail("registration-key", "en", "a@example.com", { ...DATA["registration-key"], licenses: value }),
      ).toThrow(/whole number in data\.licenses/);
    }
  });

  it("refuses a link that is not an absolute http(s) URL", () => {
    for (const template of LICENSING_TEMPLATES) {
      for (const url of ["/subscriptions/sub_9", "javascript:alert(1)"]) {
        expect(() => renderEmail(template, "en", "a@example.com", { ...DATA[template], url })).toThrow(EmailRenderError);
      }
    }
  });
});

describe("layout: code blocks", () => {
  const content = {
    lang: "en",
    subject: "Subject",
    heading: "Heading",
    greeting: "Hello,",
    blocks: [
      { kind: "paragraph" as const, text: "Your key:" },
      { kind: "code" as const, text: `<script>alert("x")</script> & 'key'` },
    ],
    linkHint: "Hint",
    signature: "Team",
    footer: "Footer",
  };

  it("escapes code and shows it in a monospace <code> element in HTML", () => {
    const html = renderHtml(content);
    expect(html).toMatch(
      /<code style="font-family:[^"]*monospace[^"]*">&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &#39;key&#39;<\/code>/,
    );
    expect(html).not.toContain("<script");
  });

  it("indents code on a line of its own in text", () => {
    expect(renderText(content)).toContain(`Your key:\n\n    <script>alert("x")</script> & 'key'\n\nTeam`);
  });
});

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
