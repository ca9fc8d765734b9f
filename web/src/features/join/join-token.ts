/**
 * The invitation token arrives in the link's #fragment (/join#token=…), so it never
 * reaches a server log or a Referer. We read it once, drop it from the address bar
 * at once (history, screenshots, shoulder-surfing), and keep it in memory only —
 * also across "Sign out and continue".
 */
let token: string | null = null;

/** The token from the address bar, or the one already taken; idempotent. */
export function takeJoinToken(): string | null {
  const { hash, pathname, search } = window.location;
  if (hash.length > 1) {
    const fromHash = new URLSearchParams(hash.slice(1)).get("token");
    if (fromHash) token = fromHash;
    window.history.replaceState(window.history.state, "", pathname + search);
  }
  return token;
}

/** After joining, the token has done its job. */
export function forgetJoinToken(): void {
  token = null;
}
