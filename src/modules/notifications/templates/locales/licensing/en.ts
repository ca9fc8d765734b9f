import type { CopyShape } from "../copy-shape.ts";

/**
 * English copy of the licensing emails: the source of the keys (see LicensingMessages).
 * Placeholders: {{productName}} in all three; {{licenses}} (a formatted whole number),
 * {{term}} (already in the recipient's language) in "registration-key", whose key is a
 * code block of its own (not copy); {{subscriptionName}} and {{expiresAt}} in the other two;
 * {{daysLeft}} (a formatted whole number) in "subscription-expiring"; {{graceEndsAt}} in
 * "subscription-expired". Dates are formatted in UTC, which the copy says. Numbers stand
 * after a label ("Days left: 7"), so one form reads correctly for every number in every language.
 */
export const licensingEn = {
  "registration-key": {
    subject: "Your {{productName}} subscription is ready to register",
    heading: "Register your {{productName}} subscription",
    intro: "A {{productName}} subscription has been issued for you and is ready to be registered in License Portal.",
    details: "Concurrent-user licenses: {{licenses}}. Term: {{term}}.",
    keyLabel: "Your registration key:",
    steps:
      'To register the subscription, sign in to License Portal (or create an account if you don\'t have one yet), choose the account the subscription should belong to, select "Register a subscription", and enter the key.',
    action: "Open License Portal",
    keepPrivate: "Keep this key private: anyone who has it can register the subscription to their account.",
  },
  "subscription-expiring": {
    subject: "{{subscriptionName}} expires soon (days left: {{daysLeft}})",
    heading: "{{subscriptionName}} expires soon",
    intro: "Your {{productName}} subscription {{subscriptionName}} expires on {{expiresAt}} UTC. Days left: {{daysLeft}}.",
    atExpiry:
      "When the subscription expires, the primary key keeps working for a 30-day grace period; additional license keys stop working at expiry. After the grace period, the licenses stop working.",
    renew:
      "To keep using {{productName}} without interruption, renew the subscription in License Portal or contact your reseller or sales contact.",
    action: "View subscription",
    outro: "If you have already renewed this subscription, you can ignore this email.",
  },
  "subscription-expired": {
    subject: "{{subscriptionName}} has expired",
    heading: "{{subscriptionName}} has expired",
    intro: "Your {{productName}} subscription {{subscriptionName}} expired on {{expiresAt}} UTC.",
    grace:
      "The primary key keeps working during a grace period until {{graceEndsAt}} UTC; additional license keys have already stopped working. After the grace period, the licenses stop working.",
    renew: "To keep using {{productName}}, renew the subscription in License Portal or contact your reseller or sales contact.",
    action: "View subscription",
    outro: "If you have already renewed this subscription, you can ignore this email.",
  },
};

export type LicensingMessages = CopyShape<typeof licensingEn>;
