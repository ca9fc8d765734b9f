/**
 * Password managers (and Chrome's form checks) expect a username next to a password
 * field. This one is hidden from everyone; it only tells them whose password it is.
 */
export function HiddenUsername({ value }: { value: string }) {
  return <input type="email" name="username" autoComplete="username" value={value} readOnly hidden />;
}
