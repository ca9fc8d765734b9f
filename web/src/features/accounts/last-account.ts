/**
 * The account last opened on this device, per person, so "/" can return to it.
 * Only a hint: "/" checks it against the current account list.
 */
const key = (userId: string) => `license-portal.lastAccount.${userId}`;

export function readLastAccount(userId: string): string | null {
  try {
    return localStorage.getItem(key(userId));
  } catch {
    return null;
  }
}

export function rememberLastAccount(userId: string, accountId: string): void {
  try {
    localStorage.setItem(key(userId), accountId);
  } catch {
    // Storage disabled: "/" falls back to the personal account.
  }
}

export function forgetLastAccount(userId: string, accountId: string): void {
  try {
    if (localStorage.getItem(key(userId)) === accountId) localStorage.removeItem(key(userId));
  } catch {
    // Nothing to forget.
  }
}
