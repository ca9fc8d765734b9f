import type { OveruseMessages } from "./en.ts";

export const overuseDe: OveruseMessages = {
  "overuse-started": {
    subject: "{{keyName}} überschreitet das Lizenzlimit: 7-tägige Kulanzfrist hat begonnen",
    heading: "{{keyName}} überschreitet das Lizenzlimit",
    intro:
      "Die Farmen, die den Lizenzschlüssel {{keyName}} Ihres Abonnements {{subscriptionName}} für {{productName}} verwenden, haben mehr gleichzeitige Benutzer, als für den Schlüssel lizenziert sind. Lizenzierte gleichzeitige Benutzer: {{limit}}. Aktuelle gleichzeitige Benutzer: {{inUse}}.",
    grace:
      "Eine Kulanzfrist von 7 Tagen hat begonnen, in der die Farmen normal weiterarbeiten. Sie endet am {{graceEndsAt}} UTC. Überschreitet der Schlüssel sein Limit dann noch und wurden keine Lizenzen hinzugefügt, werden die Farmen, die das Limit überschreiten, vorübergehend deaktiviert, bis die Nutzung wieder bei oder unter dem Limit liegt.",
    advice:
      "Um das zu vermeiden, fügen Sie dem Schlüssel Lizenzen hinzu oder verringern Sie die Zahl der gleichzeitigen Benutzer auf seinen Farmen. Für weitere Lizenzen wenden Sie sich an Ihren Händler bzw. Ihren Ansprechpartner im Vertrieb.",
    action: "Farmen verwalten",
    outro: "Sie erhalten diese E-Mail als Kontoadministrator des Kontos oder als Lizenzadministrator dieses Schlüssels.",
  },
  "overuse-grace-ending": {
    subject: "{{keyName}} überschreitet weiterhin das Lizenzlimit: Kulanzfrist endet bald",
    heading: "Die Kulanzfrist für {{keyName}} endet bald",
    intro:
      "Die Farmen, die den Lizenzschlüssel {{keyName}} Ihres Abonnements {{subscriptionName}} für {{productName}} verwenden, haben weiterhin mehr gleichzeitige Benutzer, als für den Schlüssel lizenziert sind. Lizenzierte gleichzeitige Benutzer: {{limit}}. Aktuelle gleichzeitige Benutzer: {{inUse}}.",
    deadline:
      "Die Kulanzfrist endet innerhalb eines Tages, am {{graceEndsAt}} UTC. Werden bis dahin keine Lizenzen hinzugefügt, werden die Farmen, die das Limit dann noch überschreiten, vorübergehend deaktiviert. Deren Benutzer können veröffentlichte Ressourcen dann weder auflisten noch verwenden, bis die Nutzung wieder bei oder unter dem Limit liegt.",
    advice:
      "Damit die Farmen weiterarbeiten, fügen Sie dem Schlüssel Lizenzen hinzu oder verringern Sie die Zahl der gleichzeitigen Benutzer auf seinen Farmen. Für weitere Lizenzen wenden Sie sich an Ihren Händler bzw. Ihren Ansprechpartner im Vertrieb.",
    action: "Farmen verwalten",
    outro: "Sie erhalten diese E-Mail als Kontoadministrator des Kontos oder als Lizenzadministrator dieses Schlüssels.",
  },
  "overuse-deactivated": {
    subject: "{{keyName}}: Farmen über dem Lizenzlimit sind deaktiviert",
    heading: "{{keyName}}: Farmen über dem Limit sind deaktiviert",
    intro:
      "Die Kulanzfrist für den Lizenzschlüssel {{keyName}} Ihres Abonnements {{subscriptionName}} für {{productName}} ist abgelaufen, und der Schlüssel überschreitet weiterhin sein Limit. Lizenzierte gleichzeitige Benutzer: {{limit}}. Aktuelle gleichzeitige Benutzer: {{inUse}}.",
    deactivated:
      "Die Farmen, die das Limit überschreiten, sind jetzt vorübergehend deaktiviert. Deren Benutzer können veröffentlichte Ressourcen weder auflisten noch verwenden.",
    restore:
      "Die Farmen funktionieren wieder, sobald die Nutzung wieder bei oder unter dem Limit liegt oder dem Schlüssel Lizenzen hinzugefügt werden. Für weitere Lizenzen wenden Sie sich an Ihren Händler bzw. Ihren Ansprechpartner im Vertrieb.",
    action: "Farmen verwalten",
    outro: "Sie erhalten diese E-Mail als Kontoadministrator des Kontos oder als Lizenzadministrator dieses Schlüssels.",
  },
  "overuse-resolved": {
    subject: "{{keyName}} liegt wieder innerhalb des Lizenzlimits",
    heading: "{{keyName}} liegt wieder innerhalb des Lizenzlimits",
    intro:
      "Die gleichzeitigen Benutzer auf den Farmen, die den Lizenzschlüssel {{keyName}} Ihres Abonnements {{subscriptionName}} für {{productName}} verwenden, liegen wieder bei oder unter dem Limit des Schlüssels. Lizenzierte gleichzeitige Benutzer: {{limit}}. Aktuelle gleichzeitige Benutzer: {{inUse}}.",
    normal: "Die Farmen funktionieren normal; Sie müssen nichts weiter tun.",
    reminder:
      "Bitte halten Sie die Nutzung innerhalb des Limits: Eine neue Kulanzfrist gibt es erst, nachdem Lizenzen hinzugefügt wurden. Überschreitet die Nutzung das Limit vorher erneut, können Farmen über dem Limit ohne neue Kulanzfrist deaktiviert werden.",
    action: "Farmen verwalten",
    outro: "Sie erhalten diese E-Mail als Kontoadministrator des Kontos oder als Lizenzadministrator dieses Schlüssels.",
  },
};
