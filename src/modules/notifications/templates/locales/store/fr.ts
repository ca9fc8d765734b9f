import type { StoreMessages } from "./en.ts";

export const storeFr: StoreMessages = {
  "order-paid": {
    subject: "La commande {{orderReference}} est payée : {{subscriptionName}} est prêt",
    heading: "Merci pour votre commande",
    intro:
      "Nous avons bien reçu votre paiement de {{amount}} pour la commande {{orderReference}}. Votre abonnement {{subscriptionName}} à {{productName}} est prêt dans License Portal. Licences : {{licenses}}.",
    renewal: "L’abonnement se renouvelle automatiquement le {{renewsAt}} UTC.",
    keys: "Sa clé principale se trouve dans les détails de l’abonnement, où vous pouvez aussi créer des clés supplémentaires pour vos fermes.",
    action: "Ouvrir l’abonnement",
    outro: "La facture est disponible avec la commande dans License Portal.",
  },
  "upgrade-paid": {
    subject: "Licences ajoutées à {{subscriptionName}}",
    heading: "Vos nouvelles licences sont prêtes",
    intro:
      "Nous avons bien reçu votre paiement de {{amount}} pour la commande {{orderReference}}. Les licences achetées ont été ajoutées à votre abonnement {{subscriptionName}} et sont utilisables dès maintenant.",
    total: "Nombre total de licences : {{licenses}}.",
    action: "Ouvrir l’abonnement",
    outro: "La facture est disponible avec la commande dans License Portal.",
  },
  "bank-transfer-instructions": {
    subject: "Instructions de paiement pour la commande {{orderReference}}",
    heading: "Payer par virement bancaire",
    intro: "Merci pour votre commande {{orderReference}}. Veuillez virer {{amount}} sur ce compte :",
    reference:
      "Indiquez la référence de commande {{orderReference}} dans le libellé du virement afin que nous puissions identifier votre paiement.",
    release:
      "Rien n’est fourni avant l’arrivée du paiement : vos licences sont disponibles dès que nous l’avons reçu, et nous vous en informerons alors par e-mail.",
    action: "Voir la commande",
    outro: "Si vous avez déjà payé, vous pouvez ignorer cet e-mail.",
  },
  "renewal-succeeded": {
    subject: "{{subscriptionName}} a été renouvelé",
    heading: "Votre abonnement a été renouvelé",
    intro:
      "Nous avons débité {{amount}} sur votre moyen de paiement enregistré pour la commande {{orderReference}} et renouvelé votre abonnement {{subscriptionName}}.",
    period: "Il court désormais jusqu’au {{expiresAt}} UTC. La maintenance et le support sont renouvelés pour la même période.",
    action: "Ouvrir l’abonnement",
    outro:
      "Vous recevez cet e-mail en tant qu’administrateur du compte. La facture est disponible avec la commande dans License Portal.",
  },
  "renewal-payment-failed": {
    subject: "Échec du paiement pour {{subscriptionName}} : veuillez vérifier votre moyen de paiement",
    heading: "Nous n’avons pas pu renouveler {{subscriptionName}}",
    intro:
      "Nous avons tenté de débiter {{amount}} sur votre moyen de paiement enregistré pour renouveler votre abonnement {{subscriptionName}}, mais le paiement a échoué.",
    reason: "Motif indiqué par le prestataire de paiement : {{failureReason}}",
    retry:
      "Nous réessaierons le {{retryAt}} UTC. L’abonnement continue de fonctionner jusqu’au {{graceEndsAt}} UTC ; si aucun paiement n’aboutit d’ici là, il ne sera pas renouvelé.",
    advice: "Veuillez vérifier ou remplacer le moyen de paiement enregistré dans Options de paiement.",
    action: "Ouvrir les options de paiement",
    outro: "Vous recevez cet e-mail en tant qu’administrateur du compte.",
  },
  "renewal-ended": {
    subject: "{{subscriptionName}} n’a pas été renouvelé",
    heading: "Votre abonnement n’a pas été renouvelé",
    intro:
      "Nous n’avons pas pu encaisser le paiement du renouvellement de votre abonnement {{subscriptionName}}, et la période de grâce de 7 jours est terminée.",
    expired: "L’abonnement a expiré le {{expiresAt}} UTC et n’a pas été renouvelé.",
    advice: "Pour continuer à utiliser le produit, achetez un nouvel abonnement dans License Portal.",
    action: "Ouvrir l’abonnement",
    outro: "Vous recevez cet e-mail en tant qu’administrateur du compte.",
  },
};
