import type { OveruseMessages } from "./en.ts";

export const overuseIt: OveruseMessages = {
  "overuse-started": {
    subject: "{{keyName}} supera il limite di licenze: è iniziato un periodo di tolleranza di 7 giorni",
    heading: "{{keyName}} supera il limite di licenze",
    intro:
      "Le farm che utilizzano la chiave di licenza {{keyName}} del suo abbonamento {{subscriptionName}} ({{productName}}) hanno più utenti simultanei di quelli consentiti dalla chiave. Utenti simultanei in licenza: {{limit}}. Utenti simultanei attuali: {{inUse}}.",
    grace:
      "È iniziato un periodo di tolleranza di 7 giorni, durante il quale le farm continuano a funzionare normalmente. Termina il {{graceEndsAt}} (UTC). Se a quel punto la chiave supera ancora il limite e non sono state aggiunte licenze, le farm oltre il limite verranno disattivate temporaneamente finché l’utilizzo non tornerà entro il limite.",
    advice:
      "Per evitarlo, aggiunga licenze alla chiave o riduca il numero di utenti simultanei sulle sue farm. Per acquistare altre licenze, contatti il suo rivenditore o il suo referente commerciale.",
    action: "Gestisci farm",
    outro: "Riceve questa email in quanto amministratore dell’account o amministratore delle licenze di questa chiave.",
  },
  "overuse-grace-ending": {
    subject: "{{keyName}} supera ancora il limite di licenze: il periodo di tolleranza sta per terminare",
    heading: "Il periodo di tolleranza di {{keyName}} sta per terminare",
    intro:
      "Le farm che utilizzano la chiave di licenza {{keyName}} del suo abbonamento {{subscriptionName}} ({{productName}}) hanno ancora più utenti simultanei di quelli consentiti dalla chiave. Utenti simultanei in licenza: {{limit}}. Utenti simultanei attuali: {{inUse}}.",
    deadline:
      "Il periodo di tolleranza termina entro 24 ore, il {{graceEndsAt}} (UTC). Se entro allora non verranno aggiunte licenze, le farm ancora oltre il limite verranno disattivate temporaneamente: i loro utenti non potranno visualizzare né utilizzare le risorse pubblicate finché l’utilizzo non tornerà entro il limite.",
    advice:
      "Per mantenere operative le farm, aggiunga licenze alla chiave o riduca il numero di utenti simultanei sulle sue farm. Per acquistare altre licenze, contatti il suo rivenditore o il suo referente commerciale.",
    action: "Gestisci farm",
    outro: "Riceve questa email in quanto amministratore dell’account o amministratore delle licenze di questa chiave.",
  },
  "overuse-deactivated": {
    subject: "{{keyName}}: le farm oltre il limite di licenze sono state disattivate",
    heading: "{{keyName}}: le farm oltre il limite sono state disattivate",
    intro:
      "Il periodo di tolleranza della chiave di licenza {{keyName}} del suo abbonamento {{subscriptionName}} ({{productName}}) è terminato e la chiave supera ancora il limite. Utenti simultanei in licenza: {{limit}}. Utenti simultanei attuali: {{inUse}}.",
    deactivated:
      "Le farm oltre il limite sono ora disattivate temporaneamente: i loro utenti non possono visualizzare né utilizzare le risorse pubblicate.",
    restore:
      "Le farm torneranno a funzionare non appena l’utilizzo sarà rientrato nel limite o quando verranno aggiunte licenze alla chiave. Per acquistare altre licenze, contatti il suo rivenditore o il suo referente commerciale.",
    action: "Gestisci farm",
    outro: "Riceve questa email in quanto amministratore dell’account o amministratore delle licenze di questa chiave.",
  },
  "overuse-resolved": {
    subject: "{{keyName}} è di nuovo entro il limite di licenze",
    heading: "{{keyName}} è di nuovo entro il limite di licenze",
    intro:
      "Gli utenti simultanei sulle farm che utilizzano la chiave di licenza {{keyName}} del suo abbonamento {{subscriptionName}} ({{productName}}) sono di nuovo entro il limite della chiave. Utenti simultanei in licenza: {{limit}}. Utenti simultanei attuali: {{inUse}}.",
    normal: "Le farm funzionano normalmente; non è necessaria alcuna azione.",
    reminder:
      "Mantenga l’utilizzo entro il limite: un nuovo periodo di tolleranza è disponibile solo dopo l’aggiunta di licenze. Se prima di allora l’utilizzo supera di nuovo il limite, le farm oltre il limite possono essere disattivate senza un nuovo periodo di tolleranza.",
    action: "Gestisci farm",
    outro: "Riceve questa email in quanto amministratore dell’account o amministratore delle licenze di questa chiave.",
  },
};
