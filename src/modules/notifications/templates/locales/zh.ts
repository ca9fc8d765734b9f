import type { IdentityMessages } from "./en.ts";

/** Simplified Chinese. */
export const zh: IdentityMessages = {
  common: {
    greeting: "{{name}}，您好：",
    greetingNoName: "您好：",
    linkHint: "如果按钮无法使用，请将以下链接复制到浏览器中打开：",
    signature: "License Portal 团队",
    footer: "这是一封来自 License Portal 的自动邮件，请勿直接回复。",
  },
  "verify-email": {
    subject: "请确认您的电子邮件地址",
    heading: "确认您的电子邮件地址",
    intro: "感谢您注册 License Portal。请确认这是您的电子邮件地址，以激活您的账户。",
    action: "确认电子邮件地址",
    outro: "如果您没有创建 License Portal 账户，请忽略此邮件。",
  },
  "reset-password": {
    subject: "重置您的 License Portal 密码",
    heading: "重置密码",
    intro: "我们收到了重置您 License Portal 账户密码的请求。请点击下方按钮设置新密码。",
    action: "重置密码",
    outro: "此链接将在 1 小时后失效。如果您没有申请重置密码，请忽略此邮件，您的密码不会更改。",
  },
  welcome: {
    subject: "欢迎使用 License Portal",
    heading: "欢迎使用 License Portal",
    intro: "您的电子邮件地址已确认，账户已准备就绪。您可以在控制面板中管理您的许可证和账户设置。",
    action: "前往控制面板",
    outro: "感谢您的加入。",
  },
  "password-changed": {
    subject: "您的 License Portal 密码已更改",
    heading: "您的密码已更改",
    intro: "您的 License Portal 账户密码刚刚已被更改。如果这是您本人的操作，则无需进行任何处理。",
    action: "重置密码",
    outro: "如果这不是您本人的操作，请立即重置密码，以保护您的账户安全。",
  },
};
