import { describe, expect, it } from "vitest";
import { type Locale, SUPPORTED_LOCALES } from "../../contracts/identity.ts";
import { EMAIL_TEMPLATES } from "../../src/modules/notifications/outbox.repo.ts";
import { escapeHtml } from "../../src/modules/notifications/templates/escape-html.ts";
import { EMAIL_MESSAGES } from "../../src/modules/notifications/templates/locales/index.ts";
import { EmailRenderError, renderEmail } from "../../src/modules/notifications/templates/render-email.ts";
import { TEMPLATE_SPECS } from "../../src/modules/notifications/templates/template-specs.ts";

const PRODUCT = "<b>Contoso Server</b> & Farms";
const SUBSCRIPTION = `Acme "Production" <2026>`;
const KEY_NAME = `Berlin <farms> & "DR"`;
const LIMIT = "12500";
const IN_USE = "13750";
const GRACE_ENDS_AT = "2026-12-10T14:05:00.000Z";
const FARMS_URL = "https://portal.example.com/accounts/acc_123/farms?key=key_9&x=1";

const OVERUSE_TEMPLATES = ["overuse-started", "overuse-grace-ending", "overuse-deactivated", "overuse-resolved"] as const;
type OveruseTemplate = (typeof OVERUSE_TEMPLATES)[number];
const WITH_GRACE_END: readonly OveruseTemplate[] = ["overuse-started", "overuse-grace-ending"];

const BASE = {
  name: "Ada Lovelace",
  productName: PRODUCT,
  subscriptionName: SUBSCRIPTION,
  keyName: KEY_NAME,
  limit: LIMIT,
  inUse: IN_USE,
  url: FARMS_URL,
};

const DATA: Record<OveruseTemplate, Record<string, string>> = {
  "overuse-started": { ...BASE, graceEndsAt: GRACE_ENDS_AT },
  "overuse-grace-ending": { ...BASE, graceEndsAt: GRACE_ENDS_AT },
  "overuse-deactivated": BASE,
  "overuse-resolved": BASE,
};

const intlLocale = (locale: Locale) => (locale === "zh" ? "zh-Hans" : locale);

function localizedDateTime(locale: Locale, iso: string): string {
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  return format.format(new Date(iso));
}

const localizedCount = (locale: Locale, value: string) => new Intl.NumberFormat(intlLocale(locale)).format(Number(value));

/** The parts of the text mail: the heading comes first, then the greeting; the body runs up to the signature. */
function textParts(text: string, signature: string) {
  const [heading = "", , ...rest] = text.split("\n\n");
  const body = rest.slice(0, rest.indexOf(signature)).join("\n\n");
  return { heading, body };
}

/** Both parts of a mail contain the value: raw in the text, escaped in the HTML. */
function expectInBothParts(mail: { text: string; html: string }, value: string) {
  expect(mail.text).toContain(value);
  expect(mail.html).toContain(escapeHtml(value));
}

describe("overuse emails in every locale", () => {
  it("are email templates", () => {
    for (const template of OVERUSE_TEMPLATES) expect(EMAIL_TEMPLATES).toContain(template);
  });

  for (const template of OVERUSE_TEMPLATES) {
    for (const locale of SUPPORTED_LOCALES) {
      it(`${template} / ${locale}`, () => {
        const data = DATA[template];
        const mail = renderEmail(template, locale, "ada@example.com", data);
        const common = EMAIL_MESSAGES[locale].common;
        const copy: Record<string, string> = EMAIL_MESSAGES[locale][template];
        const english = renderEmail(template, "en", "a@example.com", data);
        const { heading, body } = textParts(mail.text, common.signature);
        const limit = localizedCount(locale, LIMIT);
        const inUse = localizedCount(locale, IN_USE);

        // The key name in the subject, the heading and the body.
        expect(mail.subject).toContain(KEY_NAME);
        expect(heading).toContain(KEY_NAME);
        expect(mail.html).toMatch(new RegExp(`<h1 [^>]*>[^<]*${escapeRegExp(escapeHtml(KEY_NAME))}[^<]*</h1>`));
        expect(body).toContain(KEY_NAME);
        // The product and subscription in the body; numbers with the recipient's digit grouping.
        expect(body).toContain(PRODUCT);
        expect(body).toContain(SUBSCRIPTION);
        expect(limit).not.toBe(LIMIT);
        expect(body).toContain(limit);
        expect(body).toContain(inUse);
        expectInBothParts(mail, limit);
        expectInBothParts(mail, inUse);
        expect(body).not.toMatch(/\b12500\b|\b13750\b/);

        // The end of the grace period, in the recipient's language, in UTC.
        const graceEnd = localizedDateTime(locale, GRACE_ENDS_AT);
        if (WITH_GRACE_END.includes(template)) {
          expect(body).toContain(graceEnd);
          expectInBothParts(mail, graceEnd);
          expect(body).toMatch(/UTC/);
        } else {
          expect(mail.text).not.toContain(graceEnd);
        }

        // Every value raw in the text, escaped in the HTML, never as markup.
        for (const value of [KEY_NAME, PRODUCT, SUBSCRIPTION]) expectInBothParts(mail, value);
        expect(mail.html).toContain("Berlin &lt;farms&gt; &amp; &quot;DR&quot;");
        expect(mail.html).not.toContain("<b>");
        expect(mail.html).not.toContain("<farms>");
        expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
        expect(mail.html).toContain(`<html lang="${locale}"`);
        expect(mail.html).not.toContain("<code");

        // No placeholder left; the subject on one line; the copy of this locale.
        expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/\{\{|\}\}/);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        if (locale !== "en") {
          expect(mail.subject).not.toBe(english.subject);
          expect(mail.text).not.toBe(english.text);
        }

        // Greeting by name, the button and the plain link to Manage Farms, the note on who gets this.
        expect(mail.text).toContain(`\n\n${common.greeting.replace("{{name}}", "Ada Lovelace")}\n\n`);
        expect(mail.text).toContain(`${copy.action}\n${FARMS_URL}\n`);
        expect(mail.html.split(`href="${escapeHtml(FARMS_URL)}"`)).toHaveLength(3);
        expect(mail.html).toContain(`>${escapeHtml(copy.action ?? "")}</a>`);
        expect(body).toContain(copy.outro);
        expect(body.indexOf(copy.action ?? "")).toBeLessThan(body.indexOf(copy.outro ?? ""));
      });
    }
  }

  it("says in every language that the grace period is 7 days", () => {
    for (const locale of SUPPORTED_LOCALES) {
      const copy = EMAIL_MESSAGES[locale]["overuse-started"];
      expect(copy.subject, locale).toMatch(/(^|\D)7(\D|$)/);
      expect(copy.grace, locale).toMatch(/(^|\D)7(\D|$)/);
    }
  });

  it("names the recipients' roles as the rest of the product does", () => {
    const roles: Record<Locale, [string, string]> = {
      en: ["Account Administrator", "License Administrator"],
      de: ["Kontoadministrator", "Lizenzadministrator"],
      fr: ["administrateur du compte", "administrateur de licences"],
      es: ["administrador de la cuenta", "administrador de licencias"],
      it: ["amministratore dell’account", "amministratore delle licenze"],
      ja: ["アカウント管理者", "ライセンス管理者"],
      zh: ["账户管理员", "许可证管理员"],
      ru: ["администратор учётной записи", "администратор лицензий"],
    };
    for (const template of OVERUSE_TEMPLATES) {
      for (const locale of SUPPORTED_LOCALES) {
        for (const role of roles[locale]) expect(EMAIL_MESSAGES[locale][template].outro, `${template} ${locale}`).toContain(role);
      }
    }
  });

  it("shows the date in the recipient's language and says UTC", () => {
    const started = (locale: string) => renderEmail("overuse-started", locale, "a@example.com", DATA["overuse-started"]).text;
    const ending = (locale: string) =>
      renderEmail("overuse-grace-ending", locale, "a@example.com", DATA["overuse-grace-ending"]).text;
    expect(started("en")).toMatch(/It ends on December 10, 2026 at 2:05\sPM UTC\./);
    expect(started("de")).toContain("Sie endet am 10. Dezember 2026 um 14:05 UTC.");
    expect(started("fr")).toContain("Elle prend fin le 10 décembre 2026 à 14:05 UTC.");
    expect(started("es")).toContain("Termina el 10 de diciembre de 2026 a las 14:05 (UTC).");
    expect(started("ja")).toContain("2026年12月10日 14:05（UTC）に終了します");
    expect(started("zh")).toContain("2026年12月10日 14:05（UTC）结束");
    expect(started("ru")).toContain("Он закончится 10 декабря 2026 г. в 14:05 (UTC).");
    expect(ending("en")).toMatch(/The grace period ends within a day, on December 10, 2026 at 2:05\sPM UTC\./);
    expect(ending("it")).toContain("il 10 dicembre 2026 alle ore 14:05 (UTC)");
    // Another offset is the same moment, shown in UTC.
    const shifted = renderEmail("overuse-started", "en", "a@example.com", {
      ...DATA["overuse-started"],
      graceEndsAt: "2026-12-10T16:05:00+02:00",
    });
    expect(shifted.text).toContain(`${localizedDateTime("en", GRACE_ENDS_AT)} UTC`);
  });

  it("shows the numbers with the recipient's digit grouping", () => {
    const intro = (locale: string) => renderEmail("overuse-started", locale, "a@example.com", DATA["overuse-started"]).text;
    expect(intro("en")).toContain("Licensed concurrent users: 12,500. Current concurrent users: 13,750.");
    expect(intro("de")).toContain("Lizenzierte gleichzeitige Benutzer: 12.500. Aktuelle gleichzeitige Benutzer: 13.750.");
    expect(intro("fr")).toContain("Utilisateurs simultanés sous licence\u202f: 12\u202f500.");
    expect(intro("ja")).toContain("ライセンスされた同時ユーザー数：12,500、現在の同時ユーザー数：13,750。");
    const small = renderEmail("overuse-resolved", "en", "a@example.com", { ...BASE, limit: "1", inUse: "0" });
    expect(small.text).toContain("Licensed concurrent users: 1. Current concurrent users: 0.");
  });

  it("has the required wording in English", () => {
    const data = { ...BASE, productName: "Contoso Server", subscriptionName: "Acme Production", keyName: "Berlin" };
    const grace = { ...data, graceEndsAt: GRACE_ENDS_AT };

    const started = renderEmail("overuse-started", "en", "a@example.com", grace);
    expect(started.subject).toBe("Berlin is over its license limit: 7-day grace period started");
    expect(started.text).toContain(
      "The farms using license key Berlin of your Contoso Server subscription Acme Production have more concurrent users than the key is licensed for.",
    );
    expect(started.text).toContain("A 7-day grace period has started");
    expect(started.text).toContain(
      "the farms over the limit will be temporarily deactivated until usage is back at or under the limit.",
    );
    expect(started.text).toContain("add licenses to the key or reduce the number of concurrent users on its farms.");
    expect(started.text).toContain(`Manage farms\n${FARMS_URL}`);
    expect(started.text).toContain("\n\nHello Ada Lovelace,\n\n");
    expect(started.text).toContain("as an Account Administrator of the account or a License Administrator of this key.");

    const ending = renderEmail("overuse-grace-ending", "en", "a@example.com", grace);
    expect(ending.subject).toBe("Berlin is still over its license limit: grace period ends soon");
    expect(ending.text).toContain(
      "Unless licenses are added by then, the farms still over the limit will be temporarily deactivated",
    );
    expect(ending.text).toContain("their users will not be able to list or use published resources");

    const deactivated = renderEmail("overuse-deactivated", "en", "a@example.com", data);
    expect(deactivated.subject).toBe("Berlin: farms over the license limit are deactivated");
    expect(deactivated.text).toContain("The grace period for license key Berlin");
    expect(deactivated.text).toContain(
      "The farms over the limit are now temporarily deactivated: their users cannot list or use published resources.",
    );
    expect(deactivated.text).toContain("as soon as usage is back at or under the limit, or once licenses are added to the key.");

    const resolved = renderEmail("overuse-resolved", "en", "a@example.com", data);
    expect(resolved.subject).toBe("Berlin is back within its license limit");
    expect(resolved.text).toContain("are back at or under the key's limit.");
    expect(resolved.text).toContain("The farms work normally; no action is needed.");
  });

  it("greets without a name when none is given", () => {
    const { name: _name, ...data } = DATA["overuse-deactivated"];
    const mail = renderEmail("overuse-deactivated", "de", "a@example.com", data);
    expect(mail.text).toContain(`\n\n${EMAIL_MESSAGES.de.common.greetingNoName}\n\n`);
  });

  it("leaves out a grace end given to a template that does not use it", () => {
    for (const template of ["overuse-deactivated", "overuse-resolved"] as const) {
      const mail = renderEmail(template, "en", "a@example.com", { ...BASE, graceEndsAt: GRACE_ENDS_AT });
      expect(mail.text).not.toContain("December 10, 2026");
    }
  });

  it("does not interpolate placeholders that arrive inside a value", () => {
    const keyName = "{{graceEndsAt}} $t(common:footer)";
    const mail = renderEmail("overuse-started", "en", "a@example.com", { ...DATA["overuse-started"], keyName });
    expect(mail.subject).toBe(`${keyName} is over its license limit: 7-day grace period started`);
    expect(mail.text).toContain(`license key ${keyName} of your`);
  });

  it("puts a multi-line value on one line", () => {
    const mail = renderEmail("overuse-resolved", "en", "a@example.com", {
      ...DATA["overuse-resolved"],
      keyName: "Berlin\r\nBcc: x@example.com  ",
    });
    expect(mail.subject).toBe("Berlin Bcc: x@example.com is back within its license limit");
  });
});

describe("overuse emails: data errors (the worker marks such a message dead)", () => {
  for (const template of OVERUSE_TEMPLATES) {
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
    const common = ["productName", "subscriptionName", "keyName", "limit", "inUse"];
    for (const template of WITH_GRACE_END) {
      expect(TEMPLATE_SPECS[template].requires).toEqual([...common, "graceEndsAt", "url"]);
      expect(TEMPLATE_SPECS[template].dateTimes).toEqual(["graceEndsAt"]);
      expect(TEMPLATE_SPECS[template].counts).toEqual(["limit", "inUse"]);
    }
    for (const template of ["overuse-deactivated", "overuse-resolved"] as const) {
      expect(TEMPLATE_SPECS[template].requires).toEqual([...common, "url"]);
      expect(TEMPLATE_SPECS[template].dateTimes).toBeUndefined();
      expect(TEMPLATE_SPECS[template].counts).toEqual(["limit", "inUse"]);
    }
  });

  it("refuses a grace end that is not an ISO-8601 date and time with an offset", () => {
    for (const graceEndsAt of ["tomorrow", "2026-12-10", "2026-12-10T14:05:00", "2026-13-45T14:05:00Z", "1765375500000"]) {
      for (const template of WITH_GRACE_END) {
        expect(() => renderEmail(template, "en", "a@example.com", { ...DATA[template], graceEndsAt })).toThrow(
          /ISO-8601 date and time in data\.graceEndsAt/,
        );
      }
    }
  });

  it("refuses a count that is not a whole number", () => {
    for (const value of ["many", "7.5", "-1", "1,500", "1e3", "0x10"]) {
      for (const template of OVERUSE_TEMPLATES) {
        for (const field of ["limit", "inUse"]) {
          expect(() => renderEmail(template, "en", "a@example.com", { ...DATA[template], [field]: value })).toThrow(
            new RegExp(`whole number in data\\.${field}`),
          );
        }
      }
    }
  });

  it("refuses a link that is not an absolute http(s) URL", () => {
    for (const template of OVERUSE_TEMPLATES) {
      for (const url of ["/accounts/acc_123/farms", "javascript:alert(1)"]) {
        expect(() => renderEmail(template, "en", "a@example.com", { ...DATA[template], url })).toThrow(EmailRenderError);
      }
    }
  });
});

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
