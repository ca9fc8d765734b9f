import type { CopyShape } from "../copy-shape.ts";

/**
 * English copy of the support emails: the source of the keys (see SupportMessages).
 * Placeholders: {{ticketReference}} the ticket's reference ("SR-7KQ2MX4P"), {{ticketSubject}}
 * its subject as the customer wrote it, {{authorName}} who wrote the reply, {{status}} the new
 * status as a word already in the recipient's language ("resolved"), {{adderName}} who added
 * the watcher, {{responseTarget}} the first-response target (minutes in the data, formatted by
 * the renderer as a duration in the recipient's language: "4 hours"). The reply itself is a block of its own, not a placeholder. Every support email
 * carries the ticket's reply address as Reply-To, so answering the email adds to the ticket.
 */
export const supportEn = {
  "support-ticket-update": {
    subject: "[{{ticketReference}}] New reply: {{ticketSubject}}",
    heading: "New reply on a support ticket",
    intro: "{{authorName}} replied on ticket {{ticketReference}} ({{ticketSubject}}):",
    reply: "Reply to this email to answer, or open the ticket in License Portal.",
    action: "Open the ticket",
    outro: "You are receiving this email because you opened or watch this ticket.",
  },
  "support-ticket-status": {
    subject: "[{{ticketReference}}] Ticket {{status}}: {{ticketSubject}}",
    heading: "Your support ticket has a new status",
    intro: "Ticket {{ticketReference}} ({{ticketSubject}}) is now {{status}}.",
    advice:
      "If you still need help, reply to this email or open the ticket in License Portal. A resolved ticket can be reopened for 14 days; after that, please open a new ticket.",
    action: "Open the ticket",
    outro: "You are receiving this email because you opened or watch this ticket.",
  },
  "support-watcher-added": {
    subject: "You are now watching support ticket {{ticketReference}}",
    heading: "You were added to a support ticket",
    intro: "{{adderName}} added you as a watcher of support ticket {{ticketReference}} ({{ticketSubject}}).",
    explain:
      "You will receive an email for every reply and when the ticket is resolved or closed. Reply to those emails to join the conversation, or open the ticket with the button below.",
    action: "Open the ticket",
    outro: "If you do not want to follow this ticket, ask {{adderName}} to remove you.",
  },
  "support-ticket-opened": {
    subject: "[{{ticketReference}}] Ticket received: {{ticketSubject}}",
    heading: "We have received your support ticket",
    intro: "Your ticket {{ticketReference}} ({{ticketSubject}}) is open. Please quote this reference if you contact us about it.",
    target: "We aim to send you a first response within {{responseTarget}}.",
    reply:
      "To add details, simply reply to this email: your answer is added to the ticket. You can also follow the ticket in License Portal.",
    action: "Open the ticket",
    outro: "You are receiving this email because you opened this ticket.",
  },
};

export type SupportMessages = CopyShape<typeof supportEn>;
