import type { OveruseMessages } from "./en.ts";

export const overuseZh: OveruseMessages = {
  "overuse-started": {
    subject: "许可证密钥“{{keyName}}”已超出许可上限，7 天宽限期已开始",
    heading: "许可证密钥“{{keyName}}”已超出许可上限",
    intro:
      "使用您的 {{productName}} 订阅“{{subscriptionName}}”中许可证密钥“{{keyName}}”的场，其并发用户数已超出该密钥的许可数量。许可的并发用户数：{{limit}}；当前并发用户数：{{inUse}}。",
    grace:
      "7 天宽限期已开始，在此期间场将照常工作。宽限期将于 {{graceEndsAt}}（UTC）结束。届时如果该密钥仍超出上限且未添加许可证，超出上限的场将被暂时停用，直到使用量恢复到不超过上限为止。",
    advice: "为避免这种情况，请为该密钥添加许可证，或减少其场上的并发用户数。如需购买更多许可证，请联系您的经销商或销售联系人。",
    action: "管理场",
    outro: "您收到此邮件，是因为您是该账户的账户管理员或此密钥的许可证管理员。",
  },
  "overuse-grace-ending": {
    subject: "许可证密钥“{{keyName}}”仍超出许可上限，宽限期即将结束",
    heading: "许可证密钥“{{keyName}}”的宽限期即将结束",
    intro:
      "使用您的 {{productName}} 订阅“{{subscriptionName}}”中许可证密钥“{{keyName}}”的场，其并发用户数仍超出该密钥的许可数量。许可的并发用户数：{{limit}}；当前并发用户数：{{inUse}}。",
    deadline:
      "宽限期将在 24 小时内结束，即 {{graceEndsAt}}（UTC）。如果届时仍未添加许可证，仍超出上限的场将被暂时停用：在使用量恢复到不超过上限之前，其用户将无法查看或使用已发布的资源。",
    advice:
      "为确保场继续正常工作，请为该密钥添加许可证，或减少其场上的并发用户数。如需购买更多许可证，请联系您的经销商或销售联系人。",
    action: "管理场",
    outro: "您收到此邮件，是因为您是该账户的账户管理员或此密钥的许可证管理员。",
  },
  "overuse-deactivated": {
    subject: "许可证密钥“{{keyName}}”：超出许可上限的场已被停用",
    heading: "许可证密钥“{{keyName}}”：超出上限的场已被停用",
    intro:
      "您的 {{productName}} 订阅“{{subscriptionName}}”中许可证密钥“{{keyName}}”的宽限期已结束，但其并发用户数仍超出上限。许可的并发用户数：{{limit}}；当前并发用户数：{{inUse}}。",
    deactivated: "超出上限的场现已被暂时停用：其用户无法查看或使用已发布的资源。",
    restore:
      "一旦使用量恢复到不超过上限，或为该密钥添加了许可证，这些场将恢复工作。如需购买更多许可证，请联系您的经销商或销售联系人。",
    action: "管理场",
    outro: "您收到此邮件，是因为您是该账户的账户管理员或此密钥的许可证管理员。",
  },
  "overuse-resolved": {
    subject: "许可证密钥“{{keyName}}”的使用量已恢复到许可上限以内",
    heading: "许可证密钥“{{keyName}}”的使用量已恢复到许可上限以内",
    intro:
      "使用您的 {{productName}} 订阅“{{subscriptionName}}”中许可证密钥“{{keyName}}”的场，其并发用户数已恢复到不超过该密钥上限的水平。许可的并发用户数：{{limit}}；当前并发用户数：{{inUse}}。",
    normal: "这些场现在正常工作，您无需执行任何操作。",
    reminder:
      "请将使用量保持在上限以内：只有在添加许可证之后，才会再次提供新的宽限期。如果在此之前使用量再次超出上限，超出上限的场可能会在没有新宽限期的情况下被停用。",
    action: "管理场",
    outro: "您收到此邮件，是因为您是该账户的账户管理员或此密钥的许可证管理员。",
  },
};
