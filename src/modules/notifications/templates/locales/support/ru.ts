import type { SupportMessages } from "./en.ts";

export const supportRu: SupportMessages = {
  "support-ticket-update": {
    subject: "[{{ticketReference}}] Новый ответ: {{ticketSubject}}",
    heading: "Новый ответ в заявке в поддержку",
    intro: "{{authorName}} ответил(а) в заявке {{ticketReference}} ({{ticketSubject}}):",
    reply: "Ответьте на это письмо или откройте заявку в License Portal.",
    action: "Открыть заявку",
    outro: "Вы получили это письмо, потому что создали эту заявку или следите за ней.",
  },
  "support-ticket-status": {
    subject: "[{{ticketReference}}] Новый статус: {{status}} – {{ticketSubject}}",
    heading: "Статус вашей заявки изменился",
    intro: "Заявка {{ticketReference}} ({{ticketSubject}}) теперь {{status}}.",
    advice:
      "Если вам всё ещё нужна помощь, ответьте на это письмо или откройте заявку в License Portal. Решённую заявку можно открыть снова в течение 14 дней; после этого создайте новую заявку.",
    action: "Открыть заявку",
    outro: "Вы получили это письмо, потому что создали эту заявку или следите за ней.",
  },
  "support-watcher-added": {
    subject: "Вы следите за заявкой {{ticketReference}}",
    heading: "Вас добавили к заявке в поддержку",
    intro: "{{adderName}} добавил(а) вас в наблюдатели заявки {{ticketReference}} ({{ticketSubject}}).",
    explain:
      "Вы будете получать письмо о каждом ответе, а также когда заявка будет решена или закрыта. Отвечайте на эти письма, чтобы участвовать в переписке, или откройте заявку кнопкой ниже.",
    action: "Открыть заявку",
    outro: "Если вы не хотите следить за этой заявкой, попросите {{adderName}} удалить вас.",
  },
  "support-ticket-opened": {
    subject: "[{{ticketReference}}] Заявка принята: {{ticketSubject}}",
    heading: "Мы получили вашу заявку в поддержку",
    intro:
      "Ваша заявка {{ticketReference}} ({{ticketSubject}}) открыта. Пожалуйста, указывайте этот номер, если обращаетесь к нам по ней.",
    target: "Целевой срок первого ответа: {{responseTarget}}.",
    reply:
      "Чтобы добавить подробности, просто ответьте на это письмо: ваш ответ будет добавлен в заявку. Следить за заявкой можно также в License Portal.",
    action: "Открыть заявку",
    outro: "Вы получили это письмо, потому что открыли эту заявку.",
  },
};
