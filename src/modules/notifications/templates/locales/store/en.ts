import type { CopyShape } from "../copy-shape.ts";

/**
 * English copy of the store emails: the source of the keys (see StoreMessages).
 * Placeholders: {{amount}} is already formatted as money in the recipient's language with
 * its currency ("$1,500.00", "1.500,00 €"); {{licenses}} a formatted whole number that
 * stands after a label ("Licenses: 25"), so one form reads correctly for every number;
 * {{renewsAt}}, {{expiresAt}}, {{retryAt}} and {{graceEndsAt}} dates in UTC, which the copy
 * says; {{orderReference}} the order's reference ("LP-7KQ2MX4P"); {{failureReason}} the
 * payment provider's message. The bank's payee lines are a block of their own, not a placeholder.
 * Order emails go to the Account Administrator who placed the order; renewal emails to
 * every Account Administrator of the account.
 */
export const storeEn = {
  "order-paid": {
    subject: "Order {{orderReference}} is paid: {{subscriptionName}} is ready",
    heading: "Thank you for your order",
    intro:
      "We have received your payment of {{amount}} for order {{orderReference}}. Your {{productName}} subscription {{subscriptionName}} is ready in License Portal. Licenses: {{licenses}}.",
    renewal: "The subscription renews automatically on {{renewsAt}} UTC.",
    keys: "Its Primary Key is in the subscription's details, where you can also create additional keys for your farms.",
    action: "Open the subscription",
    outro: "The invoice is with the order in License Portal.",
  },
  "upgrade-paid": {
    subject: "Licenses added to {{subscriptionName}}",
    heading: "Your new licenses are ready",
    intro:
      "We have received your payment of {{amount}} for order {{orderReference}}. The licenses you bought have been added to your subscription {{subscriptionName}} and can be used now.",
    total: "Total licenses: {{licenses}}.",
    action: "Open the subscription",
    outro: "The invoice is with the order in License Portal.",
  },
  "bank-transfer-instructions": {
    subject: "Payment instructions for order {{orderReference}}",
    heading: "Pay by bank transfer",
    intro: "Thank you for your order {{orderReference}}. Please transfer {{amount}} to this account:",
    reference: "Put the order reference {{orderReference}} in the transfer's reference so that we can match your payment.",
    release:
      "Nothing is provisioned before the payment arrives: your licenses become available as soon as we have received it, and we will email you then.",
    action: "View the order",
    outro: "If you have already paid, you can ignore this email.",
  },
  "renewal-succeeded": {
    subject: "{{subscriptionName}} has been renewed",
    heading: "Your subscription has been renewed",
    intro:
      "We have charged {{amount}} to your saved payment method for order {{orderReference}} and renewed your subscription {{subscriptionName}}.",
    period: "It now runs until {{expiresAt}} UTC. Maintenance and support are renewed for the same period.",
    action: "Open the subscription",
    outro:
      "You are receiving this email as an Account Administrator of the account. The invoice is with the order in License Portal.",
  },
  "renewal-payment-failed": {
    subject: "Payment for {{subscriptionName}} failed: please check your payment method",
    heading: "We could not renew {{subscriptionName}}",
    intro:
      "We tried to charge {{amount}} to your saved payment method to renew your subscription {{subscriptionName}}, but the payment failed.",
    reason: "Reason given by the payment provider: {{failureReason}}",
    retry:
      "We will try again on {{retryAt}} UTC. The subscription keeps working until {{graceEndsAt}} UTC; if no payment succeeds by then, it will not be renewed.",
    advice: "Please check or replace the saved payment method under Payment Options.",
    action: "Open Payment Options",
    outro: "You are receiving this email as an Account Administrator of the account.",
  },
  "renewal-ended": {
    subject: "{{subscriptionName}} was not renewed",
    heading: "Your subscription was not renewed",
    intro:
      "We could not collect the payment to renew your subscription {{subscriptionName}}, and the 7-day grace period has ended.",
    expired: "The subscription expired on {{expiresAt}} UTC and was not renewed.",
    advice: "To keep using the product, buy a new subscription in License Portal.",
    action: "Open the subscription",
    outro: "You are receiving this email as an Account Administrator of the account.",
  },
};

export type StoreMessages = CopyShape<typeof storeEn>;
