import { type ReactNode, useId } from "react";

type SelectOption = { value: string; label: string; lang?: string };

type SelectFieldProps = {
  label: ReactNode;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  hint?: ReactNode;
  disabled?: boolean;
  compact?: boolean;
};

export function SelectField({ label, value, options, onChange, hint, disabled, compact }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={`field${compact ? " field-compact" : ""}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select
        id={id}
        className="input select"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
