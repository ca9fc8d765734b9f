import type { SupportMessages } from "./en.ts";

export const supportIt: SupportMessages = {
  "support-ticket-update": {
    subject: "[{{ticketReference}}] Nuova risposta: {{ticketSubject}}",
    heading: "Nuova risposta a una richiesta di assistenza",
    intro: "{{authorName}} ha risposto alla richiesta {{ticketReference}} ({{ticketSubject}}):",
    reply: "Rispondi a questa email oppure apri la richiesta in License Portal.",
    action: "Apri la richiesta",
    outro: "Ricevi questa email perché hai aperto questa richiesta o la segui.",
  },
  "support-ticket-status": {
    subject: "[{{ticketReference}}] Nuovo stato: {{status}} – {{ticketSubject}}",
    heading: "La tua richiesta di assistenza ha un nuovo stato",
    intro: "La richiesta {{ticketReference}} ({{ticketSubject}}) ora è {{status}}.",
    advice:
      "Se hai ancora bisogno di aiuto, rispondi a questa email o apri la richiesta in License Portal. Una richiesta risolta può essere riaperta per 14 giorni; dopo, apri una nuova richiesta.",
    action: "Apri la richiesta",
    outro: "Ricevi questa email perché hai aperto questa richiesta o la segui.",
  },
  "support-watcher-added": {
    subject: "Ora segui la richiesta di assistenza {{ticketReference}}",
    heading: "Sei stato aggiunto a una richiesta di assistenza",
    intro: "{{adderName}} ti ha aggiunto come osservatore della richiesta di assistenza {{ticketReference}} ({{ticketSubject}}).",
    explain:
      "Riceverai un’email per ogni risposta e quando la richiesta verrà risolta o chiusa. Rispondi a queste email per partecipare alla conversazione, oppure apri la richiesta con il pulsante qui sotto.",
    action: "Apri la richiesta",
    outro: "Se non vuoi seguire questa richiesta, chiedi a {{adderName}} di rimuoverti.",
  },
  "support-ticket-opened": {
    subject: "[{{ticketReference}}] Richiesta ricevuta: {{ticketSubject}}",
    heading: "Abbiamo ricevuto la tua richiesta di assistenza",
    intro:
      "La tua richiesta {{ticketReference}} ({{ticketSubject}}) è aperta. Indica questo riferimento se ci contatti a proposito di essa.",
    target: "Tempo obiettivo per la prima risposta: {{responseTarget}}.",
    reply:
      "Per aggiungere dettagli, rispondi semplicemente a questa email: la tua risposta viene aggiunta alla richiesta. Puoi anche seguire la richiesta in License Portal.",
    action: "Apri la richiesta",
    outro: "Ricevi questa email perché hai aperto questa richiesta.",
  },
};
