import type { LicensingMessages } from "./en.ts";

export const licensingIt: LicensingMessages = {
  "registration-key": {
    subject: "Il suo abbonamento a {{productName}} è pronto per la registrazione",
    heading: "Registri il suo abbonamento a {{productName}}",
    intro: "È stato emesso a suo nome un abbonamento a {{productName}}, che ora può registrare su License Portal.",
    details: "Licenze per utenti simultanei: {{licenses}}. Durata: {{term}}.",
    keyLabel: "La sua chiave di registrazione:",
    steps:
      "Per registrare l’abbonamento, acceda a License Portal (o crei un account se non ne ha ancora uno), scelga l’account a cui deve appartenere l’abbonamento, selezioni «Registra un abbonamento» e inserisca la chiave.",
    action: "Apri License Portal",
    keepPrivate: "Mantenga riservata questa chiave: chiunque la possieda può registrare l’abbonamento nel proprio account.",
  },
  "subscription-expiring": {
    subject: "{{subscriptionName}} scade a breve (giorni rimanenti: {{daysLeft}})",
    heading: "{{subscriptionName}} scade a breve",
    intro:
      "Il suo abbonamento {{subscriptionName}} ({{productName}}) scade il {{expiresAt}} (UTC). Giorni rimanenti: {{daysLeft}}.",
    atExpiry:
      "Alla scadenza, la chiave primaria continua a funzionare per un periodo di tolleranza di 30 giorni; le chiavi di licenza aggiuntive smettono di funzionare alla scadenza. Al termine del periodo di tolleranza, le licenze smettono di funzionare.",
    renew:
      "Per continuare a utilizzare {{productName}} senza interruzioni, rinnovi l’abbonamento su License Portal oppure contatti il suo rivenditore o il suo referente commerciale.",
    action: "Visualizza abbonamento",
    outro: "Se ha già rinnovato questo abbonamento, può ignorare questa email.",
  },
  "subscription-expired": {
    subject: "{{subscriptionName}} è scaduto",
    heading: "{{subscriptionName}} è scaduto",
    intro: "Il suo abbonamento {{subscriptionName}} ({{productName}}) è scaduto il {{expiresAt}} (UTC).",
    grace:
      "La chiave primaria continua a funzionare durante un periodo di tolleranza, fino al {{graceEndsAt}} (UTC); le chiavi di licenza aggiuntive hanno già smesso di funzionare. Al termine del periodo di tolleranza, le licenze smetteranno di funzionare.",
    renew:
      "Per continuare a utilizzare {{productName}}, rinnovi l’abbonamento su License Portal oppure contatti il suo rivenditore o il suo referente commerciale.",
    action: "Visualizza abbonamento",
    outro: "Se ha già rinnovato questo abbonamento, può ignorare questa email.",
  },
};
