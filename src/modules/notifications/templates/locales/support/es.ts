import type { SupportMessages } from "./en.ts";

export const supportEs: SupportMessages = {
  "support-ticket-update": {
    subject: "[{{ticketReference}}] Nueva respuesta: {{ticketSubject}}",
    heading: "Nueva respuesta en una solicitud de soporte",
    intro: "{{authorName}} ha respondido en la solicitud {{ticketReference}} ({{ticketSubject}}):",
    reply: "Responda a este correo para contestar o abra la solicitud en License Portal.",
    action: "Abrir la solicitud",
    outro: "Recibe este correo porque abrió esta solicitud o la sigue.",
  },
  "support-ticket-status": {
    subject: "[{{ticketReference}}] Nuevo estado: {{status}} – {{ticketSubject}}",
    heading: "Su solicitud de soporte tiene un nuevo estado",
    intro: "La solicitud {{ticketReference}} ({{ticketSubject}}) está ahora {{status}}.",
    advice:
      "Si todavía necesita ayuda, responda a este correo o abra la solicitud en License Portal. Una solicitud resuelta puede reabrirse durante 14 días; después, abra una solicitud nueva.",
    action: "Abrir la solicitud",
    outro: "Recibe este correo porque abrió esta solicitud o la sigue.",
  },
  "support-watcher-added": {
    subject: "Ahora sigue la solicitud de soporte {{ticketReference}}",
    heading: "Le han añadido a una solicitud de soporte",
    intro: "{{adderName}} le ha añadido como observador de la solicitud de soporte {{ticketReference}} ({{ticketSubject}}).",
    explain:
      "Recibirá un correo por cada respuesta y cuando la solicitud se resuelva o se cierre. Responda a esos correos para participar en la conversación o abra la solicitud con el botón de abajo.",
    action: "Abrir la solicitud",
    outro: "Si no desea seguir esta solicitud, pida a {{adderName}} que le quite.",
  },
  "support-ticket-opened": {
    subject: "[{{ticketReference}}] Solicitud recibida: {{ticketSubject}}",
    heading: "Hemos recibido su solicitud de soporte",
    intro:
      "Su solicitud {{ticketReference}} ({{ticketSubject}}) está abierta. Indique esta referencia si se pone en contacto con nosotros sobre ella.",
    target: "Plazo objetivo para la primera respuesta: {{responseTarget}}.",
    reply:
      "Para añadir detalles, basta con responder a este correo: su respuesta se añade a la solicitud. También puede seguir la solicitud en License Portal.",
    action: "Abrir la solicitud",
    outro: "Recibe este correo porque ha abierto esta solicitud.",
  },
};
