import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { messageFor } from "../../lib/errors.ts";
import { useForm } from "../../lib/form.ts";
import { Alert, FormAlert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { operatorApi, type Product } from "./api.ts";

const CODE = /^[a-z0-9][a-z0-9-]{1,31}$/;

/** /operator/catalogue: the products customers can license; add one, or rename one. */
export function CataloguePage() {
  const { t } = useTranslation();
  const [products, setProducts] = useState<Product[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [status, setStatus] = useState("");
  const reload = () =>
    operatorApi
      .products()
      .then((r) => setProducts(r.products))
      .catch(setLoadError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once on mount.
  useEffect(() => {
    void reload();
  }, []);

  return (
    <>
      <PageHeading title={t("operator.catalogue.title")} subtitle={t("operator.catalogue.subtitle")}>
        {t("operator.catalogue.title")}
      </PageHeading>
      <div className="stack-lg">
        <StatusMessage message={status} />
        <section className="card" aria-labelledby="catalogue-products">
          <h2 id="catalogue-products">{t("operator.catalogue.products")}</h2>
          {loadError !== null && <Alert>{messageFor(t, loadError)}</Alert>}
          {products?.length === 0 && <p className="muted">{t("operator.catalogue.empty")}</p>}
          <ul className="stack">
            {products?.map((product) => (
              <ProductRow
                key={product.id}
                product={product}
                onRenamed={(p) => {
                  setStatus(t("operator.catalogue.renamed", { name: p.name }));
                  void reload();
                }}
              />
            ))}
          </ul>
        </section>
        <AddProduct
          onAdded={(p) => {
            setStatus(t("operator.catalogue.added", { name: p.name }));
            void reload();
          }}
        />
      </div>
    </>
  );
}

function ProductRow({ product, onRenamed }: { product: Product; onRenamed: (p: Product) => void }) {
  const { t } = useTranslation();
  const form = useForm<"name">();
  const [name, setName] = useState(product.name);
  const onSubmit = form.onSubmit({
    validate: () => ({ name: name.trim() ? undefined : "validation.required" }),
    action: async () => onRenamed(await operatorApi.renameProduct(product.id, name.trim())),
  });
  return (
    <li>
      <form ref={form.formRef} className="form form-inline" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <TextField
          label={t("operator.catalogue.rename", { name: product.name })}
          hint={`${t("operator.catalogue.code")}: ${product.code}`}
          value={name}
          onChange={setName}
          maxLength={120}
          error={form.errors.name}
        />
        <Button type="submit" variant="secondary" busy={form.busy} disabled={name.trim() === product.name}>
          {t("common.save")}
        </Button>
      </form>
    </li>
  );
}

function AddProduct({ onAdded }: { onAdded: (p: Product) => void }) {
  const { t } = useTranslation();
  const form = useForm<"code" | "name">();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const onSubmit = form.onSubmit({
    validate: () => ({
      code: CODE.test(code.trim()) ? undefined : "operator.catalogue.codeHint",
      name: name.trim() ? undefined : "validation.required",
    }),
    action: async () => {
      const product = await operatorApi.createProduct({ code: code.trim(), name: name.trim() });
      setCode("");
      setName("");
      onAdded(product);
    },
  });
  return (
    <section className="card" aria-labelledby="catalogue-add">
      <h2 id="catalogue-add">{t("operator.catalogue.add")}</h2>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <TextField
          label={t("operator.catalogue.code")}
          hint={t("operator.catalogue.codeHint")}
          value={code}
          onChange={setCode}
          maxLength={32}
          autoComplete="off"
          spellCheck={false}
          error={form.errors.code}
        />
        <TextField
          label={t("operator.catalogue.name")}
          value={name}
          onChange={setName}
          maxLength={120}
          error={form.errors.name}
        />
        <div className="actions">
          <Button type="submit" busy={form.busy}>
            {t("operator.catalogue.add")}
          </Button>
        </div>
      </form>
    </section>
  );
}
