import type { MembershipMessages } from "./en.ts";

export const membershipIt: MembershipMessages = {
  invitation: {
    subject: "{{inviterName}} la invita a unirsi a {{accountName}} su License Portal",
    heading: "Invito a unirsi a {{accountName}} su License Portal",
    intro: "{{inviterName}} la invita a unirsi all’account aziendale {{accountName}} su License Portal.",
    details:
      "Unendosi, diventerà membro ordinario di {{accountName}}. Se non ha ancora un account License Portal, lo creerà durante l’adesione.",
    action: "Unisciti all’account",
    expiry: "Questo invito scade il {{expiresAt}} (UTC).",
    outro: "Se non si aspettava questo invito, può ignorare questa email.",
  },
  "membership-blocked": {
    subject: "Il suo accesso a {{accountName}} su License Portal è stato bloccato",
    heading: "Il suo accesso a {{accountName}} è stato bloccato",
    intro:
      "Gli amministratori dell’account aziendale {{accountName}} hanno bloccato il suo accesso all’account su License Portal. Finché l’accesso resta bloccato, non potrà aprire questo account.",
    details: "Rimane membro dell’account, quindi il suo accesso può essere ripristinato in qualsiasi momento.",
    outro: "Se ritiene che si tratti di un errore, contatti gli amministratori di {{accountName}}.",
  },
  "membership-restored": {
    subject: "Il suo accesso a {{accountName}} su License Portal è stato ripristinato",
    heading: "Il suo accesso a {{accountName}} è stato ripristinato",
    intro:
      "Gli amministratori dell’account aziendale {{accountName}} hanno ripristinato il suo accesso su License Portal. Ha lo stesso ruolo che aveva in precedenza nell’account.",
    action: "Apri l’account",
    outro: "Per qualsiasi domanda sul suo accesso, contatti gli amministratori di {{accountName}}.",
  },
  "membership-removed": {
    subject: "Non è più membro di {{accountName}} su License Portal",
    heading: "La sua iscrizione a {{accountName}} è stata annullata",
    intro:
      "La sua iscrizione all’account aziendale {{accountName}} su License Portal è stata annullata. Non ha più accesso a questo account.",
    outro: "Se avrà di nuovo bisogno di accedere, un amministratore di {{accountName}} potrà invitarla di nuovo.",
  },
};
