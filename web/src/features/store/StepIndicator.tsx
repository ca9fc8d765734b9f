import { useTranslation } from "react-i18next";

/** "Step 2 of 3" with the steps' names; the current one is marked with aria-current="step". */
export function StepIndicator({ steps, current }: { steps: string[]; current: number }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("store.steps.label")}>
      <ol className="step-indicator">
        {steps.map((name, index) => {
          const state = index < current ? "is-done" : index === current ? "is-current" : "";
          return (
            <li key={name} className={state} aria-current={index === current ? "step" : undefined}>
              <span className="step-number" aria-hidden="true">
                {index + 1}
              </span>
              <span>
                {name}
                {index < current && <span className="sr-only"> ({t("store.steps.done")})</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
