import type { CopyShape } from "../copy-shape.ts";

/**
 * English copy of the business-account membership emails: the source of the keys
 * (see MembershipMessages). Placeholders: {{accountName}} in all four;
 * {{inviterName}} and {{expiresAt}} (a formatted date and time in UTC) in "invitation".
 */
export const membershipEn = {
  invitation: {
    subject: "{{inviterName}} invited you to join {{accountName}} on License Portal",
    heading: "Join {{accountName}} on License Portal",
    intro: "{{inviterName}} has invited you to join the business account {{accountName}} on License Portal.",
    details:
      "When you join, you become a Regular Member of {{accountName}}. If you don't have a License Portal account yet, you create one while joining.",
    action: "Join account",
    expiry: "This invitation expires on {{expiresAt}} UTC.",
    outro: "If you weren't expecting this invitation, you can ignore this email.",
  },
  "membership-blocked": {
    subject: "Your access to {{accountName}} on License Portal was blocked",
    heading: "Your access to {{accountName}} was blocked",
    intro:
      "The administrators of the business account {{accountName}} have blocked your access to it on License Portal. While your access is blocked, you cannot open this account.",
    details: "Your membership is kept, so your access can be restored at any time.",
    outro: "If you think this is a mistake, please contact the administrators of {{accountName}}.",
  },
  "membership-restored": {
    subject: "Your access to {{accountName}} on License Portal was restored",
    heading: "Your access to {{accountName}} was restored",
    intro:
      "The administrators of the business account {{accountName}} have restored your access on License Portal. You have the same role in the account as before.",
    action: "Open account",
    outro: "If you have questions about your access, please contact the administrators of {{accountName}}.",
  },
  "membership-removed": {
    subject: "Your membership in {{accountName}} on License Portal was canceled",
    heading: "Your membership in {{accountName}} was canceled",
    intro:
      "Your membership in the business account {{accountName}} on License Portal has been canceled. You no longer have access to this account.",
    outro: "If you need access again, an administrator of {{accountName}} can invite you again.",
  },
};

export type MembershipMessages = CopyShape<typeof membershipEn>;
