import type { IdentityMessages } from "./en.ts";

export const de: IdentityMessages = {
  common: {
    greeting: "Hallo {{name}},",
    greetingNoName: "Hallo,",
    linkHint: "Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:",
    signature: "Ihr License-Portal-Team",
    footer: "Dies ist eine automatische Nachricht von License Portal. Antworten an diese Adresse werden nicht gelesen.",
  },
  "verify-email": {
    subject: "Bestätigen Sie Ihre E-Mail-Adresse",
    heading: "Bestätigen Sie Ihre E-Mail-Adresse",
    intro:
      "Vielen Dank für Ihre Registrierung bei License Portal. Bitte bestätigen Sie, dass dies Ihre E-Mail-Adresse ist, um Ihr Konto zu aktivieren.",
    action: "E-Mail-Adresse bestätigen",
    outro: "Wenn Sie kein Konto bei License Portal erstellt haben, können Sie diese E-Mail ignorieren.",
  },
  "reset-password": {
    subject: "Setzen Sie Ihr Passwort für License Portal zurück",
    heading: "Passwort zurücksetzen",
    intro:
      "Wir haben eine Anfrage erhalten, das Passwort für Ihr Konto bei License Portal zurückzusetzen. Über die Schaltfläche unten können Sie ein neues Passwort festlegen.",
    action: "Passwort zurücksetzen",
    outro:
      "Dieser Link ist 1 Stunde lang gültig. Wenn Sie das Zurücksetzen nicht angefordert haben, können Sie diese E-Mail ignorieren; Ihr Passwort bleibt unverändert.",
  },
  welcome: {
    subject: "Willkommen bei License Portal",
    heading: "Willkommen bei License Portal",
    intro:
      "Ihre E-Mail-Adresse ist bestätigt und Ihr Konto ist einsatzbereit. In Ihrem Dashboard verwalten Sie Ihre Lizenzen und Kontoeinstellungen.",
    action: "Zum Dashboard",
    outro: "Schön, dass Sie dabei sind.",
  },
  "password-changed": {
    subject: "Ihr Passwort für License Portal wurde geändert",
    heading: "Ihr Passwort wurde geändert",
    intro:
      "Das Passwort für Ihr Konto bei License Portal wurde soeben geändert. Wenn Sie diese Änderung selbst vorgenommen haben, müssen Sie nichts weiter tun.",
    action: "Passwort zurücksetzen",
    outro: "Falls Sie das nicht waren, setzen Sie Ihr Passwort umgehend zurück, um Ihr Konto zu schützen.",
  },
};
