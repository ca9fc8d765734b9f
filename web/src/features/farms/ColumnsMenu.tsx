import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Checkbox } from "../../ui/Checkbox.tsx";
import { COLUMN_LABEL_KEYS, HIDEABLE_COLUMNS, type HideableColumn } from "./columns.ts";

type Props = { hidden: ReadonlySet<HideableColumn>; onChange: (column: HideableColumn, shown: boolean) => void };

/**
 * The gear above the table: a disclosure with a checkbox per column. It stays open
 * while columns are ticked; Escape closes it and returns focus to the gear, and
 * clicking or tabbing elsewhere closes it.
 */
export function ColumnsMenu({ hidden, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLInputElement>("input")?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapperRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  const label = t("farms.columns.menu");
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the disclosure closes it; the controls inside are native.
    <div
      className="menu columns-menu"
      ref={wrapperRef}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        // Tabbing out closes it; a click elsewhere is handled by the pointerdown listener.
        const next = event.relatedTarget;
        if (open && next instanceof Node && !wrapperRef.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        id={`${id}-button`}
        className="icon-button columns-button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-label={label}
        title={label}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="gear-icon" aria-hidden="true">
          ⚙
        </span>
      </button>
      <div ref={panelRef} id={`${id}-panel`} className="menu-list menu-end columns-panel" hidden={!open}>
        <fieldset className="fieldset-plain stack-xs">
          <legend className="field-label">{t("farms.columns.legend")}</legend>
          {HIDEABLE_COLUMNS.map((column) => (
            <Checkbox
              key={column}
              label={t(COLUMN_LABEL_KEYS[column])}
              checked={!hidden.has(column)}
              onChange={(shown) => onChange(column, shown)}
            />
          ))}
        </fieldset>
      </div>
    </div>
  );
}
