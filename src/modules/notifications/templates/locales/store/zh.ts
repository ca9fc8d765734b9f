import type { StoreMessages } from "./en.ts";

export const storeZh: StoreMessages = {
  "order-paid": {
    subject: "订单 {{orderReference}} 已付款：{{subscriptionName}} 已可使用",
    heading: "感谢您的订购",
    intro:
      "我们已收到订单 {{orderReference}} 的付款 {{amount}}。您的 {{productName}} 订阅 {{subscriptionName}} 已在 License Portal 中就绪。许可证数量：{{licenses}}。",
    renewal: "该订阅将于 {{renewsAt}}（UTC）自动续订。",
    keys: "主密钥显示在订阅详情中，您也可以在那里为您的场创建附加密钥。",
    action: "打开订阅",
    outro: "发票可在 License Portal 的订单页面中查看。",
  },
  "upgrade-paid": {
    subject: "已为 {{subscriptionName}} 添加许可证",
    heading: "新许可证已可使用",
    intro: "我们已收到订单 {{orderReference}} 的付款 {{amount}}。您购买的许可证已添加到订阅 {{subscriptionName}}，现在即可使用。",
    total: "许可证总数：{{licenses}}。",
    action: "打开订阅",
    outro: "发票可在 License Portal 的订单页面中查看。",
  },
  "bank-transfer-instructions": {
    subject: "订单 {{orderReference}} 的付款说明",
    heading: "通过银行转账付款",
    intro: "感谢您的订单 {{orderReference}}。请将 {{amount}} 转账至以下账户：",
    reference: "请在转账附言中填写订单编号 {{orderReference}}，以便我们核对您的付款。",
    release: "收到付款之前不会提供任何内容：我们收到付款后，您的许可证即可使用，届时我们会发送邮件通知您。",
    action: "查看订单",
    outro: "如果您已经付款，请忽略此邮件。",
  },
  "renewal-succeeded": {
    subject: "{{subscriptionName}} 已续订",
    heading: "您的订阅已续订",
    intro: "我们已就订单 {{orderReference}} 从您保存的付款方式中扣款 {{amount}}，并已续订您的订阅 {{subscriptionName}}。",
    period: "现在有效期至 {{expiresAt}}（UTC）。维护和支持也按相同期限续订。",
    action: "打开订阅",
    outro: "您收到此邮件，是因为您是该账户的账户管理员。发票可在 License Portal 的订单页面中查看。",
  },
  "renewal-payment-failed": {
    subject: "{{subscriptionName}} 付款失败：请检查您的付款方式",
    heading: "无法续订 {{subscriptionName}}",
    intro: "我们尝试从您保存的付款方式中扣款 {{amount}} 以续订您的订阅 {{subscriptionName}}，但付款失败。",
    reason: "支付服务商给出的原因：{{failureReason}}",
    retry:
      "我们将于 {{retryAt}}（UTC）再次尝试。订阅在 {{graceEndsAt}}（UTC）之前仍可继续使用；如果届时仍无付款成功，订阅将不会续订。",
    advice: "请在“付款选项”中检查或更换已保存的付款方式。",
    action: "打开付款选项",
    outro: "您收到此邮件，是因为您是该账户的账户管理员。",
  },
  "renewal-ended": {
    subject: "{{subscriptionName}} 未续订",
    heading: "您的订阅未续订",
    intro: "我们未能收取续订订阅 {{subscriptionName}} 的款项，7 天宽限期已结束。",
    expired: "该订阅已于 {{expiresAt}}（UTC）到期，未续订。",
    advice: "如需继续使用该产品，请在 License Portal 中购买新的订阅。",
    action: "打开订阅",
    outro: "您收到此邮件，是因为您是该账户的账户管理员。",
  },
};
