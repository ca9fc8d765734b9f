import type { MembershipMessages } from "./en.ts";

/** Simplified Chinese. */
export const membershipZh: MembershipMessages = {
  invitation: {
    subject: "{{inviterName}} 邀请您加入 License Portal 上的“{{accountName}}”",
    heading: "加入 License Portal 上的“{{accountName}}”",
    intro: "{{inviterName}} 邀请您加入 License Portal 上的企业账户“{{accountName}}”。",
    details: "加入后，您将成为“{{accountName}}”的普通成员。如果您还没有 License Portal 账户，可以在加入时创建。",
    action: "加入账户",
    expiry: "此邀请将于 {{expiresAt}}（UTC）失效。",
    outro: "如果您没有预期会收到此邀请，请忽略此邮件。",
  },
  "membership-blocked": {
    subject: "您对 License Portal 上“{{accountName}}”的访问权限已被停用",
    heading: "您对“{{accountName}}”的访问权限已被停用",
    intro:
      "企业账户“{{accountName}}”的管理员已在 License Portal 上停用了您对该账户的访问权限。在访问权限恢复之前，您无法打开此账户。",
    details: "您的成员身份仍然保留，因此您的访问权限可以随时恢复。",
    outro: "如果您认为这是误操作，请联系“{{accountName}}”的管理员。",
  },
  "membership-restored": {
    subject: "您对 License Portal 上“{{accountName}}”的访问权限已恢复",
    heading: "您对“{{accountName}}”的访问权限已恢复",
    intro: "企业账户“{{accountName}}”的管理员已在 License Portal 上恢复了您的访问权限。您在该账户中的角色与之前相同。",
    action: "打开账户",
    outro: "如果您对访问权限有任何疑问，请联系“{{accountName}}”的管理员。",
  },
  "membership-removed": {
    subject: "您在 License Portal 上“{{accountName}}”的成员身份已被取消",
    heading: "您在“{{accountName}}”的成员身份已被取消",
    intro: "您在 License Portal 企业账户“{{accountName}}”中的成员身份已被取消。您已无法再访问此账户。",
    outro: "如果您需要再次访问，“{{accountName}}”的管理员可以重新邀请您。",
  },
};
