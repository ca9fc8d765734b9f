import type { SupportMessages } from "./en.ts";

export const supportDe: SupportMessages = {
  "support-ticket-update": {
    subject: "[{{ticketReference}}] Neue Antwort: {{ticketSubject}}",
    heading: "Neue Antwort auf ein Support-Ticket",
    intro: "{{authorName}} hat auf das Ticket {{ticketReference}} ({{ticketSubject}}) geantwortet:",
    reply: "Antworten Sie auf diese E-Mail oder öffnen Sie das Ticket in License Portal.",
    action: "Ticket öffnen",
    outro: "Sie erhalten diese E-Mail, weil Sie dieses Ticket eröffnet haben oder ihm folgen.",
  },
  "support-ticket-status": {
    subject: "[{{ticketReference}}] Neuer Status: {{status}} – {{ticketSubject}}",
    heading: "Ihr Support-Ticket hat einen neuen Status",
    intro: "Das Ticket {{ticketReference}} ({{ticketSubject}}) ist jetzt {{status}}.",
    advice:
      "Wenn Sie weiterhin Hilfe benötigen, antworten Sie auf diese E-Mail oder öffnen Sie das Ticket in License Portal. Ein gelöstes Ticket kann 14 Tage lang wieder geöffnet werden; danach eröffnen Sie bitte ein neues Ticket.",
    action: "Ticket öffnen",
    outro: "Sie erhalten diese E-Mail, weil Sie dieses Ticket eröffnet haben oder ihm folgen.",
  },
  "support-watcher-added": {
    subject: "Sie folgen jetzt dem Support-Ticket {{ticketReference}}",
    heading: "Sie wurden zu einem Support-Ticket hinzugefügt",
    intro: "{{adderName}} hat Sie als Beobachter des Support-Tickets {{ticketReference}} ({{ticketSubject}}) hinzugefügt.",
    explain:
      "Sie erhalten eine E-Mail zu jeder Antwort und wenn das Ticket gelöst oder geschlossen wird. Antworten Sie auf diese E-Mails, um sich am Gespräch zu beteiligen, oder öffnen Sie das Ticket über die Schaltfläche unten.",
    action: "Ticket öffnen",
    outro: "Wenn Sie diesem Ticket nicht folgen möchten, bitten Sie {{adderName}}, Sie zu entfernen.",
  },
  "support-ticket-opened": {
    subject: "[{{ticketReference}}] Ticket erhalten: {{ticketSubject}}",
    heading: "Wir haben Ihr Support-Ticket erhalten",
    intro:
      "Ihr Ticket {{ticketReference}} ({{ticketSubject}}) ist eröffnet. Bitte geben Sie diese Referenz an, wenn Sie uns dazu kontaktieren.",
    target: "Unser Ziel für die erste Antwort: {{responseTarget}}.",
    reply:
      "Um Details zu ergänzen, antworten Sie einfach auf diese E-Mail: Ihre Antwort wird dem Ticket hinzugefügt. Sie können das Ticket auch in License Portal verfolgen.",
    action: "Ticket öffnen",
    outro: "Sie erhalten diese E-Mail, weil Sie dieses Ticket eröffnet haben.",
  },
};
