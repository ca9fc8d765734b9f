import type { StoreMessages } from "./en.ts";

export const storeEs: StoreMessages = {
  "order-paid": {
    subject: "El pedido {{orderReference}} está pagado: {{subscriptionName}} está listo",
    heading: "Gracias por su pedido",
    intro:
      "Hemos recibido su pago de {{amount}} por el pedido {{orderReference}}. Su suscripción {{subscriptionName}} de {{productName}} está lista en License Portal. Licencias: {{licenses}}.",
    renewal: "La suscripción se renueva automáticamente el {{renewsAt}} (UTC).",
    keys: "Su clave principal está en los detalles de la suscripción, donde también puede crear claves adicionales para sus granjas.",
    action: "Abrir la suscripción",
    outro: "La factura está disponible con el pedido en License Portal.",
  },
  "upgrade-paid": {
    subject: "Licencias añadidas a {{subscriptionName}}",
    heading: "Sus nuevas licencias están listas",
    intro:
      "Hemos recibido su pago de {{amount}} por el pedido {{orderReference}}. Las licencias que compró se han añadido a su suscripción {{subscriptionName}} y ya se pueden usar.",
    total: "Total de licencias: {{licenses}}.",
    action: "Abrir la suscripción",
    outro: "La factura está disponible con el pedido en License Portal.",
  },
  "bank-transfer-instructions": {
    subject: "Instrucciones de pago del pedido {{orderReference}}",
    heading: "Pagar por transferencia bancaria",
    intro: "Gracias por su pedido {{orderReference}}. Transfiera {{amount}} a esta cuenta:",
    reference:
      "Indique la referencia del pedido {{orderReference}} en el concepto de la transferencia para que podamos identificar su pago.",
    release:
      "No se proporciona nada antes de recibir el pago: sus licencias estarán disponibles en cuanto lo recibamos, y entonces le enviaremos un correo.",
    action: "Ver el pedido",
    outro: "Si ya ha pagado, puede ignorar este correo.",
  },
  "renewal-succeeded": {
    subject: "{{subscriptionName}} se ha renovado",
    heading: "Su suscripción se ha renovado",
    intro:
      "Hemos cobrado {{amount}} a su método de pago guardado por el pedido {{orderReference}} y hemos renovado su suscripción {{subscriptionName}}.",
    period: "Ahora es válida hasta el {{expiresAt}} (UTC). El mantenimiento y el soporte se renuevan por el mismo período.",
    action: "Abrir la suscripción",
    outro: "Recibe este correo como administrador de la cuenta. La factura está disponible con el pedido en License Portal.",
  },
  "renewal-payment-failed": {
    subject: "Error en el pago de {{subscriptionName}}: revise su método de pago",
    heading: "No hemos podido renovar {{subscriptionName}}",
    intro:
      "Intentamos cobrar {{amount}} a su método de pago guardado para renovar su suscripción {{subscriptionName}}, pero el pago no se completó.",
    reason: "Motivo indicado por el proveedor de pagos: {{failureReason}}",
    retry:
      "Lo intentaremos de nuevo el {{retryAt}} (UTC). La suscripción sigue funcionando hasta el {{graceEndsAt}} (UTC); si para entonces no se completa ningún pago, no se renovará.",
    advice: "Revise o sustituya el método de pago guardado en Opciones de pago.",
    action: "Abrir Opciones de pago",
    outro: "Recibe este correo como administrador de la cuenta.",
  },
  "renewal-ended": {
    subject: "{{subscriptionName}} no se ha renovado",
    heading: "Su suscripción no se ha renovado",
    intro:
      "No hemos podido cobrar el pago para renovar su suscripción {{subscriptionName}} y el período de gracia de 7 días ha terminado.",
    expired: "La suscripción venció el {{expiresAt}} (UTC) y no se ha renovado.",
    advice: "Para seguir usando el producto, compre una nueva suscripción en License Portal.",
    action: "Abrir la suscripción",
    outro: "Recibe este correo como administrador de la cuenta.",
  },
};
