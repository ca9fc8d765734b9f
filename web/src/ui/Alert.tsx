import type { ReactNode } from "react";

type AlertProps = { children: ReactNode; tone?: "error" | "warning"; title?: ReactNode };

/** An error or warning that screen readers announce at once (role="alert"). */
export function Alert({ children, tone = "error", title }: AlertProps) {
  return (
    <div role="alert" className={`alert alert-${tone}`}>
      {title && <p className="alert-title">{title}</p>}
      <div>{children}</div>
    </div>
  );
}

/** Renders only when there is a message, so an empty alert is never announced. */
export function FormAlert({ message }: { message: string | null | undefined }) {
  return message ? <Alert>{message}</Alert> : null;
}

/**
 * A polite live region for confirmations. The container is always in the page so
 * that screen readers notice when a message appears in it.
 */
export function StatusMessage({ message }: { message: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="status-region">
      {message ? <div className="alert alert-success">{message}</div> : null}
    </div>
  );
}
