import { useTranslation } from "react-i18next";
import { Alert } from "../../ui/Alert.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { SUPPORT_PLAN_KEYS } from "../licensing/labels.ts";
import type { TicketOptions } from "./api.ts";
import { keyTail } from "./format.ts";
import { farmsFor, incidentUse, keysFor, type TicketFormValues } from "./ticket-form.ts";

type Props = {
  options: TicketOptions;
  values: TicketFormValues;
  onChange: (change: Partial<TicketFormValues>) => void;
  errors: Partial<Record<"licenseKeyId" | "farmId", string>>;
};

/**
 * The affected key and farm (from the account's own, the farms narrowed to the key), and
 * for a technical ticket what it does to the key's incidents, or why it cannot be opened.
 */
export function TicketContextFields({ options, values, onChange, errors }: Props) {
  const { t } = useTranslation();
  const keys = keysFor(options, values.productId);
  const farms = farmsFor(options, values.productId, values.licenseKeyId);
  const key = options.licenseKeys.find((k) => k.id === values.licenseKeyId) ?? null;
  const use = incidentUse(options, values);

  return (
    <fieldset className="fieldset ticket-context-fields">
      <legend className="fieldset-legend">{t("support.new.affected")}</legend>
      {keys.length === 0 ? (
        <p className="muted">{values.productId ? t("support.new.noKeys") : t("support.new.chooseProductFirst")}</p>
      ) : (
        <SelectField
          label={t("support.context.key")}
          hint={t("support.new.keyHint")}
          value={values.licenseKeyId}
          onChange={(licenseKeyId) => onChange({ licenseKeyId })}
          error={errors.licenseKeyId}
          options={[
            { value: "", label: t("support.new.noKey") },
            ...keys.map((k) => ({
              value: k.id,
              label: t("support.new.keyOption", { name: k.name, tail: keyTail(k.tail), subscription: k.subscriptionName }),
            })),
          ]}
        />
      )}
      {farms.length > 0 && (
        <SelectField
          label={t("support.context.farm")}
          value={values.farmId}
          onChange={(farmId) => onChange({ farmId })}
          error={errors.farmId}
          options={[
            { value: "", label: t("support.new.noFarm") },
            ...farms.map((farm) => ({
              value: farm.id,
              label: t("support.new.farmOption", { name: farm.name, version: farm.appVersion }),
            })),
          ]}
        />
      )}
      {key && (
        <p className="ticket-plan">
          {t("support.new.keyPlan", { plan: t(SUPPORT_PLAN_KEYS[key.supportPlan]) })}{" "}
          {use.kind === "uses" && <strong>{t("support.new.usesIncident", { left: use.left })}</strong>}
          {use.kind === "unlimited" && <strong>{t("support.new.unlimited")}</strong>}
        </p>
      )}
      {use.kind === "noneLeft" && (
        <Alert tone="warning" title={t("support.new.noneLeftTitle")}>
          {t("errors.NO_INCIDENTS_LEFT")}
        </Alert>
      )}
      {use.kind === "supportNotActive" && (
        <Alert tone="warning" title={t("support.new.notActiveTitle")}>
          {t("errors.SUPPORT_NOT_ACTIVE")}
        </Alert>
      )}
    </fieldset>
  );
}
