import type { CopyShape } from "../copy-shape.ts";

/**
 * English copy of the license overuse emails: the source of the keys (see OveruseMessages).
 * A key's concurrent users are pooled across the customer's farms; the first report over
 * the limit starts a 7-day grace period, after which farms over the limit are deactivated
 * until usage is back at or under the limit (adding licenses makes the grace available again).
 * Placeholders: {{keyName}}, {{productName}}, {{subscriptionName}}, {{limit}} and {{inUse}}
 * (formatted whole numbers) in all four; {{graceEndsAt}} in "overuse-started" and
 * "overuse-grace-ending". Dates are formatted in UTC, which the copy says. Numbers stand
 * after a label ("Licensed concurrent users: 25"), so one form reads correctly for every number.
 * The recipients are the account's Account Administrators and the key's License Administrators.
 */
export const overuseEn = {
  "overuse-started": {
    subject: "{{keyName}} is over its license limit: 7-day grace period started",
    heading: "{{keyName}} is over its license limit",
    intro:
      "The farms using license key {{keyName}} of your {{productName}} subscription {{subscriptionName}} have more concurrent users than the key is licensed for. Licensed concurrent users: {{limit}}. Current concurrent users: {{inUse}}.",
    grace:
      "A 7-day grace period has started, during which the farms keep working normally. It ends on {{graceEndsAt}} UTC. If the key is still over its limit then and no licenses have been added, the farms over the limit will be temporarily deactivated until usage is back at or under the limit.",
    advice:
      "To avoid this, add licenses to the key or reduce the number of concurrent users on its farms. To buy more licenses, contact your reseller or sales contact.",
    action: "Manage farms",
    outro: "You are receiving this email as an Account Administrator of the account or a License Administrator of this key.",
  },
  "overuse-grace-ending": {
    subject: "{{keyName}} is still over its license limit: grace period ends soon",
    heading: "The grace period for {{keyName}} ends soon",
    intro:
      "The farms using license key {{keyName}} of your {{productName}} subscription {{subscriptionName}} still have more concurrent users than the key is licensed for. Licensed concurrent users: {{limit}}. Current concurrent users: {{inUse}}.",
    deadline:
      "The grace period ends within a day, on {{graceEndsAt}} UTC. Unless licenses are added by then, the farms still over the limit will be temporarily deactivated: their users will not be able to list or use published resources until usage is back at or under the limit.",
    advice:
      "To keep the farms working, add licenses to the key or reduce the number of concurrent users on its farms. To buy more licenses, contact your reseller or sales contact.",
    action: "Manage farms",
    outro: "You are receiving this email as an Account Administrator of the account or a License Administrator of this key.",
  },
  "overuse-deactivated": {
    subject: "{{keyName}}: farms over the license limit are deactivated",
    heading: "{{keyName}}: farms over the limit are deactivated",
    intro:
      "The grace period for license key {{keyName}} of your {{productName}} subscription {{subscriptionName}} has ended, and the key is still over its limit. Licensed concurrent users: {{limit}}. Current concurrent users: {{inUse}}.",
    deactivated: "The farms over the limit are now temporarily deactivated: their users cannot list or use published resources.",
    restore:
      "The farms work again as soon as usage is back at or under the limit, or once licenses are added to the key. To buy more licenses, contact your reseller or sales contact.",
    action: "Manage farms",
    outro: "You are receiving this email as an Account Administrator of the account or a License Administrator of this key.",
  },
  "overuse-resolved": {
    subject: "{{keyName}} is back within its license limit",
    heading: "{{keyName}} is back within its license limit",
    intro:
      "The concurrent users on the farms using license key {{keyName}} of your {{productName}} subscription {{subscriptionName}} are back at or under the key's limit. Licensed concurrent users: {{limit}}. Current concurrent users: {{inUse}}.",
    normal: "The farms work normally; no action is needed.",
    reminder:
      "Please keep usage within the limit: a new grace period is available only after licenses have been added. If usage goes over the limit again before then, farms over the limit can be deactivated without a new grace period.",
    action: "Manage farms",
    outro: "You are receiving this email as an Account Administrator of the account or a License Administrator of this key.",
  },
};

export type OveruseMessages = CopyShape<typeof overuseEn>;
