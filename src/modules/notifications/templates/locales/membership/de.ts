import type { MembershipMessages } from "./en.ts";

export const membershipDe: MembershipMessages = {
  invitation: {
    subject: "{{inviterName}} hat Sie zu {{accountName}} bei License Portal eingeladen",
    heading: "Einladung zu {{accountName}} bei License Portal",
    intro: "{{inviterName}} hat Sie eingeladen, dem Geschäftskonto {{accountName}} bei License Portal beizutreten.",
    details:
      "Wenn Sie beitreten, werden Sie reguläres Mitglied von {{accountName}}. Falls Sie noch kein Konto bei License Portal haben, erstellen Sie es beim Beitritt.",
    action: "Konto beitreten",
    expiry: "Diese Einladung läuft am {{expiresAt}} UTC ab.",
    outro: "Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.",
  },
  "membership-blocked": {
    subject: "Ihr Zugriff auf {{accountName}} bei License Portal wurde gesperrt",
    heading: "Ihr Zugriff auf {{accountName}} wurde gesperrt",
    intro:
      "Die Administratoren des Geschäftskontos {{accountName}} haben Ihren Zugriff darauf bei License Portal gesperrt. Solange die Sperre besteht, können Sie dieses Konto nicht öffnen.",
    details: "Ihre Mitgliedschaft bleibt bestehen, sodass Ihr Zugriff jederzeit wiederhergestellt werden kann.",
    outro:
      "Wenn Sie glauben, dass es sich um einen Irrtum handelt, wenden Sie sich bitte an die Administratoren von {{accountName}}.",
  },
  "membership-restored": {
    subject: "Ihr Zugriff auf {{accountName}} bei License Portal wurde wiederhergestellt",
    heading: "Ihr Zugriff auf {{accountName}} wurde wiederhergestellt",
    intro:
      "Die Administratoren des Geschäftskontos {{accountName}} haben Ihren Zugriff bei License Portal wiederhergestellt. Sie haben im Konto dieselbe Rolle wie zuvor.",
    action: "Konto öffnen",
    outro: "Bei Fragen zu Ihrem Zugriff wenden Sie sich bitte an die Administratoren von {{accountName}}.",
  },
  "membership-removed": {
    subject: "Ihre Mitgliedschaft in {{accountName}} bei License Portal wurde beendet",
    heading: "Ihre Mitgliedschaft in {{accountName}} wurde beendet",
    intro:
      "Ihre Mitgliedschaft im Geschäftskonto {{accountName}} bei License Portal wurde beendet. Sie haben keinen Zugriff mehr auf dieses Konto.",
    outro: "Wenn Sie wieder Zugriff benötigen, kann ein Administrator von {{accountName}} Sie erneut einladen.",
  },
};
