import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { useRouteAccountId } from "../accounts/account-context.tsx";
import { farmsPath } from "../farms/paths.ts";
import { storePaths } from "../store/paths.ts";
import type { DashboardSummary, DisplayFilter } from "./api.ts";
import { formatCount } from "./format.ts";

type Card = DashboardSummary["cards"][number];
type Count = { display: DisplayFilter | null; key: string; value: number };

function counts(card: Card): Count[] {
  const list: Count[] = [
    { display: "active", key: "licensing.status.active", value: card.active },
    { display: "expiring_soon", key: "licensing.status.expiring_soon", value: card.expiringSoon },
    { display: "grace", key: "licensing.status.grace", value: card.grace },
    { display: "expired", key: "licensing.status.expired", value: card.expired },
  ];
  // Suspended has no Display filter of its own; it is listed only when there are some.
  if (card.suspended > 0) list.push({ display: null, key: "licensing.status.suspended", value: card.suspended });
  return list;
}

type Props = {
  cards: Card[];
  /** A count was pressed: show that product's subscriptions with that status. */
  onFilter: (productId: string, display: DisplayFilter) => void;
  /** Account Administrators buy: the card links Purchase and Buy More Licenses. */
  canBuy?: boolean;
};

/** A card per product: subscriptions by status (each a shortcut to the filtered list) and total licenses. */
export function ProductCards({ cards, onFilter, canBuy = false }: Props) {
  const { t } = useTranslation();
  const accountId = useRouteAccountId();
  return (
    <ul className="product-cards">
      {cards.map((card) => (
        <li key={card.product.id} className="card product-card">
          <h3 id={`product-${card.product.id}`}>{card.product.name}</h3>
          <p className="product-total">
            <span className="product-total-number">{formatCount(card.totalLicenses)}</span>{" "}
            <span className="muted">{t("licensing.dashboard.totalLicenses")}</span>
          </p>
          <ul className="product-counts" aria-labelledby={`product-${card.product.id}`}>
            {counts(card).map((count) => (
              <li key={count.key}>
                {count.display ? (
                  <button
                    type="button"
                    className="count-button"
                    onClick={() => count.display && onFilter(card.product.id, count.display)}
                  >
                    <span className="count-value">{formatCount(count.value)}</span>
                    <span>{t(count.key)}</span>
                    <span className="sr-only">{t("licensing.dashboard.showThese")}</span>
                  </button>
                ) : (
                  <span className="count-static">
                    <span className="count-value">{formatCount(count.value)}</span>
                    <span>{t(count.key)}</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
          {accountId && (
            <p className="small product-links">
              <Link to={farmsPath(accountId)}>{t("licensing.dashboard.manageFarms")}</Link>
              {canBuy && (
                <>
                  <Link to={storePaths.purchase(accountId, card.product.id)}>
                    {t("store.links.purchase")}
                    <span className="sr-only"> ({card.product.name})</span>
                  </Link>
                  <Link to={storePaths.buyMore(accountId)}>
                    {t("store.links.buyMore")}
                    <span className="sr-only"> ({card.product.name})</span>
                  </Link>
                </>
              )}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
