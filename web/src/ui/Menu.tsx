import { Fragment, type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";

/** A disabled item stays focusable with the arrow keys (so its note can be read) but cannot be chosen. */
export type MenuItem =
  | { kind: "link"; id: string; label: ReactNode; href: string; onSelect: () => void; disabled?: boolean }
  | { kind: "action"; id: string; label: ReactNode; onSelect: () => void; disabled?: boolean; separatorBefore?: boolean }
  | { kind: "radio"; id: string; label: ReactNode; checked: boolean; onSelect: () => void; disabled?: boolean };

type MenuButtonProps = {
  /** Content of the button; it is also its accessible name. */
  label: ReactNode;
  items: MenuItem[];
  /** Accessible name of the menu list. */
  menuLabel: string;
  align?: "start" | "end";
  className?: string;
};

/**
 * WAI-ARIA menu button: Enter, Space or ArrowDown opens and focuses the first item,
 * ArrowUp the last; arrows, Home and End move; Escape closes and returns focus to
 * the button; Tab closes and moves on.
 */
export function MenuButton({ label, items, menuLabel, align = "start", className }: MenuButtonProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<Array<HTMLElement | null>>([]);

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapperRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  function openAt(index: number) {
    setActive((index + items.length) % items.length);
    setOpen(true);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      openAt(0);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      openAt(items.length - 1);
    }
  }

  function select(item: MenuItem) {
    if (item.disabled) return;
    close(item.kind !== "link");
    item.onSelect();
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: items.length - 1 };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      setActive((next + items.length) % items.length);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      setOpen(false);
    } else if (event.key === " " || event.key === "Enter") {
      const item = items[active];
      if (item) {
        event.preventDefault();
        select(item);
      }
    }
  }

  const menuId = `${id}-menu`;
  return (
    <div className={`menu ${className ?? ""}`.trim()} ref={wrapperRef}>
      <button
        ref={buttonRef}
        type="button"
        id={`${id}-button`}
        className="menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        {label}
        <span className="menu-caret" aria-hidden="true" />
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label={menuLabel} className={`menu-list menu-${align}`} onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => {
            const common = {
              ref: (el: HTMLElement | null) => {
                itemRefs.current[index] = el;
              },
              tabIndex: -1,
              className: "menu-item",
              "aria-disabled": item.disabled || undefined,
              onMouseEnter: () => setActive(index),
            };
            if (item.kind === "link") {
              return (
                <a
                  key={item.id}
                  {...common}
                  role="menuitem"
                  href={item.href}
                  onClick={(event) => {
                    event.preventDefault();
                    select(item);
                  }}
                >
                  {item.label}
                </a>
              );
            }
            if (item.kind === "radio") {
              return (
                <button
                  key={item.id}
                  {...common}
                  type="button"
                  role="menuitemradio"
                  aria-checked={item.checked}
                  onClick={() => select(item)}
                >
                  {item.label}
                </button>
              );
            }
            return (
              <Fragment key={item.id}>
                {item.separatorBefore && <hr className="menu-separator" />}
                <button {...common} type="button" role="menuitem" onClick={() => select(item)}>
                  {item.label}
                </button>
              </Fragment>
            );
          })}
        </div>
      )}
    </div>
  );
}
