import type { IdentityMessages } from "./en.ts";

// French typography: a narrow no-break space (U+202F) before ":" and ";".
export const fr: IdentityMessages = {
  common: {
    greeting: "Bonjour {{name}},",
    greetingNoName: "Bonjour,",
    linkHint: "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur\u202f:",
    signature: "L’équipe License Portal",
    footer: "Ceci est un message automatique de License Portal. Les réponses à cette adresse ne sont pas lues.",
  },
  "verify-email": {
    subject: "Confirmez votre adresse e-mail",
    heading: "Confirmez votre adresse e-mail",
    intro:
      "Merci pour votre inscription sur License Portal. Veuillez confirmer qu’il s’agit bien de votre adresse e-mail afin d’activer votre compte.",
    action: "Confirmer l’adresse e-mail",
    outro: "Si vous n’avez pas créé de compte License Portal, vous pouvez ignorer cet e-mail.",
  },
  "reset-password": {
    subject: "Réinitialisez votre mot de passe License Portal",
    heading: "Réinitialiser votre mot de passe",
    intro:
      "Nous avons reçu une demande de réinitialisation du mot de passe de votre compte License Portal. Utilisez le bouton ci-dessous pour choisir un nouveau mot de passe.",
    action: "Réinitialiser le mot de passe",
    outro:
      "Ce lien expire dans 1 heure. Si vous n’avez pas demandé de réinitialisation, vous pouvez ignorer cet e-mail\u202f; votre mot de passe ne sera pas modifié.",
  },
  welcome: {
    subject: "Bienvenue sur License Portal",
    heading: "Bienvenue sur License Portal",
    intro:
      "Votre adresse e-mail est confirmée et votre compte est prêt. Depuis votre tableau de bord, vous pouvez gérer vos licences et les paramètres de votre compte.",
    action: "Accéder au tableau de bord",
    outro: "Nous sommes ravis de vous compter parmi nous.",
  },
  "password-changed": {
    subject: "Le mot de passe de votre compte License Portal a été modifié",
    heading: "Votre mot de passe a été modifié",
    intro:
      "Le mot de passe de votre compte License Portal vient d’être modifié. Si vous êtes à l’origine de ce changement, aucune action n’est nécessaire.",
    action: "Réinitialiser votre mot de passe",
    outro: "Si ce n’était pas vous, réinitialisez immédiatement votre mot de passe pour sécuriser votre compte.",
  },
};
