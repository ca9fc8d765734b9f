import type { OveruseMessages } from "./en.ts";

// U+202F (narrow no-break space) before ":" and ";" in the body, as in the other French emails;
// a plain space in subjects, which are put on one line (that turns U+202F into a space anyway).
export const overuseFr: OveruseMessages = {
  "overuse-started": {
    subject: "{{keyName}} dépasse sa limite de licences : début d’une période de grâce de 7 jours",
    heading: "{{keyName}} dépasse sa limite de licences",
    intro:
      "Les fermes qui utilisent la clé de licence {{keyName}} de votre abonnement {{subscriptionName}} ({{productName}}) comptent plus d’utilisateurs simultanés que la clé n’en autorise. Utilisateurs simultanés sous licence\u202f: {{limit}}. Utilisateurs simultanés actuels\u202f: {{inUse}}.",
    grace:
      "Une période de grâce de 7 jours a commencé, pendant laquelle les fermes continuent de fonctionner normalement. Elle prend fin le {{graceEndsAt}} UTC. Si la clé dépasse encore sa limite à ce moment-là et qu’aucune licence n’a été ajoutée, les fermes qui dépassent la limite seront temporairement désactivées jusqu’à ce que l’utilisation revienne au niveau de la limite ou en dessous.",
    advice:
      "Pour éviter cela, ajoutez des licences à la clé ou réduisez le nombre d’utilisateurs simultanés sur ses fermes. Pour acheter des licences supplémentaires, contactez votre revendeur ou votre interlocuteur commercial.",
    action: "Gérer les fermes",
    outro: "Vous recevez cet e-mail en tant qu’administrateur du compte ou administrateur de licences de cette clé.",
  },
  "overuse-grace-ending": {
    subject: "{{keyName}} dépasse toujours sa limite de licences : la période de grâce se termine bientôt",
    heading: "La période de grâce de {{keyName}} se termine bientôt",
    intro:
      "Les fermes qui utilisent la clé de licence {{keyName}} de votre abonnement {{subscriptionName}} ({{productName}}) comptent toujours plus d’utilisateurs simultanés que la clé n’en autorise. Utilisateurs simultanés sous licence\u202f: {{limit}}. Utilisateurs simultanés actuels\u202f: {{inUse}}.",
    deadline:
      "La période de grâce prend fin dans les prochaines 24 heures, le {{graceEndsAt}} UTC. Si aucune licence n’est ajoutée d’ici là, les fermes qui dépasseront encore la limite seront temporairement désactivées\u202f: leurs utilisateurs ne pourront plus afficher ni utiliser les ressources publiées jusqu’à ce que l’utilisation revienne au niveau de la limite ou en dessous.",
    advice:
      "Pour que les fermes continuent de fonctionner, ajoutez des licences à la clé ou réduisez le nombre d’utilisateurs simultanés sur ses fermes. Pour acheter des licences supplémentaires, contactez votre revendeur ou votre interlocuteur commercial.",
    action: "Gérer les fermes",
    outro: "Vous recevez cet e-mail en tant qu’administrateur du compte ou administrateur de licences de cette clé.",
  },
  "overuse-deactivated": {
    subject: "{{keyName}} : les fermes qui dépassent la limite de licences sont désactivées",
    heading: "{{keyName}}\u202f: les fermes qui dépassent la limite sont désactivées",
    intro:
      "La période de grâce de la clé de licence {{keyName}} de votre abonnement {{subscriptionName}} ({{productName}}) a pris fin, et la clé dépasse toujours sa limite. Utilisateurs simultanés sous licence\u202f: {{limit}}. Utilisateurs simultanés actuels\u202f: {{inUse}}.",
    deactivated:
      "Les fermes qui dépassent la limite sont désormais temporairement désactivées\u202f: leurs utilisateurs ne peuvent plus afficher ni utiliser les ressources publiées.",
    restore:
      "Les fermes fonctionneront de nouveau dès que l’utilisation sera revenue au niveau de la limite ou en dessous, ou dès que des licences auront été ajoutées à la clé. Pour acheter des licences supplémentaires, contactez votre revendeur ou votre interlocuteur commercial.",
    action: "Gérer les fermes",
    outro: "Vous recevez cet e-mail en tant qu’administrateur du compte ou administrateur de licences de cette clé.",
  },
  "overuse-resolved": {
    subject: "{{keyName}} respecte de nouveau sa limite de licences",
    heading: "{{keyName}} respecte de nouveau sa limite de licences",
    intro:
      "Le nombre d’utilisateurs simultanés sur les fermes qui utilisent la clé de licence {{keyName}} de votre abonnement {{subscriptionName}} ({{productName}}) est revenu au niveau de la limite de la clé ou en dessous. Utilisateurs simultanés sous licence\u202f: {{limit}}. Utilisateurs simultanés actuels\u202f: {{inUse}}.",
    normal: "Les fermes fonctionnent normalement\u202f; aucune action n’est requise.",
    reminder:
      "Veillez à rester dans la limite\u202f: une nouvelle période de grâce n’est accordée qu’après l’ajout de licences. Si l’utilisation dépasse de nouveau la limite d’ici là, les fermes qui la dépassent peuvent être désactivées sans nouvelle période de grâce.",
    action: "Gérer les fermes",
    outro: "Vous recevez cet e-mail en tant qu’administrateur du compte ou administrateur de licences de cette clé.",
  },
};
