import type { MembershipMessages } from "./en.ts";

export const membershipJa: MembershipMessages = {
  invitation: {
    subject: "{{inviterName}} 様から License Portal の「{{accountName}}」への招待が届いています",
    heading: "「{{accountName}}」への招待",
    intro: "{{inviterName}} 様から、License Portal の法人アカウント「{{accountName}}」への招待が届いています。",
    details:
      "参加すると、「{{accountName}}」の一般メンバーになります。License Portal のアカウントをまだお持ちでない場合は、参加の手続きの中でアカウントを作成します。",
    action: "アカウントに参加する",
    expiry: "この招待の有効期限は {{expiresAt}}（UTC）です。",
    outro: "この招待にお心当たりがない場合は、このメールを無視してください。",
  },
  "membership-blocked": {
    subject: "License Portal の「{{accountName}}」へのアクセスが停止されました",
    heading: "「{{accountName}}」へのアクセスが停止されました",
    intro:
      "法人アカウント「{{accountName}}」の管理者により、License Portal での同アカウントへのアクセスが停止されました。アクセスが再開されるまで、このアカウントを開くことはできません。",
    details: "メンバーとしての登録は維持されているため、アクセスはいつでも再開できます。",
    outro: "誤りと思われる場合は、「{{accountName}}」の管理者にお問い合わせください。",
  },
  "membership-restored": {
    subject: "License Portal の「{{accountName}}」へのアクセスが再開されました",
    heading: "「{{accountName}}」へのアクセスが再開されました",
    intro:
      "法人アカウント「{{accountName}}」の管理者により、License Portal でのアクセスが再開されました。アカウント内のロールは以前と同じです。",
    action: "アカウントを開く",
    outro: "アクセスについてご不明な点がある場合は、「{{accountName}}」の管理者にお問い合わせください。",
  },
  "membership-removed": {
    subject: "License Portal の「{{accountName}}」のメンバーシップが解除されました",
    heading: "「{{accountName}}」のメンバーシップが解除されました",
    intro:
      "License Portal の法人アカウント「{{accountName}}」のメンバーシップが解除されました。今後、このアカウントにはアクセスできません。",
    outro: "再びアクセスが必要になった場合は、「{{accountName}}」の管理者から改めて招待を受けることができます。",
  },
};
