import type { LicensingMessages } from "./en.ts";

export const licensingDe: LicensingMessages = {
  "registration-key": {
    subject: "Ihr Abonnement für {{productName}} ist bereit zur Registrierung",
    heading: "Registrieren Sie Ihr Abonnement für {{productName}}",
    intro: "Für Sie wurde ein Abonnement für {{productName}} ausgestellt, das Sie jetzt bei License Portal registrieren können.",
    details: "Lizenzen für gleichzeitige Benutzer: {{licenses}}. Laufzeit: {{term}}.",
    keyLabel: "Ihr Registrierungsschlüssel:",
    steps:
      "Um das Abonnement zu registrieren, melden Sie sich bei License Portal an (oder erstellen Sie ein Konto, falls Sie noch keines haben), wählen Sie das Konto, zu dem das Abonnement gehören soll, klicken Sie auf „Abonnement registrieren“ und geben Sie den Schlüssel ein.",
    action: "License Portal öffnen",
    keepPrivate:
      "Halten Sie diesen Schlüssel geheim: Jeder, der ihn kennt, kann das Abonnement in seinem eigenen Konto registrieren.",
  },
  "subscription-expiring": {
    subject: "{{subscriptionName}} läuft bald ab (verbleibende Tage: {{daysLeft}})",
    heading: "{{subscriptionName}} läuft bald ab",
    intro:
      "Ihr Abonnement {{subscriptionName}} für {{productName}} läuft am {{expiresAt}} UTC ab. Verbleibende Tage: {{daysLeft}}.",
    atExpiry:
      "Nach dem Ablauf funktioniert der Primärschlüssel während einer Kulanzfrist von 30 Tagen weiter; zusätzliche Lizenzschlüssel funktionieren ab dem Ablauf nicht mehr. Nach der Kulanzfrist funktionieren die Lizenzen nicht mehr.",
    renew:
      "Um {{productName}} ohne Unterbrechung weiter zu nutzen, verlängern Sie das Abonnement bei License Portal oder wenden Sie sich an Ihren Händler bzw. Ihren Ansprechpartner im Vertrieb.",
    action: "Abonnement anzeigen",
    outro: "Falls Sie dieses Abonnement bereits verlängert haben, können Sie diese E-Mail ignorieren.",
  },
  "subscription-expired": {
    subject: "{{subscriptionName}} ist abgelaufen",
    heading: "{{subscriptionName}} ist abgelaufen",
    intro: "Ihr Abonnement {{subscriptionName}} für {{productName}} ist am {{expiresAt}} UTC abgelaufen.",
    grace:
      "Während einer Kulanzfrist funktioniert der Primärschlüssel noch bis zum {{graceEndsAt}} UTC; zusätzliche Lizenzschlüssel funktionieren bereits nicht mehr. Nach der Kulanzfrist funktionieren die Lizenzen nicht mehr.",
    renew:
      "Um {{productName}} weiter zu nutzen, verlängern Sie das Abonnement bei License Portal oder wenden Sie sich an Ihren Händler bzw. Ihren Ansprechpartner im Vertrieb.",
    action: "Abonnement anzeigen",
    outro: "Falls Sie dieses Abonnement bereits verlängert haben, können Sie diese E-Mail ignorieren.",
  },
};
