import type { SupportMessages } from "./en.ts";

export const supportZh: SupportMessages = {
  "support-ticket-update": {
    subject: "[{{ticketReference}}] 新回复：{{ticketSubject}}",
    heading: "支持工单有新回复",
    intro: "{{authorName}} 回复了工单 {{ticketReference}}（{{ticketSubject}}）：",
    reply: "直接回复此邮件即可作答，或在 License Portal 中打开该工单。",
    action: "打开工单",
    outro: "您收到此邮件，是因为您创建或关注了此工单。",
  },
  "support-ticket-status": {
    subject: "[{{ticketReference}}] 状态更新（{{status}}）：{{ticketSubject}}",
    heading: "您的支持工单状态已更新",
    intro: "工单 {{ticketReference}}（{{ticketSubject}}）现在的状态是：{{status}}。",
    advice:
      "如果您仍需要帮助，请回复此邮件或在 License Portal 中打开该工单。已解决的工单可在 14 天内重新打开；之后请创建新工单。",
    action: "打开工单",
    outro: "您收到此邮件，是因为您创建或关注了此工单。",
  },
  "support-watcher-added": {
    subject: "您已成为支持工单 {{ticketReference}} 的关注者",
    heading: "您被添加到一个支持工单",
    intro: "{{adderName}} 已将您添加为支持工单 {{ticketReference}}（{{ticketSubject}}）的关注者。",
    explain: "每当有新回复，以及工单被解决或关闭时，您都会收到邮件。回复这些邮件即可参与沟通，也可以通过下方按钮打开工单。",
    action: "打开工单",
    outro: "如果您不想关注此工单，请联系 {{adderName}} 将您移除。",
  },
  "support-ticket-opened": {
    subject: "[{{ticketReference}}] 已收到工单：{{ticketSubject}}",
    heading: "我们已收到您的支持工单",
    intro: "您的工单 {{ticketReference}}（{{ticketSubject}}）已创建。就此工单联系我们时，请提供该编号。",
    target: "首次回复目标时间：{{responseTarget}}内。",
    reply: "如需补充详情，直接回复此邮件即可，您的回复会添加到该工单中。您也可以在 License Portal 中跟进该工单。",
    action: "打开工单",
    outro: "您收到此邮件，是因为您创建了该工单。",
  },
};
