import { type ChangeEvent, type KeyboardEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { emailKey, isValidEmail, type ParsedEntry, parseInviteCsv, splitAddresses } from "./invite-list.ts";
import { TextAreaField } from "./TextAreaField.tsx";

/** A CSV bigger than this is not an address list (100 addresses fit in a few KB). */
const CSV_MAX_BYTES = 1024 * 1024;
const PASTE_MAX = 50_000;

type InviteEntryProps = {
  /** Addresses already in the list, lower-cased, to refuse a typed duplicate at the field. */
  existing: ReadonlySet<string>;
  full: boolean;
  /** Adds entries; returns how many fitted under the limit. */
  onAdd: (entries: ParsedEntry[], source: "typed" | "pasted" | "file") => number;
};

/** The three ways into the list: type one address and Add, paste a list, or upload a CSV file. */
export function InviteEntry({ existing, full, onAdd }: InviteEntryProps) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [emailError, setEmailError] = useState<string | undefined>();
  const [pasted, setPasted] = useState("");
  const [pasteError, setPasteError] = useState<string | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [reading, setReading] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  function addTyped() {
    const value = email.trim();
    if (!value) return setEmailError(t("invite.entry.emailRequired"));
    if (!isValidEmail(value)) return setEmailError(t("invite.entry.emailInvalid"));
    if (existing.has(emailKey(value))) return setEmailError(t("invite.entry.alreadyInList", { email: value }));
    setEmailError(undefined);
    if (onAdd([{ email: value, locale: null }], "typed") > 0) setEmail("");
    emailRef.current?.focus();
  }

  function onEmailKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      addTyped();
    }
  }

  function addPasted() {
    const addresses = splitAddresses(pasted);
    if (addresses.length === 0) return setPasteError(t("invite.entry.pasteEmpty"));
    setPasteError(undefined);
    const added = onAdd(
      addresses.map((address) => ({ email: address, locale: null })),
      "pasted",
    );
    if (added === addresses.length) setPasted("");
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    setFileError(undefined);
    if (file.size > CSV_MAX_BYTES) {
      setFileError(t("invite.entry.fileTooBig", { file: file.name }));
      input.value = "";
      return;
    }
    setReading(true);
    try {
      const entries = parseInviteCsv(await file.text());
      if (entries.length === 0) setFileError(t("invite.entry.fileEmpty", { file: file.name }));
      else onAdd(entries, "file");
    } catch {
      setFileError(t("invite.entry.fileUnreadable", { file: file.name }));
    } finally {
      setReading(false);
      // The same file can be chosen again after a fix.
      input.value = "";
    }
  }

  return (
    <div className="invite-entry">
      <div className="invite-add-row">
        <TextField
          ref={emailRef}
          label={t("invite.entry.email")}
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={(value) => {
            setEmail(value);
            if (emailError) setEmailError(undefined);
          }}
          onKeyDown={onEmailKeyDown}
          error={emailError}
          disabled={full}
          maxLength={320}
        />
        <Button variant="secondary" onClick={addTyped} disabled={full}>
          {t("invite.entry.add")}
        </Button>
      </div>
      <div className="invite-bulk">
        <div className="stack-xs">
          <TextAreaField
            label={t("invite.entry.paste")}
            hint={t("invite.entry.pasteHint")}
            value={pasted}
            onChange={(value) => {
              setPasted(value);
              if (pasteError) setPasteError(undefined);
            }}
            error={pasteError}
            rows={3}
            maxLength={PASTE_MAX}
            disabled={full}
            spellCheck={false}
          />
          <div>
            <Button variant="secondary" onClick={addPasted} disabled={full || pasted.trim() === ""}>
              {t("invite.entry.addPasted")}
            </Button>
          </div>
        </div>
        <FileField error={fileError} reading={reading} disabled={full} onChange={(event) => void onFile(event)} />
      </div>
    </div>
  );
}

type FileFieldProps = {
  error: string | undefined;
  reading: boolean;
  disabled: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
};

function FileField({ error, reading, disabled, onChange }: FileFieldProps) {
  const { t } = useTranslation();
  const id = `invite-csv-${useId()}`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label className="field-label" htmlFor={id}>
        {t("invite.entry.file")}
      </label>
      <p className="field-hint" id={`${id}-hint`}>
        {t("invite.entry.fileHint")}
      </p>
      <input
        id={id}
        type="file"
        accept=".csv,text/csv"
        className="file-input"
        onChange={onChange}
        disabled={disabled || reading}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
