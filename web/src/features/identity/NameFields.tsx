import { useTranslation } from "react-i18next";
import { TextField } from "../../ui/TextField.tsx";

type Props = {
  firstName: string;
  lastName: string;
  onFirstName: (value: string) => void;
  onLastName: (value: string) => void;
  errors: { firstName?: string | undefined; lastName?: string | undefined };
};

/** First and last name side by side: used by sign-up and the Personal Profile. */
export function NameFields({ firstName, lastName, onFirstName, onLastName, errors }: Props) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <TextField
        label={t("fields.firstName")}
        value={firstName}
        onChange={onFirstName}
        error={errors.firstName}
        autoComplete="given-name"
        required
      />
      <TextField
        label={t("fields.lastName")}
        value={lastName}
        onChange={onLastName}
        error={errors.lastName}
        autoComplete="family-name"
        required
      />
    </div>
  );
}
