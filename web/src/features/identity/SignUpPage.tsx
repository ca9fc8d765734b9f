import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { useForm } from "../../lib/form.ts";
import { currentLocale } from "../../lib/i18n.ts";
import { checkEmail, checkName, checkNewPassword } from "../../lib/validation.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { PasswordField } from "../../ui/PasswordField.tsx";
import { RadioGroup } from "../../ui/RadioGroup.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { CompanyFields } from "../accounts/CompanyFields.tsx";
import { type CompanyField, checkCompany, companyBody, emptyCompany } from "../accounts/company-form.ts";
import { CheckInbox } from "./CheckInbox.tsx";
import { identityApi } from "./identity-api.ts";
import { NameFields } from "./NameFields.tsx";

type Field = "firstName" | "lastName" | "email" | "password" | CompanyField;
type CustomerType = "personal" | "business";

export function SignUpPage() {
  const { t } = useTranslation();
  const form = useForm<Field>("password");
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [customerType, setCustomerType] = useState<CustomerType>("personal");
  const [company, setCompany] = useState(emptyCompany);
  const business = customerType === "business";
  const [sentTo, setSentTo] = useState<string | null>(null);

  if (sentTo) return <CheckInbox email={sentTo} />;

  const onSubmit = form.onSubmit({
    validate: () => ({
      firstName: checkName(firstName),
      lastName: checkName(lastName),
      email: checkEmail(email),
      password: checkNewPassword(password),
      ...(business ? checkCompany(company) : {}),
    }),
    action: async () => {
      const result = await identityApi.signUp({
        firstName: firstName.trim(),
        lastName: lastName.trim(),
        email: email.trim(),
        password,
        customerType,
        locale: currentLocale(),
        // A Business Customer gets a business account with them as its Account Administrator.
        ...(business ? { company: companyBody(company) } : {}),
      });
      setSentTo(result.email);
    },
  });

  return (
    <>
      <PageHeading title={t("signUp.title")} subtitle={t("signUp.subtitle")}>
        {t("signUp.title")}
      </PageHeading>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <NameFields
          firstName={firstName}
          lastName={lastName}
          onFirstName={setFirstName}
          onLastName={setLastName}
          errors={form.errors}
        />
        <TextField
          label={t("fields.email")}
          type="email"
          value={email}
          onChange={setEmail}
          error={form.errors.email}
          autoComplete="email"
          inputMode="email"
          required
        />
        <PasswordField
          label={t("fields.password")}
          hint={t("fields.passwordHint")}
          value={password}
          onChange={setPassword}
          error={form.errors.password}
          autoComplete="new-password"
          required
        />
        <RadioGroup<CustomerType>
          legend={t("signUp.customerType")}
          name="customerType"
          value={customerType}
          onChange={setCustomerType}
          options={[
            { value: "personal", label: t("signUp.personal"), hint: t("signUp.personalHint") },
            { value: "business", label: t("signUp.business"), hint: t("signUp.businessHint") },
          ]}
        />
        {business && <CompanyFields legend={t("company.legend")} values={company} onChange={setCompany} errors={form.errors} />}
        <Button type="submit" busy={form.busy} className="btn-block">
          {t("signUp.submit")}
        </Button>
      </form>
      <p className="form-footer">
        {t("signUp.haveAccount")} <Link to="/sign-in">{t("signUp.signInLink")}</Link>
      </p>
    </>
  );
}
