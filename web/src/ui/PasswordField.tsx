import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField, type TextFieldProps } from "./TextField.tsx";

type PasswordFieldProps = Omit<TextFieldProps, "type" | "addon">;

/** A password input with a show/hide toggle (a real button, reachable by keyboard). */
export function PasswordField({ id, ...props }: PasswordFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const autoId = useId();
  const inputId = id ?? `password-${autoId}`;
  return (
    <TextField
      {...props}
      id={inputId}
      type={visible ? "text" : "password"}
      spellCheck={false}
      autoCapitalize="off"
      addon={
        <button
          type="button"
          className="field-addon"
          aria-controls={inputId}
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? t("common.hide") : t("common.show")}
          <span className="sr-only"> {t("common.passwordWord")}</span>
        </button>
      }
    />
  );
}
