import type { IdentityMessages } from "./en.ts";

export const es: IdentityMessages = {
  common: {
    greeting: "Hola, {{name}}:",
    greetingNoName: "Hola:",
    linkHint: "Si el botón no funciona, copie este enlace en su navegador:",
    signature: "El equipo de License Portal",
    footer: "Este es un mensaje automático de License Portal. Las respuestas a esta dirección no se leen.",
  },
  "verify-email": {
    subject: "Confirme su dirección de correo electrónico",
    heading: "Confirme su dirección de correo electrónico",
    intro:
      "Gracias por registrarse en License Portal. Confirme que esta es su dirección de correo electrónico para activar su cuenta.",
    action: "Confirmar dirección de correo",
    outro: "Si no ha creado una cuenta en License Portal, puede ignorar este correo.",
  },
  "reset-password": {
    subject: "Restablezca su contraseña de License Portal",
    heading: "Restablecer su contraseña",
    intro:
      "Hemos recibido una solicitud para restablecer la contraseña de su cuenta de License Portal. Use el botón de abajo para elegir una nueva contraseña.",
    action: "Restablecer contraseña",
    outro:
      "Este enlace caduca en 1 hora. Si no ha solicitado restablecer la contraseña, puede ignorar este correo; su contraseña no cambiará.",
  },
  welcome: {
    subject: "Le damos la bienvenida a License Portal",
    heading: "Le damos la bienvenida a License Portal",
    intro:
      "Su dirección de correo electrónico está confirmada y su cuenta está lista. Desde su panel puede gestionar sus licencias y la configuración de su cuenta.",
    action: "Ir a su panel",
    outro: "Nos alegra contar con usted.",
  },
  "password-changed": {
    subject: "Se ha cambiado su contraseña de License Portal",
    heading: "Se ha cambiado su contraseña",
    intro:
      "Se acaba de cambiar la contraseña de su cuenta de License Portal. Si ha realizado usted este cambio, no tiene que hacer nada más.",
    action: "Restablecer su contraseña",
    outro: "Si no ha sido usted, restablezca su contraseña de inmediato para proteger su cuenta.",
  },
};
