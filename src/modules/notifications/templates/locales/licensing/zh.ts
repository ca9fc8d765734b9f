import type { LicensingMessages } from "./en.ts";

/** Simplified Chinese. */
export const licensingZh: LicensingMessages = {
  "registration-key": {
    subject: "您的 {{productName}} 订阅已可注册",
    heading: "注册您的 {{productName}} 订阅",
    intro: "我们已为您签发一份 {{productName}} 订阅，您现在可以在 License Portal 中注册该订阅。",
    details: "并发用户许可证数量：{{licenses}}；订阅期限：{{term}}。",
    keyLabel: "您的注册密钥：",
    steps:
      "要注册该订阅，请登录 License Portal（如果您还没有账户，请先创建一个），选择该订阅所属的账户，点击“注册订阅”，然后输入密钥。",
    action: "打开 License Portal",
    keepPrivate: "请妥善保管此密钥，切勿泄露：任何持有该密钥的人都可以将此订阅注册到自己的账户中。",
  },
  "subscription-expiring": {
    subject: "“{{subscriptionName}}”即将到期（剩余 {{daysLeft}} 天）",
    heading: "“{{subscriptionName}}”即将到期",
    intro: "您的 {{productName}} 订阅“{{subscriptionName}}”将于 {{expiresAt}}（UTC）到期，还剩 {{daysLeft}} 天。",
    atExpiry:
      "订阅到期后，主密钥将在 30 天的宽限期内继续有效；附加许可证密钥将在到期时停止工作。宽限期结束后，许可证将停止工作。",
    renew: "如需不间断地继续使用 {{productName}}，请在 License Portal 中续订该订阅，或联系您的经销商或销售联系人。",
    action: "查看订阅",
    outro: "如果您已续订此订阅，请忽略此邮件。",
  },
  "subscription-expired": {
    subject: "“{{subscriptionName}}”已到期",
    heading: "“{{subscriptionName}}”已到期",
    intro: "您的 {{productName}} 订阅“{{subscriptionName}}”已于 {{expiresAt}}（UTC）到期。",
    grace:
      "在宽限期内，主密钥将继续有效，直至 {{graceEndsAt}}（UTC）；附加许可证密钥已停止工作。宽限期结束后，许可证将停止工作。",
    renew: "如需继续使用 {{productName}}，请在 License Portal 中续订该订阅，或联系您的经销商或销售联系人。",
    action: "查看订阅",
    outro: "如果您已续订此订阅，请忽略此邮件。",
  },
};
