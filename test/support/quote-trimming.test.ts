import { describe, expect, it } from "vitest";
import { REPLY_ABOVE_MARKER, trimQuotedReply } from "../../src/modules/support/inbound/quote-trimming.ts";

/** Samples modelled on what the clients really send as text/plain (line breaks as they wrap). */
describe("trimQuotedReply", () => {
  it("cuts Gmail's wrapped 'On … wrote:' header and the quote under it", () => {
    const reply = [
      "Thanks, the farm checks in again after the restart.",
      "",
      "Ada",
      "",
      "On Thu, Nov 26, 2026 at 10:04 AM License Portal Support <",
      "ticket+0c6a8f2e-1d2b-4c3d-8e9f-0a1b2c3d4e5f.0123456789abcdef@support.example.com> wrote:",
      "",
      "> Please restart the service and tell us whether the farm checks in.",
      ">",
      "> Kind regards",
    ].join("\r\n");
    expect(trimQuotedReply(reply)).toBe("Thanks, the farm checks in again after the restart.\n\nAda");
  });

  it("cuts Outlook's underscore line and From/Sent block", () => {
    const reply = [
      "Hello,",
      "",
      "the log is attached.",
      "",
      "Best regards",
      "Grace Hopper",
      "",
      "________________________________",
      "From: License Portal <support@license-portal.example>",
      "Sent: Thursday, November 26, 2026 10:04 AM",
      "To: Grace Hopper <grace@example.com>",
      "Subject: [SR-7KQ2MX4P] Farm does not check in",
      "",
      "Please send us the log of the last start.",
    ].join("\r\n");
    expect(trimQuotedReply(reply)).toBe("Hello,\n\nthe log is attached.\n\nBest regards\nGrace Hopper");
  });

  it("cuts Outlook's -----Original Message----- separator", () => {
    const reply = "Works now.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nTry again.";
    expect(trimQuotedReply(reply)).toBe("Works now.");
  });

  it("cuts Apple Mail's header and drops the mobile footer", () => {
    const reply = [
      "Yes, version 4.2.1.",
      "",
      "Sent from my iPhone",
      "",
      "> On 26 Nov 2026, at 10:04, License Portal Support <support@license-portal.example> wrote:",
      "> ",
      "> Which version is installed?",
    ].join("\n");
    expect(trimQuotedReply(reply)).toBe("Yes, version 4.2.1.");
  });

  it("cuts Thunderbird's header (no address, a date) and the signature delimiter", () => {
    const reply = [
      "The certificate was renewed yesterday.",
      "",
      "-- ",
      "Grace Hopper | Example Ltd",
      "",
      "On 26/11/2026 10:04, License Portal Support wrote:",
      "> Has the certificate been renewed?",
    ].join("\n");
    expect(trimQuotedReply(reply)).toBe("The certificate was renewed yesterday.");
  });

  it("cuts a German client's header (Am … schrieb …:) and 'Von meinem iPhone gesendet'", () => {
    const reply = [
      "Danke, das Problem ist behoben.",
      "",
      "Von meinem iPhone gesendet",
      "",
      "Am 26.11.2026 um 10:04 schrieb License Portal Support <support@license-portal.example>:",
      "",
      "> Bitte starten Sie den Dienst neu.",
    ].join("\n");
    expect(trimQuotedReply(reply)).toBe("Danke, das Problem ist behoben.");
  });

  it("cuts a German Outlook block (Von:/Gesendet:)", () => {
    const reply =
      "Anbei das Protokoll.\n\nVon: Support <support@x.example>\nGesendet: Donnerstag, 26. November 2026 10:04\nAn: Max\nBetreff: Farm\n\nBitte Protokoll senden.";
    expect(trimQuotedReply(reply)).toBe("Anbei das Protokoll.");
  });

  it("cuts Japanese headers (Gmail without a verb, Apple Mail のメール, Outlook 差出人/送信日時)", () => {
    const gmail =
      "ありがとうございます。解決しました。\n\n2026年11月26日(木) 10:04 License Portal Support <support@license-portal.example>:\n\n> サービスを再起動してください。";
    expect(trimQuotedReply(gmail)).toBe("ありがとうございます。解決しました。");
    const apple =
      "了解しました。\n\n2026/11/26 10:04、License Portal Support <support@license-portal.example>のメール:\n\n> ご確認ください。";
    expect(trimQuotedReply(apple)).toBe("了解しました。");
    const outlook =
      "ログを添付します。\n\n差出人: License Portal <support@license-portal.example>\n送信日時: 2026年11月26日 10:04\n宛先: 山田太郎\n\nログを送ってください。";
    expect(trimQuotedReply(outlook)).toBe("ログを添付します。");
  });

  it("cuts French, Spanish, Italian, Russian and Chinese headers", () => {
    const samples: [string, string][] = [
      ["Merci.", "Le jeu. 26 nov. 2026 à 10:04, Support <support@x.example> a écrit :"],
      ["Gracias.", "El jue, 26 nov 2026 a las 10:04, Support (<support@x.example>) escribió:"],
      ["Grazie.", "Il giorno gio 26 nov 2026 alle ore 10:04 Support <support@x.example> ha scritto:"],
      ["Спасибо.", "26 нояб. 2026 г., в 10:04, Support <support@x.example> написал(а):"],
      ["谢谢。", "在 2026年11月26日 10:04，Support <support@x.example> 写道："],
    ];
    for (const [answer, header] of samples) {
      expect(trimQuotedReply(`${answer}\n\n${header}\n\n> quoted`)).toBe(answer);
    }
  });

  it("keeps interleaved answers with their quoted questions", () => {
    const reply = "> Which version?\n4.2.1\n\n> Which platform?\nWindows Server 2022\n\nGrace";
    expect(trimQuotedReply(reply)).toBe(reply);
  });

  it("cuts at our own marker line", () => {
    const reply = `Done.\n\n${REPLY_ABOVE_MARKER}\n\nYour ticket SR-7KQ2MX4P has a new reply.`;
    expect(trimQuotedReply(reply)).toBe("Done.");
  });

  it("does not take an ordinary sentence ending in 'wrote:' for a header", () => {
    const reply = "On reflection, here is what I wrote:\nthe key was entered twice.";
    expect(trimQuotedReply(reply)).toBe(reply);
  });

  it("keeps the whole text when everything would be cut (a reply that is all quote)", () => {
    const reply = "> Please restart the service.\n> Kind regards";
    expect(trimQuotedReply(reply)).toBe(reply);
    expect(trimQuotedReply("")).toBe("");
  });
});
