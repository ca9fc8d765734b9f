import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

type PageHeadingProps = {
  children: ReactNode;
  title: string;
  subtitle?: ReactNode;
  /** Links or buttons shown beside the heading (on the right on wide screens). */
  actions?: ReactNode;
};

/**
 * The page's h1. It takes focus when it appears, so after a client-side navigation
 * screen readers start reading at the new page and keyboard users start from it.
 */
export function PageHeading({ children, title, subtitle, actions }: PageHeadingProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
  const heading = (
    <>
      <h1 ref={ref} tabIndex={-1} className="page-title">
        {children}
      </h1>
      {subtitle && <p className="page-subtitle">{subtitle}</p>}
    </>
  );
  if (!actions) return <header className="page-header">{heading}</header>;
  return (
    <header className="page-header page-header-actions">
      <div>{heading}</div>
      <div className="page-actions">{actions}</div>
    </header>
  );
}

/** A heading for one step of a multi-step section; takes focus when the step appears. */
export function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h3 ref={ref} tabIndex={-1} className="step-title">
      {children}
    </h3>
  );
}
