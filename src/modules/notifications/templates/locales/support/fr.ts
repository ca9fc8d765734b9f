import type { SupportMessages } from "./en.ts";

export const supportFr: SupportMessages = {
  "support-ticket-update": {
    subject: "[{{ticketReference}}] Nouvelle réponse : {{ticketSubject}}",
    heading: "Nouvelle réponse à une demande d’assistance",
    intro: "{{authorName}} a répondu à la demande {{ticketReference}} ({{ticketSubject}}) :",
    reply: "Répondez à cet e-mail, ou ouvrez la demande dans License Portal.",
    action: "Ouvrir la demande",
    outro: "Vous recevez cet e-mail parce que vous avez ouvert cette demande ou que vous la suivez.",
  },
  "support-ticket-status": {
    subject: "[{{ticketReference}}] Nouveau statut : {{status}} – {{ticketSubject}}",
    heading: "Votre demande d’assistance a changé de statut",
    intro: "La demande {{ticketReference}} ({{ticketSubject}}) est désormais {{status}}.",
    advice:
      "Si vous avez encore besoin d’aide, répondez à cet e-mail ou ouvrez la demande dans License Portal. Une demande résolue peut être rouverte pendant 14 jours ; ensuite, ouvrez une nouvelle demande.",
    action: "Ouvrir la demande",
    outro: "Vous recevez cet e-mail parce que vous avez ouvert cette demande ou que vous la suivez.",
  },
  "support-watcher-added": {
    subject: "Vous suivez désormais la demande d’assistance {{ticketReference}}",
    heading: "Vous avez été ajouté à une demande d’assistance",
    intro: "{{adderName}} vous a ajouté comme observateur de la demande d’assistance {{ticketReference}} ({{ticketSubject}}).",
    explain:
      "Vous recevrez un e-mail à chaque réponse et lorsque la demande sera résolue ou clôturée. Répondez à ces e-mails pour participer à l’échange, ou ouvrez la demande avec le bouton ci-dessous.",
    action: "Ouvrir la demande",
    outro: "Si vous ne souhaitez pas suivre cette demande, demandez à {{adderName}} de vous retirer.",
  },
  "support-ticket-opened": {
    subject: "[{{ticketReference}}] Demande reçue : {{ticketSubject}}",
    heading: "Nous avons bien reçu votre demande d'assistance",
    intro:
      "Votre demande {{ticketReference}} ({{ticketSubject}}) est ouverte. Merci de rappeler cette référence si vous nous contactez à son sujet.",
    target: "Délai visé pour une première réponse : {{responseTarget}}.",
    reply:
      "Pour ajouter des précisions, répondez simplement à cet e-mail : votre réponse est ajoutée à la demande. Vous pouvez aussi suivre la demande dans License Portal.",
    action: "Ouvrir la demande",
    outro: "Vous recevez cet e-mail parce que vous avez ouvert cette demande.",
  },
};
