import type { MembershipMessages } from "./en.ts";

export const membershipEs: MembershipMessages = {
  invitation: {
    subject: "{{inviterName}} le ha invitado a unirse a {{accountName}} en License Portal",
    heading: "Únase a {{accountName}} en License Portal",
    intro: "{{inviterName}} le ha invitado a unirse a la cuenta de empresa {{accountName}} en License Portal.",
    details:
      "Al unirse, pasará a ser miembro regular de {{accountName}}. Si todavía no tiene una cuenta en License Portal, la creará durante el proceso.",
    action: "Unirse a la cuenta",
    expiry: "Esta invitación caduca el {{expiresAt}} (UTC).",
    outro: "Si no esperaba esta invitación, puede ignorar este correo.",
  },
  "membership-blocked": {
    subject: "Se ha bloqueado su acceso a {{accountName}} en License Portal",
    heading: "Se ha bloqueado su acceso a {{accountName}}",
    intro:
      "Los administradores de la cuenta de empresa {{accountName}} han bloqueado su acceso a ella en License Portal. Mientras el acceso esté bloqueado, no podrá abrir esta cuenta.",
    details: "Sigue siendo miembro de la cuenta, por lo que su acceso puede restablecerse en cualquier momento.",
    outro: "Si cree que se trata de un error, póngase en contacto con los administradores de {{accountName}}.",
  },
  "membership-restored": {
    subject: "Se ha restablecido su acceso a {{accountName}} en License Portal",
    heading: "Se ha restablecido su acceso a {{accountName}}",
    intro:
      "Los administradores de la cuenta de empresa {{accountName}} han restablecido su acceso en License Portal. Conserva el mismo rol que tenía antes en la cuenta.",
    action: "Abrir la cuenta",
    outro: "Si tiene alguna pregunta sobre su acceso, póngase en contacto con los administradores de {{accountName}}.",
  },
  "membership-removed": {
    subject: "Ya no es miembro de {{accountName}} en License Portal",
    heading: "Se ha cancelado su membresía en {{accountName}}",
    intro:
      "Se ha cancelado su membresía en la cuenta de empresa {{accountName}} de License Portal. Ya no tiene acceso a esta cuenta.",
    outro: "Si vuelve a necesitar acceso, un administrador de {{accountName}} puede invitarle de nuevo.",
  },
};
