import type { StoreMessages } from "./en.ts";

export const storeIt: StoreMessages = {
  "order-paid": {
    subject: "L’ordine {{orderReference}} è pagato: {{subscriptionName}} è pronto",
    heading: "Grazie per il suo ordine",
    intro:
      "Abbiamo ricevuto il pagamento di {{amount}} per l’ordine {{orderReference}}. Il suo abbonamento {{subscriptionName}} a {{productName}} è pronto in License Portal. Licenze: {{licenses}}.",
    renewal: "L’abbonamento si rinnova automaticamente il {{renewsAt}} (UTC).",
    keys: "La chiave primaria si trova nei dettagli dell’abbonamento, dove può anche creare chiavi aggiuntive per le sue farm.",
    action: "Apri l’abbonamento",
    outro: "La fattura è disponibile con l’ordine in License Portal.",
  },
  "upgrade-paid": {
    subject: "Licenze aggiunte a {{subscriptionName}}",
    heading: "Le nuove licenze sono pronte",
    intro:
      "Abbiamo ricevuto il pagamento di {{amount}} per l’ordine {{orderReference}}. Le licenze acquistate sono state aggiunte al suo abbonamento {{subscriptionName}} e si possono usare da subito.",
    total: "Licenze totali: {{licenses}}.",
    action: "Apri l’abbonamento",
    outro: "La fattura è disponibile con l’ordine in License Portal.",
  },
  "bank-transfer-instructions": {
    subject: "Istruzioni di pagamento per l’ordine {{orderReference}}",
    heading: "Pagare con bonifico bancario",
    intro: "Grazie per il suo ordine {{orderReference}}. Trasferisca {{amount}} su questo conto:",
    reference:
      "Indichi il riferimento dell’ordine {{orderReference}} nella causale del bonifico, così potremo abbinare il pagamento.",
    release:
      "Nulla viene fornito prima dell’arrivo del pagamento: le licenze saranno disponibili non appena lo avremo ricevuto e allora le invieremo un’email.",
    action: "Visualizza l’ordine",
    outro: "Se ha già pagato, può ignorare questa email.",
  },
  "renewal-succeeded": {
    subject: "{{subscriptionName}} è stato rinnovato",
    heading: "Il suo abbonamento è stato rinnovato",
    intro:
      "Abbiamo addebitato {{amount}} sul metodo di pagamento salvato per l’ordine {{orderReference}} e rinnovato il suo abbonamento {{subscriptionName}}.",
    period: "Ora è valido fino al {{expiresAt}} (UTC). Manutenzione e supporto sono rinnovati per lo stesso periodo.",
    action: "Apri l’abbonamento",
    outro: "Riceve questa email in quanto amministratore dell’account. La fattura è disponibile con l’ordine in License Portal.",
  },
  "renewal-payment-failed": {
    subject: "Pagamento per {{subscriptionName}} non riuscito: verifichi il metodo di pagamento",
    heading: "Non è stato possibile rinnovare {{subscriptionName}}",
    intro:
      "Abbiamo provato ad addebitare {{amount}} sul metodo di pagamento salvato per rinnovare il suo abbonamento {{subscriptionName}}, ma il pagamento non è riuscito.",
    reason: "Motivo indicato dal fornitore dei pagamenti: {{failureReason}}",
    retry:
      "Riproveremo il {{retryAt}} (UTC). L’abbonamento continua a funzionare fino al {{graceEndsAt}} (UTC); se entro allora nessun pagamento va a buon fine, non verrà rinnovato.",
    advice: "Verifichi o sostituisca il metodo di pagamento salvato in Opzioni di pagamento.",
    action: "Apri Opzioni di pagamento",
    outro: "Riceve questa email in quanto amministratore dell’account.",
  },
  "renewal-ended": {
    subject: "{{subscriptionName}} non è stato rinnovato",
    heading: "Il suo abbonamento non è stato rinnovato",
    intro:
      "Non è stato possibile incassare il pagamento per rinnovare il suo abbonamento {{subscriptionName}} e il periodo di tolleranza di 7 giorni è terminato.",
    expired: "L’abbonamento è scaduto il {{expiresAt}} (UTC) e non è stato rinnovato.",
    advice: "Per continuare a usare il prodotto, acquisti un nuovo abbonamento in License Portal.",
    action: "Apri l’abbonamento",
    outro: "Riceve questa email in quanto amministratore dell’account.",
  },
};
