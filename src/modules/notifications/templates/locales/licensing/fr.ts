import type { LicensingMessages } from "./en.ts";

// French typography as in ../fr.ts: typographic apostrophe, U+202F before ":" and ";" and inside « »
// (except in a subject, see below).
export const licensingFr: LicensingMessages = {
  "registration-key": {
    subject: "Votre abonnement {{productName}} est prêt à être enregistré",
    heading: "Enregistrez votre abonnement {{productName}}",
    intro: "Un abonnement {{productName}} a été émis à votre intention et peut maintenant être enregistré sur License Portal.",
    details: "Licences utilisateurs simultanés\u202f: {{licenses}}. Durée\u202f: {{term}}.",
    keyLabel: "Votre clé d’enregistrement\u202f:",
    steps:
      "Pour enregistrer l’abonnement, connectez-vous à License Portal (ou créez un compte si vous n’en avez pas encore), choisissez le compte auquel l’abonnement doit être rattaché, sélectionnez «\u202fEnregistrer un abonnement\u202f», puis saisissez la clé.",
    action: "Ouvrir License Portal",
    keepPrivate:
      "Gardez cette clé confidentielle\u202f: toute personne qui la possède peut enregistrer l’abonnement sur son propre compte.",
  },
  "subscription-expiring": {
    // A plain space: the subject is put on one line, which turns U+202F into one anyway.
    subject: "{{subscriptionName}} expire bientôt (jours restants : {{daysLeft}})",
    heading: "{{subscriptionName}} expire bientôt",
    intro:
      "Votre abonnement {{subscriptionName}} ({{productName}}) expire le {{expiresAt}} UTC. Jours restants\u202f: {{daysLeft}}.",
    atExpiry:
      "À son expiration, la clé principale continue de fonctionner pendant une période de grâce de 30 jours\u202f; les clés de licence supplémentaires cessent de fonctionner dès l’expiration. Après la période de grâce, les licences cessent de fonctionner.",
    renew:
      "Pour continuer à utiliser {{productName}} sans interruption, renouvelez l’abonnement sur License Portal ou contactez votre revendeur ou votre interlocuteur commercial.",
    action: "Voir l’abonnement",
    outro: "Si vous avez déjà renouvelé cet abonnement, vous pouvez ignorer cet e-mail.",
  },
  "subscription-expired": {
    subject: "{{subscriptionName}} a expiré",
    heading: "{{subscriptionName}} a expiré",
    intro: "Votre abonnement {{subscriptionName}} ({{productName}}) a expiré le {{expiresAt}} UTC.",
    grace:
      "La clé principale continue de fonctionner pendant une période de grâce, jusqu’au {{graceEndsAt}} UTC\u202f; les clés de licence supplémentaires ne fonctionnent déjà plus. Après la période de grâce, les licences cesseront de fonctionner.",
    renew:
      "Pour continuer à utiliser {{productName}}, renouvelez l’abonnement sur License Portal ou contactez votre revendeur ou votre interlocuteur commercial.",
    action: "Voir l’abonnement",
    outro: "Si vous avez déjà renouvelé cet abonnement, vous pouvez ignorer cet e-mail.",
  },
};
