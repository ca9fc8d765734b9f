import type { IdentityMessages } from "./en.ts";

export const it: IdentityMessages = {
  common: {
    greeting: "Gentile {{name}},",
    greetingNoName: "Buongiorno,",
    linkHint: "Se il pulsante non funziona, copi questo link nel browser:",
    signature: "Il team di License Portal",
    footer: "Questo è un messaggio automatico di License Portal. Le risposte a questo indirizzo non vengono lette.",
  },
  "verify-email": {
    subject: "Confermi il suo indirizzo email",
    heading: "Confermi il suo indirizzo email",
    intro:
      "Grazie per la registrazione a License Portal. Confermi che questo è il suo indirizzo email per attivare il suo account.",
    action: "Conferma indirizzo email",
    outro: "Se non ha creato un account License Portal, può ignorare questa email.",
  },
  "reset-password": {
    subject: "Reimposti la password di License Portal",
    heading: "Reimposti la password",
    intro:
      "Abbiamo ricevuto una richiesta di reimpostazione della password del suo account License Portal. Usi il pulsante qui sotto per scegliere una nuova password.",
    action: "Reimposta password",
    outro:
      "Questo link scade tra 1 ora. Se non ha richiesto la reimpostazione, può ignorare questa email: la sua password non verrà modificata.",
  },
  welcome: {
    subject: "Le diamo il benvenuto in License Portal",
    heading: "Le diamo il benvenuto in License Portal",
    intro:
      "Il suo indirizzo email è confermato e il suo account è pronto. Dalla dashboard può gestire le sue licenze e le impostazioni dell’account.",
    action: "Vai alla dashboard",
    outro: "Siamo lieti di averla con noi.",
  },
  "password-changed": {
    subject: "La password di License Portal è stata modificata",
    heading: "La sua password è stata modificata",
    intro:
      "La password del suo account License Portal è appena stata modificata. Se ha effettuato lei questa modifica, non è necessario fare altro.",
    action: "Reimposta la password",
    outro: "Se non ha effettuato lei questa modifica, reimposti subito la password per proteggere il suo account.",
  },
};
