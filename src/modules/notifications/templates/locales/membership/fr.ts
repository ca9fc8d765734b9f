import type { MembershipMessages } from "./en.ts";

// French typography as in ../fr.ts: typographic apostrophe, U+202F before ":" and ";".
export const membershipFr: MembershipMessages = {
  invitation: {
    subject: "{{inviterName}} vous invite à rejoindre {{accountName}} sur License Portal",
    heading: "Rejoignez {{accountName}} sur License Portal",
    intro: "{{inviterName}} vous invite à rejoindre le compte professionnel {{accountName}} sur License Portal.",
    details:
      "En le rejoignant, vous deviendrez membre standard de {{accountName}}. Si vous n’avez pas encore de compte License Portal, vous en créerez un au moment de rejoindre le compte.",
    action: "Rejoindre le compte",
    expiry: "Cette invitation expire le {{expiresAt}} UTC.",
    outro: "Si vous n’attendiez pas cette invitation, vous pouvez ignorer cet e-mail.",
  },
  "membership-blocked": {
    subject: "Votre accès à {{accountName}} sur License Portal a été bloqué",
    heading: "Votre accès à {{accountName}} a été bloqué",
    intro:
      "Les administrateurs du compte professionnel {{accountName}} ont bloqué votre accès à ce compte sur License Portal. Tant que votre accès est bloqué, vous ne pouvez pas ouvrir ce compte.",
    details: "Vous restez membre du compte, et votre accès peut être rétabli à tout moment.",
    outro: "Si vous pensez qu’il s’agit d’une erreur, contactez les administrateurs de {{accountName}}.",
  },
  "membership-restored": {
    subject: "Votre accès à {{accountName}} sur License Portal a été rétabli",
    heading: "Votre accès à {{accountName}} a été rétabli",
    intro:
      "Les administrateurs du compte professionnel {{accountName}} ont rétabli votre accès sur License Portal. Vous retrouvez le même rôle qu’auparavant dans ce compte.",
    action: "Ouvrir le compte",
    outro: "Pour toute question concernant votre accès, contactez les administrateurs de {{accountName}}.",
  },
  "membership-removed": {
    subject: "Vous n’êtes plus membre de {{accountName}} sur License Portal",
    heading: "Votre adhésion à {{accountName}} a été annulée",
    intro:
      "Votre adhésion au compte professionnel {{accountName}} sur License Portal a été annulée. Vous n’avez plus accès à ce compte.",
    outro: "Si vous avez de nouveau besoin d’un accès, un administrateur de {{accountName}} peut vous inviter à nouveau.",
  },
};
