import type { LicensingMessages } from "./en.ts";

export const licensingEs: LicensingMessages = {
  "registration-key": {
    subject: "Su suscripción a {{productName}} está lista para registrarse",
    heading: "Registre su suscripción a {{productName}}",
    intro: "Se ha emitido para usted una suscripción a {{productName}}, que ya puede registrar en License Portal.",
    details: "Licencias de usuarios simultáneos: {{licenses}}. Duración: {{term}}.",
    keyLabel: "Su clave de registro:",
    steps:
      "Para registrar la suscripción, inicie sesión en License Portal (o cree una cuenta si todavía no tiene una), elija la cuenta a la que debe pertenecer la suscripción, seleccione «Registrar una suscripción» e introduzca la clave.",
    action: "Abrir License Portal",
    keepPrivate:
      "Mantenga esta clave en privado: cualquier persona que la tenga puede registrar la suscripción en su propia cuenta.",
  },
  "subscription-expiring": {
    subject: "{{subscriptionName}} caduca pronto (días restantes: {{daysLeft}})",
    heading: "{{subscriptionName}} caduca pronto",
    intro: "Su suscripción {{subscriptionName}} ({{productName}}) caduca el {{expiresAt}} (UTC). Días restantes: {{daysLeft}}.",
    atExpiry:
      "Cuando caduque, la clave principal seguirá funcionando durante un período de gracia de 30 días; las claves de licencia adicionales dejarán de funcionar en el momento de la caducidad. Tras el período de gracia, las licencias dejarán de funcionar.",
    renew:
      "Para seguir usando {{productName}} sin interrupciones, renueve la suscripción en License Portal o póngase en contacto con su distribuidor o su contacto comercial.",
    action: "Ver suscripción",
    outro: "Si ya ha renovado esta suscripción, puede ignorar este correo.",
  },
  "subscription-expired": {
    subject: "{{subscriptionName}} ha caducado",
    heading: "{{subscriptionName}} ha caducado",
    intro: "Su suscripción {{subscriptionName}} ({{productName}}) caducó el {{expiresAt}} (UTC).",
    grace:
      "La clave principal seguirá funcionando durante un período de gracia, hasta el {{graceEndsAt}} (UTC); las claves de licencia adicionales ya han dejado de funcionar. Tras el período de gracia, las licencias dejarán de funcionar.",
    renew:
      "Para seguir usando {{productName}}, renueve la suscripción en License Portal o póngase en contacto con su distribuidor o su contacto comercial.",
    action: "Ver suscripción",
    outro: "Si ya ha renovado esta suscripción, puede ignorar este correo.",
  },
};
