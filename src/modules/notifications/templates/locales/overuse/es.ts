import type { OveruseMessages } from "./en.ts";

export const overuseEs: OveruseMessages = {
  "overuse-started": {
    subject: "{{keyName}} supera su límite de licencias: ha comenzado un período de gracia de 7 días",
    heading: "{{keyName}} supera su límite de licencias",
    intro:
      "Las granjas que usan la clave de licencia {{keyName}} de su suscripción {{subscriptionName}} ({{productName}}) tienen más usuarios simultáneos de los que permite la clave. Usuarios simultáneos con licencia: {{limit}}. Usuarios simultáneos actuales: {{inUse}}.",
    grace:
      "Ha comenzado un período de gracia de 7 días durante el cual las granjas siguen funcionando con normalidad. Termina el {{graceEndsAt}} (UTC). Si para entonces la clave sigue superando su límite y no se han añadido licencias, las granjas que superen el límite se desactivarán temporalmente hasta que el uso vuelva a estar dentro del límite.",
    advice:
      "Para evitarlo, añada licencias a la clave o reduzca el número de usuarios simultáneos en sus granjas. Para comprar más licencias, póngase en contacto con su distribuidor o su contacto comercial.",
    action: "Administrar granjas",
    outro: "Recibe este correo como administrador de la cuenta o como administrador de licencias de esta clave.",
  },
  "overuse-grace-ending": {
    subject: "{{keyName}} sigue superando su límite de licencias: el período de gracia termina pronto",
    heading: "El período de gracia de {{keyName}} termina pronto",
    intro:
      "Las granjas que usan la clave de licencia {{keyName}} de su suscripción {{subscriptionName}} ({{productName}}) siguen teniendo más usuarios simultáneos de los que permite la clave. Usuarios simultáneos con licencia: {{limit}}. Usuarios simultáneos actuales: {{inUse}}.",
    deadline:
      "El período de gracia termina en las próximas 24 horas, el {{graceEndsAt}} (UTC). Si no se añaden licencias antes, las granjas que sigan superando el límite se desactivarán temporalmente: sus usuarios no podrán ver ni usar los recursos publicados hasta que el uso vuelva a estar dentro del límite.",
    advice:
      "Para que las granjas sigan funcionando, añada licencias a la clave o reduzca el número de usuarios simultáneos en sus granjas. Para comprar más licencias, póngase en contacto con su distribuidor o su contacto comercial.",
    action: "Administrar granjas",
    outro: "Recibe este correo como administrador de la cuenta o como administrador de licencias de esta clave.",
  },
  "overuse-deactivated": {
    subject: "{{keyName}}: las granjas que superan el límite de licencias están desactivadas",
    heading: "{{keyName}}: las granjas que superan el límite están desactivadas",
    intro:
      "El período de gracia de la clave de licencia {{keyName}} de su suscripción {{subscriptionName}} ({{productName}}) ha terminado y la clave sigue superando su límite. Usuarios simultáneos con licencia: {{limit}}. Usuarios simultáneos actuales: {{inUse}}.",
    deactivated:
      "Las granjas que superan el límite están ahora desactivadas temporalmente: sus usuarios no pueden ver ni usar los recursos publicados.",
    restore:
      "Las granjas volverán a funcionar en cuanto el uso vuelva a estar dentro del límite o se añadan licencias a la clave. Para comprar más licencias, póngase en contacto con su distribuidor o su contacto comercial.",
    action: "Administrar granjas",
    outro: "Recibe este correo como administrador de la cuenta o como administrador de licencias de esta clave.",
  },
  "overuse-resolved": {
    subject: "{{keyName}} vuelve a estar dentro de su límite de licencias",
    heading: "{{keyName}} vuelve a estar dentro de su límite de licencias",
    intro:
      "El número de usuarios simultáneos en las granjas que usan la clave de licencia {{keyName}} de su suscripción {{subscriptionName}} ({{productName}}) vuelve a estar dentro del límite de la clave. Usuarios simultáneos con licencia: {{limit}}. Usuarios simultáneos actuales: {{inUse}}.",
    normal: "Las granjas funcionan con normalidad; no es necesario hacer nada.",
    reminder:
      "Procure mantener el uso dentro del límite: solo se concede un nuevo período de gracia después de añadir licencias. Si antes de eso el uso vuelve a superar el límite, las granjas que lo superen pueden desactivarse sin un nuevo período de gracia.",
    action: "Administrar granjas",
    outro: "Recibe este correo como administrador de la cuenta o como administrador de licencias de esta clave.",
  },
};
