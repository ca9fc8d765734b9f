import { type ReactNode, useId } from "react";

type SelectOption = { value: string; label: string; lang?: string };

type SelectFieldProps = {
  label: ReactNode;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  /** A first, empty option ("Choose a country") for a field with no value yet. */
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
  compact?: boolean;
  autoComplete?: string;
};

/** A labelled native <select> whose hint and error are tied to it with aria-describedby. */
export function SelectField({
  label,
  value,
  options,
  onChange,
  hint,
  error,
  placeholder,
  disabled,
  required,
  compact,
  autoComplete,
}: SelectFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${compact ? " field-compact" : ""}${error ? " has-error" : ""}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <select
        id={id}
        className="input select"
        value={value}
        disabled={disabled}
        required={required}
        autoComplete={autoComplete}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {placeholder !== undefined && (
          <option value="" disabled={required}>
            {placeholder}
          </option>
        )}
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
