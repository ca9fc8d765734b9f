import { useTranslation } from "react-i18next";
import { RadioGroup } from "../../ui/RadioGroup.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { CHANNEL_KEYS, LICENSE_TYPE_KEYS, SUPPORT_PLAN_KEYS, TERM_KEYS } from "../licensing/labels.ts";
import type { LicenseType, Product, SalesChannel, SupportPlan } from "./api.ts";
import { type IssueField, type IssueValues, termsFor } from "./issue-form.ts";

const TYPES: LicenseType[] = ["subscription", "trial", "nfr", "permanent"];
const PLANS: SupportPlan[] = ["standard", "premium"];
const CHANNELS: SalesChannel[] = ["online", "reseller", "direct"];

type Props = {
  values: IssueValues;
  onChange: (values: IssueValues) => void;
  errors: Partial<Record<IssueField, string>>;
  products: Product[];
};

/** What is sold: product, license type, term, licenses, support plan, and the channel with its contacts. */
export function IssueProductFields({ values, onChange, errors, products }: Props) {
  const { t } = useTranslation();
  const set =
    <K extends keyof IssueValues>(field: K) =>
    (value: IssueValues[K]) =>
      onChange({ ...values, [field]: value });
  const pick = <V extends string>(list: readonly V[], value: string, fallback: V) => list.find((v) => v === value) ?? fallback;

  return (
    <div className="stack">
      <SelectField
        label={t("operator.issue.product")}
        value={values.productId}
        placeholder={t("operator.issue.chooseProduct")}
        options={products.map((product) => ({ value: product.id, label: product.name }))}
        onChange={set("productId")}
        error={errors.productId}
        required
      />
      <RadioGroup<LicenseType>
        legend={t("operator.issue.licenseType")}
        name="licenseType"
        value={values.licenseType}
        options={TYPES.map((type) => ({ value: type, label: t(LICENSE_TYPE_KEYS[type]), hint: t(TYPE_HINTS[type]) }))}
        onChange={set("licenseType")}
      />
      <div className="form-row">
        {values.licenseType === "subscription" && (
          <SelectField
            label={t("operator.issue.term")}
            hint={t("operator.issue.termHint")}
            value={values.term}
            options={termsFor(values.salesChannel).map((term) => ({ value: term, label: t(TERM_KEYS[term]) }))}
            placeholder={t("operator.issue.chooseTerm")}
            onChange={(value) => set("term")(pick(["1m", "1y", "2y", "3y"] as const, value, "1y"))}
            error={errors.term}
            required
          />
        )}
        {values.licenseType === "permanent" && (
          <TextField
            label={t("operator.issue.maintenanceMonths")}
            hint={t("operator.issue.maintenanceHint")}
            type="number"
            inputMode="numeric"
            min={0}
            max={120}
            value={values.maintenanceMonths}
            onChange={set("maintenanceMonths")}
            error={errors.maintenanceMonths}
            inputClassName="input-number"
          />
        )}
        <TextField
          label={t("operator.issue.licenses")}
          hint={t("operator.issue.licensesHint")}
          type="number"
          inputMode="numeric"
          min={1}
          value={values.licenses}
          onChange={set("licenses")}
          error={errors.licenses}
          inputClassName="input-number"
          required
        />
      </div>
      <div className="form-row">
        <SelectField
          label={t("operator.issue.supportPlan")}
          value={values.supportPlan}
          options={PLANS.map((plan) => ({ value: plan, label: t(SUPPORT_PLAN_KEYS[plan]) }))}
          onChange={(value) => set("supportPlan")(pick(PLANS, value, "standard"))}
        />
        <SelectField
          label={t("operator.issue.channel")}
          value={values.salesChannel}
          options={CHANNELS.map((channel) => ({ value: channel, label: t(CHANNEL_KEYS[channel]) }))}
          onChange={(value) => {
            const salesChannel = pick(CHANNELS, value, "direct");
            // The 1-month term is sold online only: leaving online asks for another term.
            const term = values.term === "1m" && salesChannel !== "online" ? "" : values.term;
            onChange({ ...values, salesChannel, term });
          }}
        />
      </div>
      {values.salesChannel === "reseller" && (
        <TextField
          label={t("operator.issue.reseller")}
          value={values.resellerName}
          onChange={set("resellerName")}
          error={errors.resellerName}
          maxLength={200}
          autoComplete="off"
          required
        />
      )}
      <div className="form-row">
        <TextField
          label={t("operator.issue.contactName")}
          hint={t("operator.issue.contactHint")}
          value={values.contactName}
          onChange={set("contactName")}
          maxLength={200}
          autoComplete="off"
        />
        <TextField
          label={t("operator.issue.contactEmail")}
          type="email"
          value={values.contactEmail}
          onChange={set("contactEmail")}
          error={errors.contactEmail}
          maxLength={254}
          autoComplete="off"
        />
      </div>
    </div>
  );
}

const TYPE_HINTS: Record<LicenseType, string> = {
  subscription: "operator.issue.typeHints.subscription",
  trial: "operator.issue.typeHints.trial",
  nfr: "operator.issue.typeHints.nfr",
  permanent: "operator.issue.typeHints.permanent",
};
