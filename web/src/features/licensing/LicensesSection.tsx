import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import type { SubscriptionDetails } from "./api.ts";
import { formatCount } from "./format.ts";

/** Licenses: total, reserved in additional keys, left in the main pool, and in use now on the farms (with a link to them). */
export function LicensesSection({ licenses, farmsHref }: { licenses: SubscriptionDetails["licenses"]; farmsHref?: string }) {
  const { t } = useTranslation();
  const figures = [
    { key: "total", label: t("licensing.licenses.total"), value: licenses.total },
    { key: "reserved", label: t("licensing.licenses.reserved"), value: licenses.reservedInAdditionalKeys },
    { key: "available", label: t("licensing.licenses.available"), value: licenses.availableInMainPool },
    { key: "inUse", label: t("licensing.licenses.inUse"), value: licenses.inUseNow },
  ];
  return (
    <section className="card" aria-labelledby="licenses-heading">
      <div className="section-head">
        <h2 id="licenses-heading">{t("licensing.licenses.heading")}</h2>
        {farmsHref && <Link to={farmsHref}>{t("licensing.licenses.manageFarms")}</Link>}
      </div>
      <dl className="figures">
        {figures.map((figure) => (
          <div key={figure.key} className="figure">
            <dt>{figure.label}</dt>
            <dd>
              {figure.value === null ? (
                <>
                  <span aria-hidden="true">—</span>
                  <span className="sr-only">{t("licensing.licenses.notAvailable")}</span>
                </>
              ) : (
                formatCount(figure.value)
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
