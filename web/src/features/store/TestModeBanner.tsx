import { useId } from "react";
import { useTranslation } from "react-i18next";
import { TEST_CARDS } from "./card-form.ts";

/**
 * Shown wherever money moves while the built-in test gateway takes the payments, so
 * nobody mistakes it for a real payment: no card is charged, and these numbers decide
 * the outcome.
 */
export function TestModeBanner({ showCards = true }: { showCards?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="test-mode-banner" aria-labelledby={id}>
      <h2 id={id} className="test-mode-title">
        <span className="test-mode-flag" aria-hidden="true">
          !
        </span>
        {t("store.testMode.title")}
      </h2>
      <p>{t("store.testMode.body")}</p>
      {showCards && (
        <>
          <p>{t("store.testMode.cardsIntro")}</p>
          <ul className="test-cards">
            {TEST_CARDS.map((card) => (
              <li key={card.number}>
                <code className="test-card-number">{card.number}</code> {t(card.outcome)}
              </li>
            ))}
          </ul>
          <p className="small">{t("store.testMode.anyExpiry")}</p>
        </>
      )}
    </section>
  );
}
