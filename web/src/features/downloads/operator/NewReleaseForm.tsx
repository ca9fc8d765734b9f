import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../../lib/form.ts";
import { FormAlert } from "../../../ui/Alert.tsx";
import { Button } from "../../../ui/Button.tsx";
import { SelectField } from "../../../ui/SelectField.tsx";
import { TextField } from "../../../ui/TextField.tsx";
import { operatorApi, type Product } from "../../operator/api.ts";
import { downloadsErrorMessage } from "../errors.ts";
import { type OperatorRelease, releasesApi } from "./operator-api.ts";
import { UploadProgressBar } from "./UploadProgressBar.tsx";
import { useUpload } from "./useUpload.ts";

type Field = "productId" | "version" | "platform" | "fileName" | "notes" | "file" | "sha256";
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]*$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * A new release in one go: its description, then its file, uploaded with a progress bar.
 * The release is created as a draft first, so a failed upload leaves a draft whose file
 * can be uploaded again from the list; nothing is published until the operator says so.
 */
export function NewReleaseForm({ onDone }: { onDone: (release: OperatorRelease, uploaded: boolean) => void }) {
  const { t } = useTranslation();
  const form = useForm<Field>();
  const { progress, upload } = useUpload();
  const fileId = useId();
  const notesId = useId();
  const [products, setProducts] = useState<Product[]>([]);
  const [productId, setProductId] = useState("");
  const [version, setVersion] = useState("");
  const [platform, setPlatform] = useState("");
  const [fileName, setFileName] = useState("");
  const [notes, setNotes] = useState("");
  const [sha256, setSha256] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    operatorApi
      .products(controller.signal)
      .then((r) => {
        setProducts(r.products);
        setProductId((current) => current || (r.products[0]?.id ?? ""));
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  const onSubmit = form.onSubmit({
    validate: () => ({
      productId: productId ? undefined : "validation.required",
      version: VERSION.test(version.trim()) ? undefined : "downloads.operator.versionHint",
      platform: platform.trim() ? undefined : "validation.required",
      fileName: fileName.trim() ? undefined : "validation.required",
      file: file ? undefined : "downloads.operator.chooseFile",
      sha256: !sha256.trim() || SHA256.test(sha256.trim()) ? undefined : "downloads.operator.shaHint",
    }),
    onError: (error) => {
      form.setAlert((tt) => downloadsErrorMessage(tt, error));
      return true;
    },
    action: async () => {
      if (!file) return;
      const release = await releasesApi.create({
        productId,
        version: version.trim(),
        platform: platform.trim(),
        fileName: fileName.trim(),
        notes: notes.trim(),
      });
      try {
        const uploaded = await upload(release.id, file, sha256.trim().toLowerCase() || undefined);
        // Ready for the same version on the next platform: product, version and notes stay.
        setPlatform("");
        setSha256("");
        setFileName("");
        setFile(null);
        if (fileInput.current) fileInput.current.value = "";
        onDone(uploaded, true);
      } catch (error) {
        // The draft exists; the list shows it, and its file can be uploaded again from there.
        onDone(release, false);
        throw error;
      }
    },
  });

  return (
    <section className="card" aria-labelledby="new-release">
      <h2 id="new-release">{t("downloads.operator.newTitle")}</h2>
      <form ref={form.formRef} className="form release-form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <SelectField
          label={t("downloads.operator.product")}
          value={productId}
          options={products.map((p) => ({ value: p.id, label: p.name }))}
          onChange={setProductId}
          error={form.errors.productId}
        />
        <TextField
          label={t("downloads.version")}
          hint={t("downloads.operator.versionHint")}
          value={version}
          onChange={setVersion}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          error={form.errors.version}
        />
        <TextField
          label={t("downloads.platform")}
          hint={t("downloads.operator.platformHint")}
          value={platform}
          onChange={setPlatform}
          maxLength={60}
          error={form.errors.platform}
        />
        <div className={`field${form.errors.file ? " has-error" : ""}`}>
          <label className="field-label" htmlFor={fileId}>
            {t("downloads.operator.file")}
          </label>
          <input
            ref={fileInput}
            id={fileId}
            type="file"
            className="input"
            aria-invalid={form.errors.file ? true : undefined}
            aria-describedby={form.errors.file ? `${fileId}-error` : undefined}
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen) setFileName(chosen.name);
            }}
          />
          {form.errors.file && (
            <p className="field-error" id={`${fileId}-error`}>
              {form.errors.file}
            </p>
          )}
        </div>
        <TextField
          label={t("downloads.operator.fileName")}
          hint={t("downloads.operator.fileNameHint")}
          value={fileName}
          onChange={setFileName}
          maxLength={200}
          error={form.errors.fileName}
        />
        <TextField
          label={t("downloads.operator.expectedSha")}
          hint={t("downloads.operator.shaHint")}
          value={sha256}
          onChange={setSha256}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          inputClassName="checksum-input"
          error={form.errors.sha256}
        />
        <div className="field">
          <label className="field-label" htmlFor={notesId}>
            {t("downloads.notes")}
          </label>
          <textarea id={notesId} value={notes} maxLength={20_000} onChange={(event) => setNotes(event.target.value)} />
        </div>
        {progress && <UploadProgressBar progress={progress} fileName={fileName} />}
        <div className="actions">
          <Button type="submit" busy={form.busy}>
            {t("downloads.operator.create")}
          </Button>
        </div>
      </form>
    </section>
  );
}
