import { type ReactNode, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";

type DialogProps = {
  open: boolean;
  title: string;
  /** Called on Esc, the close button, or a click on the backdrop. */
  onClose: () => void;
  children: ReactNode;
  /** Buttons row at the bottom (Save, Cancel…). */
  footer?: ReactNode;
  wide?: boolean;
};

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the
 * page inert, traps focus, and closes on Esc, so keyboard and screen-reader users get
 * the platform's behaviour rather than a hand-made imitation. Focus returns to the
 * element that opened it.
 */
export function Dialog({ open, title, onClose, children, footer, wide = false }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
      if (opener.current instanceof HTMLElement) opener.current.focus();
    }
  }, [open]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Esc is handled natively by <dialog>; the click only catches the backdrop.
    <dialog
      ref={ref}
      className={wide ? "dialog dialog-wide" : "dialog"}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
    >
      {open && (
        <div className="dialog-body">
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="dialog-close" aria-label={t("common.close")} onClick={onClose}>
              <span aria-hidden="true">×</span>
            </button>
          </header>
          <div className="dialog-content">{children}</div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
