import type { TFunction } from "i18next";
import { type FormEvent, useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "./api.ts";
import { fieldErrorsFrom, messageFor } from "./errors.ts";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** A message is kept as a function of `t`, so it follows a language switch while shown. */
export type Message = string | ((t: TFunction) => string);
export const translated =
  (key: string): Message =>
  (t) =>
    t(key);

type SubmitOptions<F extends string> = {
  /** Client-side checks returning i18n keys per field; any error stops the submit. */
  validate?: () => Partial<Record<F, string | undefined>>;
  action: () => Promise<void>;
  /** Return true when the error was handled (the default alert and field errors are skipped). */
  onError?: (error: ApiError) => boolean;
};

/**
 * Busy state, field errors and the form-level alert for one form. Errors from the
 * server land next to their field; focus moves to the first invalid field.
 */
export function useForm<F extends string>(passwordField?: F) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const busyRef = useRef(false);
  const [busy, setBusy] = useState(false);
  const [errorMessages, setErrors] = useState<Partial<Record<F, Message>>>({});
  const [alertMessage, setAlert] = useState<Message | null>(null);

  const resolve = (message: Message) => (typeof message === "function" ? message(t) : message);
  const errors: FieldErrors<F> = {};
  for (const [field, message] of Object.entries(errorMessages) as Array<[F, Message | undefined]>) {
    if (message) errors[field] = resolve(message);
  }
  const alert = alertMessage === null ? null : resolve(alertMessage);

  const focusFirstInvalid = useCallback(() => {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }, []);

  const submit = useCallback(
    async ({ validate, action, onError }: SubmitOptions<F>) => {
      if (busyRef.current) return;
      const invalid = Object.entries(validate?.() ?? {}).filter((entry): entry is [F, string] => typeof entry[1] === "string");
      if (invalid.length > 0) {
        setErrors(Object.fromEntries(invalid.map(([field, key]) => [field, translated(key)])) as Partial<Record<F, Message>>);
        setAlert(() => translated("form.fixErrors"));
        focusFirstInvalid();
        return;
      }
      setErrors({});
      setAlert(null);
      busyRef.current = true;
      setBusy(true);
      try {
        await action();
      } catch (error) {
        if (error instanceof ApiError && onError?.(error)) return;
        const fields = Object.keys(fieldErrorsFrom(t, error, passwordField)) as F[];
        setErrors(
          Object.fromEntries(
            fields.map((field): [F, Message] => [field, (tt) => fieldErrorsFrom(tt, error, passwordField)[field] ?? ""]),
          ) as Partial<Record<F, Message>>,
        );
        // Field messages sit next to their fields; the alert only summarises.
        setAlert(() => (fields.length > 0 ? translated("form.fixErrors") : (tt: TFunction) => messageFor(tt, error)));
        if (fields.length > 0) focusFirstInvalid();
        if (!(error instanceof ApiError)) console.warn(error);
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [t, passwordField, focusFirstInvalid],
  );

  /** Wraps a submit handler so it also prevents the browser's own submit. */
  const onSubmit = useCallback(
    (options: SubmitOptions<F>) => (event: FormEvent) => {
      event.preventDefault();
      void submit(options);
    },
    [submit],
  );

  /** Sets the alert; wraps functions so React does not treat them as state updaters. */
  const setAlertMessage = useCallback((message: Message | null) => setAlert(() => message), []);

  return {
    formRef,
    busy,
    errors,
    setErrors,
    alert,
    setAlert: setAlertMessage,
    submit,
    onSubmit,
    focusFirstInvalid,
  };
}
