import "../../styles/farms.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../ui/SelectField.tsx";
import type { LicenseKeyView } from "../licensing/api.ts";
import { KeyUsage } from "./KeyUsage.tsx";

/** Subscription Details → Usage: one key's concurrent users against its limit, the key picked when there are several. */
export function SubscriptionUsage({ accountId, keys }: { accountId: string; keys: LicenseKeyView[] }) {
  const { t } = useTranslation();
  const [keyId, setKeyId] = useState(keys[0]?.id ?? "");
  const key = keys.find((candidate) => candidate.id === keyId) ?? keys[0];
  if (!key) return null;
  return (
    <section className="card" aria-labelledby="usage-heading">
      <h2 id="usage-heading">{t("farms.usage.sectionHeading")}</h2>
      {keys.length > 1 && (
        <div className="usage-key-picker">
          <SelectField
            label={t("farms.usage.keyPicker")}
            value={key.id}
            onChange={setKeyId}
            options={keys.map((candidate) => ({
              value: candidate.id,
              label: `${candidate.name} (${candidate.kind === "primary" ? t("licensing.keys.primary") : t("licensing.keys.additional")})`,
            }))}
          />
        </div>
      )}
      <KeyUsage key={key.id} accountId={accountId} keyId={key.id} keyName={key.name} headingLevel={3} />
    </section>
  );
}
