import "../../styles/store.css";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../lib/api.ts";
import { messageFor } from "../../lib/errors.ts";
import { Alert, FormAlert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { operatorApi, type Product } from "./api.ts";
import { newEntry, PriceEntryFields, TaxFields } from "./PriceListFields.tsx";
import { fromPriceList, type PriceListErrors, type PriceListForm, serverErrors, toPriceList } from "./price-list-form.ts";
import { storeOperatorApi } from "./store-api.ts";

type Loaded = { form: PriceListForm; products: Product[] };

/**
 * /operator/store/prices: the price list customers buy from — the currency, the tax
 * rates by buyer country, and for each product × term × support plan its volume tiers.
 * Save replaces the whole list (PUT); the server checks it again and answers errors
 * per field, shown next to the field they are about.
 */
export function PriceListPage() {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [errors, setErrors] = useState<PriceListErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const title = t("operator.prices.title");

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([storeOperatorApi.priceList(controller.signal), operatorApi.products(controller.signal)])
      .then(([list, { products }]) => setLoaded({ form: fromPriceList(list), products }))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setLoadError(error);
      });
    return () => controller.abort();
  }, []);

  const errorFor = (path: string) => {
    const message = errors[path];
    return message === undefined ? undefined : message.startsWith("operator.prices.errors.") ? t(message) : message;
  };
  const showErrors = (next: PriceListErrors) => {
    setErrors(next);
    setAlert(t("form.fixErrors"));
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  async function save() {
    if (!loaded || busy) return;
    setStatus("");
    const { body, errors: found } = toPriceList(loaded.form);
    if (!body) return showErrors(found);
    setErrors({});
    setAlert(null);
    setBusy(true);
    try {
      const saved = await storeOperatorApi.savePriceList(body);
      setLoaded({ ...loaded, form: fromPriceList(saved) });
      setStatus(t("operator.prices.saved"));
    } catch (error) {
      const fields = error instanceof ApiError ? serverErrors(error.fieldErrors) : {};
      if (Object.keys(fields).length > 0) showErrors(fields);
      else setAlert(messageFor(t, error));
    } finally {
      setBusy(false);
    }
  }

  const form = loaded?.form;
  const setForm = (next: PriceListForm) => loaded && setLoaded({ ...loaded, form: next });
  return (
    <>
      <PageHeading title={title} subtitle={t("operator.prices.subtitle")}>
        {title}
      </PageHeading>
      {loadError !== null && <Alert>{messageFor(t, loadError)}</Alert>}
      {!loaded && loadError === null && (
        <p className="page-loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t("common.loading")}
        </p>
      )}
      {loaded && form && (
        <form
          ref={formRef}
          className="stack-lg"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <StatusMessage message={status} />
          <FormAlert message={alert} />
          <TaxFields form={form} onChange={setForm} errorFor={errorFor} />
          <section className="stack" aria-labelledby="prices-entries-heading">
            <h2 id="prices-entries-heading">{t("operator.prices.pricesHeading")}</h2>
            <p className="muted small">{t("operator.prices.pricesHint")}</p>
            <ul className="price-entries">
              {form.prices.map((entry, index) => (
                <PriceEntryFields
                  key={entry.key}
                  index={index}
                  entry={entry}
                  products={loaded.products}
                  currency={form.currency}
                  errorFor={errorFor}
                  onChange={(next) => setForm({ ...form, prices: form.prices.map((e, i) => (i === index ? next : e)) })}
                  onRemove={() => setForm({ ...form, prices: form.prices.filter((_, i) => i !== index) })}
                />
              ))}
            </ul>
            <div>
              <Button
                variant="secondary"
                onClick={() => setForm({ ...form, prices: [...form.prices, newEntry(loaded.products)] })}
              >
                {t("operator.prices.addEntry")}
              </Button>
            </div>
          </section>
          <div className="actions sticky-actions">
            <Button type="submit" busy={busy}>
              {t("operator.prices.save")}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
