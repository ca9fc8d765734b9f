import type { MembershipMessages } from "./en.ts";

export const membershipRu: MembershipMessages = {
  invitation: {
    subject: "{{inviterName}} приглашает вас присоединиться к «{{accountName}}» в License Portal",
    heading: "Приглашение в «{{accountName}}» в License Portal",
    intro: "{{inviterName}} приглашает вас присоединиться к корпоративной учётной записи «{{accountName}}» в License Portal.",
    details:
      "Присоединившись, вы станете обычным участником «{{accountName}}». Если у вас ещё нет учётной записи в License Portal, вы создадите её при присоединении.",
    action: "Присоединиться",
    expiry: "Срок действия приглашения истекает {{expiresAt}} (UTC).",
    outro: "Если вы не ожидали этого приглашения, просто проигнорируйте это письмо.",
  },
  "membership-blocked": {
    subject: "Ваш доступ к «{{accountName}}» в License Portal заблокирован",
    heading: "Ваш доступ к «{{accountName}}» заблокирован",
    intro:
      "Администраторы корпоративной учётной записи «{{accountName}}» заблокировали ваш доступ к ней в License Portal. Пока доступ заблокирован, вы не сможете открыть эту учётную запись.",
    details: "Вы по-прежнему остаётесь её участником, поэтому доступ может быть восстановлен в любой момент.",
    outro: "Если вы считаете, что это ошибка, свяжитесь с администраторами «{{accountName}}».",
  },
  "membership-restored": {
    subject: "Ваш доступ к «{{accountName}}» в License Portal восстановлен",
    heading: "Ваш доступ к «{{accountName}}» восстановлен",
    intro:
      "Администраторы корпоративной учётной записи «{{accountName}}» восстановили ваш доступ в License Portal. Ваша роль в ней осталась прежней.",
    action: "Открыть учётную запись",
    outro: "Если у вас есть вопросы о доступе, свяжитесь с администраторами «{{accountName}}».",
  },
  "membership-removed": {
    subject: "Ваше участие в «{{accountName}}» в License Portal прекращено",
    heading: "Ваше участие в «{{accountName}}» прекращено",
    intro:
      "Ваше участие в корпоративной учётной записи «{{accountName}}» в License Portal прекращено. У вас больше нет доступа к этой учётной записи.",
    outro: "Если вам снова понадобится доступ, администратор «{{accountName}}» может пригласить вас повторно.",
  },
};
