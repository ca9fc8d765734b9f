import type { StoreMessages } from "./en.ts";

export const storeDe: StoreMessages = {
  "order-paid": {
    subject: "Bestellung {{orderReference}} ist bezahlt: {{subscriptionName}} ist bereit",
    heading: "Vielen Dank für Ihre Bestellung",
    intro:
      "Wir haben Ihre Zahlung über {{amount}} für die Bestellung {{orderReference}} erhalten. Ihr Abonnement {{subscriptionName}} für {{productName}} steht in License Portal bereit. Lizenzen: {{licenses}}.",
    renewal: "Das Abonnement verlängert sich automatisch am {{renewsAt}} UTC.",
    keys: "Den Primärschlüssel finden Sie in den Details des Abonnements. Dort können Sie auch weitere Schlüssel für Ihre Farmen erstellen.",
    action: "Abonnement öffnen",
    outro: "Die Rechnung finden Sie bei der Bestellung in License Portal.",
  },
  "upgrade-paid": {
    subject: "Lizenzen zu {{subscriptionName}} hinzugefügt",
    heading: "Ihre neuen Lizenzen sind bereit",
    intro:
      "Wir haben Ihre Zahlung über {{amount}} für die Bestellung {{orderReference}} erhalten. Die gekauften Lizenzen wurden Ihrem Abonnement {{subscriptionName}} hinzugefügt und können ab sofort genutzt werden.",
    total: "Lizenzen insgesamt: {{licenses}}.",
    action: "Abonnement öffnen",
    outro: "Die Rechnung finden Sie bei der Bestellung in License Portal.",
  },
  "bank-transfer-instructions": {
    subject: "Zahlungsanweisungen für die Bestellung {{orderReference}}",
    heading: "Per Banküberweisung bezahlen",
    intro: "Vielen Dank für Ihre Bestellung {{orderReference}}. Bitte überweisen Sie {{amount}} auf dieses Konto:",
    reference: "Geben Sie im Verwendungszweck die Bestellnummer {{orderReference}} an, damit wir Ihre Zahlung zuordnen können.",
    release:
      "Vor dem Zahlungseingang wird nichts bereitgestellt: Ihre Lizenzen stehen zur Verfügung, sobald die Zahlung bei uns eingegangen ist, und wir benachrichtigen Sie dann per E-Mail.",
    action: "Bestellung ansehen",
    outro: "Wenn Sie bereits bezahlt haben, können Sie diese E-Mail ignorieren.",
  },
  "renewal-succeeded": {
    subject: "{{subscriptionName}} wurde verlängert",
    heading: "Ihr Abonnement wurde verlängert",
    intro:
      "Wir haben {{amount}} für die Bestellung {{orderReference}} von Ihrer gespeicherten Zahlungsmethode abgebucht und Ihr Abonnement {{subscriptionName}} verlängert.",
    period: "Es läuft jetzt bis zum {{expiresAt}} UTC. Wartung und Support werden für denselben Zeitraum verlängert.",
    action: "Abonnement öffnen",
    outro:
      "Sie erhalten diese E-Mail als Kontoadministrator des Kontos. Die Rechnung finden Sie bei der Bestellung in License Portal.",
  },
  "renewal-payment-failed": {
    subject: "Zahlung für {{subscriptionName}} fehlgeschlagen: bitte prüfen Sie Ihre Zahlungsmethode",
    heading: "{{subscriptionName}} konnte nicht verlängert werden",
    intro:
      "Wir wollten {{amount}} von Ihrer gespeicherten Zahlungsmethode abbuchen, um Ihr Abonnement {{subscriptionName}} zu verlängern, aber die Zahlung ist fehlgeschlagen.",
    reason: "Vom Zahlungsanbieter genannter Grund: {{failureReason}}",
    retry:
      "Wir versuchen es am {{retryAt}} UTC erneut. Das Abonnement funktioniert bis zum {{graceEndsAt}} UTC weiter; ist bis dahin keine Zahlung erfolgreich, wird es nicht verlängert.",
    advice: "Bitte prüfen oder ersetzen Sie die gespeicherte Zahlungsmethode unter Zahlungsoptionen.",
    action: "Zahlungsoptionen öffnen",
    outro: "Sie erhalten diese E-Mail als Kontoadministrator des Kontos.",
  },
  "renewal-ended": {
    subject: "{{subscriptionName}} wurde nicht verlängert",
    heading: "Ihr Abonnement wurde nicht verlängert",
    intro:
      "Wir konnten die Zahlung für die Verlängerung Ihres Abonnements {{subscriptionName}} nicht einziehen, und die Kulanzfrist von 7 Tagen ist abgelaufen.",
    expired: "Das Abonnement ist am {{expiresAt}} UTC abgelaufen und wurde nicht verlängert.",
    advice: "Um das Produkt weiter zu nutzen, kaufen Sie ein neues Abonnement in License Portal.",
    action: "Abonnement öffnen",
    outro: "Sie erhalten diese E-Mail als Kontoadministrator des Kontos.",
  },
};
