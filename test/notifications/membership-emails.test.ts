import { describe, expect, it } from "vitest";
import { type Locale, SUPPORTED_LOCALES } from "../../contracts/identity.ts";
import { EMAIL_TEMPLATES, type EmailTemplate } from "../../src/modules/notifications/outbox.repo.ts";
import { escapeHtml } from "../../src/modules/notifications/templates/escape-html.ts";
import { EMAIL_MESSAGES } from "../../src/modules/notifications/templates/locales/index.ts";
import { EmailRenderError, renderEmail } from "../../src/modules/notifications/templates/render-email.ts";
import { TEMPLATE_SPECS } from "../../src/modules/notifications/templates/template-specs.ts";

const ACCOUNT = "<b>Acme & Co</b>";
const INVITER = `Grace "Admin" O'Hara`;
// The invitation token travels in the #fragment (contracts/invitations.ts).
const JOIN_URL = "https://portal.example.com/join#token=abcdefghijklmnopqrstuvwxyz&x=1";
const ACCOUNT_URL = "https://portal.example.com/accounts/acc_123?tab=overview&x=1";
const EXPIRES_AT = "2026-12-03T14:05:00.000Z";

const MEMBERSHIP_TEMPLATES = ["invitation", "membership-blocked", "membership-restored", "membership-removed"] as const;

const DATA: Record<(typeof MEMBERSHIP_TEMPLATES)[number], Record<string, string>> = {
  invitation: { accountName: ACCOUNT, inviterName: INVITER, url: JOIN_URL, expiresAt: EXPIRES_AT },
  "membership-blocked": { name: "Ada Lovelace", accountName: ACCOUNT },
  "membership-restored": { name: "Ada Lovelace", accountName: ACCOUNT, url: ACCOUNT_URL },
  "membership-removed": { name: "Ada Lovelace", accountName: ACCOUNT },
};

function localizedExpiry(locale: Locale): string {
  const intlLocale = locale === "zh" ? "zh-Hans" : locale;
  const format = new Intl.DateTimeFormat(intlLocale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  return format.format(new Date(EXPIRES_AT));
}

const placeholders = (copy: string) => [...copy.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((match) => match[1]).sort();

describe("membership emails in every locale", () => {
  for (const template of MEMBERSHIP_TEMPLATES) {
    for (const locale of SUPPORTED_LOCALES) {
      it(`${template} / ${locale}`, () => {
        const mail = renderEmail(template, locale, "ada@example.com", DATA[template]);
        const common = EMAIL_MESSAGES[locale].common;

        // The account name: raw in the subject and the text, escaped in the HTML.
        expect(mail.subject).toContain(ACCOUNT);
        expect(mail.text).toContain(ACCOUNT);
        expect(mail.html).toContain(escapeHtml(ACCOUNT));
        expect(mail.html).toContain("&lt;b&gt;Acme &amp; Co&lt;/b&gt;");
        expect(mail.html).not.toContain("<b>");
        expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
        expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/\{\{|\}\}/);
        if (locale !== "en") expect(mail.subject).not.toBe(renderEmail(template, "en", "a@example.com", DATA[template]).subject);

        if (template === "invitation") {
          expect(mail.subject).toContain(INVITER);
          expect(mail.text).toContain(INVITER);
          expect(mail.html).toContain(escapeHtml(INVITER));
          expect(mail.text).toContain(`\n${JOIN_URL}\n`);
          expect(mail.html).toContain(`href="${escapeHtml(JOIN_URL)}"`);
          const expiry = localizedExpiry(locale);
          expect(mail.text).toContain(expiry);
          expect(mail.html).toContain(escapeHtml(expiry));
          expect(mail.text).toMatch(/UTC/);
          // No name given: the greeting without one.
          expect(mail.text).toContain(`\n\n${common.greetingNoName}\n\n`);
        } else {
          expect(mail.text).toContain("Ada Lovelace");
        }
        if (template === "membership-restored") {
          expect(mail.text).toContain(`\n${ACCOUNT_URL}\n`);
          expect(mail.html.split(`href="${escapeHtml(ACCOUNT_URL)}"`)).toHaveLength(3);
        }
        if (template === "membership-blocked" || template === "membership-removed") expect(mail.html).not.toContain("<a ");
      });
    }
  }

  it("renders the expiry in the recipient's language and says UTC", () => {
    const render = (locale: string) => renderEmail("invitation", locale, "a@example.com", DATA.invitation).text;
    expect(render("en")).toContain(`This invitation expires on ${localizedExpiry("en")} UTC.`);
    expect(render("en")).toMatch(/December 3, 2026 at 2:05\sPM UTC/);
    expect(render("de")).toContain("Diese Einladung läuft am 3. Dezember 2026 um 14:05 UTC ab.");
    expect(render("fr")).toContain("3 décembre 2026 à 14:05 UTC");
    expect(render("ja")).toContain("2026年12月3日 14:05（UTC）");
    expect(render("zh")).toContain("2026年12月3日 14:05（UTC）");
    expect(render("ru")).toContain("3 декабря 2026 г. в 14:05 (UTC)");
    // Another offset is the same moment, shown in UTC.
    const shifted = renderEmail("invitation", "en", "a@example.com", {
      ...DATA.invitation,
      expiresAt: "2026-12-03T16:05:00+02:00",
    });
    expect(shifted.text).toContain(`${localizedExpiry("en")} UTC`);
  });

  it("has the required wording in English", () => {
    const invitation = renderEmail("invitation", "en", "a@example.com", { ...DATA.invitation, accountName: "Acme" });
    expect(invitation.subject).toBe(`${INVITER} invited you to join Acme on License Portal`);
    expect(invitation.text).toContain("Regular Member of Acme");
    expect(invitation.text).toContain("If you don't have a License Portal account yet, you create one while joining.");
    expect(invitation.text).toContain(`Join account\n${JOIN_URL}`);
    expect(invitation.text).toContain("If you weren't expecting this invitation, you can ignore this email.");
    const blocked = renderEmail("membership-blocked", "en", "a@example.com", { accountName: "Acme" }).text;
    expect(blocked).toContain("Your membership is kept");
    expect(blocked).toContain("If you think this is a mistake, please contact the administrators of Acme.");
    expect(blocked).toContain("\n\nHello,\n\n");
    expect(renderEmail("membership-restored", "en", "a@example.com", DATA["membership-restored"]).text).toContain("same role");
    expect(renderEmail("membership-removed", "en", "a@example.com", DATA["membership-removed"]).text).toContain(
      "can invite you again",
    );
  });

  it("greets by name when an invitation has one", () => {
    const mail = renderEmail("invitation", "de", "a@example.com", { ...DATA.invitation, name: "Ada" });
    expect(mail.text).toContain("\n\nHallo Ada,\n\n");
  });

  it("does not interpolate placeholders that arrive inside a value", () => {
    const accountName = "{{inviterName}} $t(common:footer)";
    const mail = renderEmail("membership-removed", "en", "a@example.com", { accountName });
    expect(mail.subject).toContain(accountName);
    expect(mail.text).toContain(`business account ${accountName} on License Portal`);
  });

  it("puts a multi-line value on one line", () => {
    const mail = renderEmail("membership-blocked", "en", "a@example.com", { accountName: "Acme\r\nBcc: x@example.com  " });
    expect(mail.subject).toBe("Your access to Acme Bcc: x@example.com on License Portal was blocked");
    expect(mail.text).toContain("business account Acme Bcc: x@example.com have");
  });
});

describe("membership emails: data errors", () => {
  for (const template of MEMBERSHIP_TEMPLATES) {
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
    expect(TEMPLATE_SPECS.invitation.requires).toEqual(["accountName", "inviterName", "url", "expiresAt"]);
    expect(TEMPLATE_SPECS["membership-blocked"].requires).toEqual(["accountName"]);
    expect(TEMPLATE_SPECS["membership-restored"].requires).toEqual(["accountName", "url"]);
    expect(TEMPLATE_SPECS["membership-removed"].requires).toEqual(["accountName"]);
  });

  it("refuses an expiry that is not an ISO-8601 date and time with an offset", () => {
    for (const expiresAt of ["tomorrow", "2026-12-03", "2026-12-03T14:05:00", "2026-13-45T14:05:00Z", "1764770700000"]) {
      expect(() => renderEmail("invitation", "en", "a@example.com", { ...DATA.invitation, expiresAt })).toThrow(
        /ISO-8601 date and time in data\.expiresAt/,
      );
    }
  });

  it("refuses a join link that is not an absolute http(s) URL", () => {
    for (const url of ["/join#token=abc", "javascript:alert(1)"]) {
      expect(() => renderEmail("invitation", "en", "a@example.com", { ...DATA.invitation, url })).toThrow(EmailRenderError);
    }
  });

  it("leaves the link out of blocked and removed even when one is given", () => {
    for (const template of ["membership-blocked", "membership-removed"] as const) {
      const mail = renderEmail(template, "en", "a@example.com", { ...DATA[template], url: ACCOUNT_URL });
      expect(mail.text).not.toContain(ACCOUNT_URL);
      expect(mail.html).not.toContain("<a ");
    }
  });
});

describe("email copy placeholders", () => {
  const templates: readonly EmailTemplate[] = EMAIL_TEMPLATES;
  for (const template of templates) {
    it(`${template}: every locale uses the English placeholders, and only required fields`, () => {
      const allowed = new Set<string>(TEMPLATE_SPECS[template].requires);
      const english: Record<string, string> = EMAIL_MESSAGES.en[template];
      for (const locale of SUPPORTED_LOCALES) {
        const copy: Record<string, string> = EMAIL_MESSAGES[locale][template];
        expect(Object.keys(copy).sort()).toEqual(Object.keys(english).sort());
        for (const [key, text] of Object.entries(copy)) {
          expect(placeholders(text), `${locale} ${template}.${key}`).toEqual(placeholders(english[key] ?? ""));
          for (const field of placeholders(text)) expect(allowed, `${locale} ${template}.${key}`).toContain(field);
          expect(text, `${locale} ${template}.${key}`).not.toMatch(/^\s|\s$/);
        }
        // The product name stays untranslated wherever English names it.
        if (Object.values(english).some((text) => text.includes("License Portal"))) {
          expect(Object.values(copy).some((text) => text.includes("License Portal"))).toBe(true);
        }
      }
    });
  }
});
