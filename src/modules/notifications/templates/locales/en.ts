import type { CopyShape } from "./copy-shape.ts";

/**
 * English email copy for the shared parts and the identity emails: the source of
 * the keys. Every other locale is typed as `IdentityMessages`, so a missing key is
 * a compile error. "License Portal" is the product name and stays untranslated.
 * Placeholders: {{name}} (greeting only).
 */
export const en = {
  common: {
    greeting: "Hello {{name}},",
    greetingNoName: "Hello,",
    linkHint: "If the button doesn't work, copy this link into your browser:",
    signature: "The License Portal team",
    footer: "This is an automated message from License Portal. Replies to this address are not read.",
  },
  "verify-email": {
    subject: "Confirm your email address",
    heading: "Confirm your email address",
    intro: "Thanks for signing up for License Portal. Please confirm that this is your email address to activate your account.",
    action: "Confirm email address",
    outro: "If you didn't create a License Portal account, you can safely ignore this email.",
  },
  "reset-password": {
    subject: "Reset your License Portal password",
    heading: "Reset your password",
    intro:
      "We received a request to reset the password for your License Portal account. Use the button below to choose a new password.",
    action: "Reset password",
    outro:
      "This link expires in 1 hour. If you didn't request a password reset, you can ignore this email; your password will not change.",
  },
  welcome: {
    subject: "Welcome to License Portal",
    heading: "Welcome to License Portal",
    intro:
      "Your email address is confirmed and your account is ready. From your dashboard you can manage your licenses and account settings.",
    action: "Go to your dashboard",
    outro: "We're glad to have you with us.",
  },
  "password-changed": {
    subject: "Your License Portal password was changed",
    heading: "Your password was changed",
    intro: "The password for your License Portal account was just changed. If you made this change, no further action is needed.",
    action: "Reset your password",
    outro: "If this wasn't you, reset your password right away to secure your account.",
  },
};

export type IdentityMessages = CopyShape<typeof en>;
