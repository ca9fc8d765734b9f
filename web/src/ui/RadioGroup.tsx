import { type ReactNode, useId } from "react";

type Option<V extends string> = { value: V; label: ReactNode; hint?: ReactNode };

type RadioGroupProps<V extends string> = {
  legend: ReactNode;
  name: string;
  value: V;
  options: Option<V>[];
  onChange: (value: V) => void;
};

/** Native radios inside a fieldset: arrow keys move between options for free. */
export function RadioGroup<V extends string>({ legend, name, value, options, onChange }: RadioGroupProps<V>) {
  const id = useId();
  return (
    <fieldset className="field radio-group">
      <legend className="field-label">{legend}</legend>
      <div className="radio-options">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <div className={`radio-card${value === option.value ? " is-selected" : ""}`} key={option.value}>
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={option.hint ? `${optionId}-hint` : undefined}
              />
              <div>
                <label htmlFor={optionId}>{option.label}</label>
                {option.hint && (
                  <p className="field-hint" id={`${optionId}-hint`}>
                    {option.hint}
                  </p>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
