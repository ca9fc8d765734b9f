import "../downloads/downloads.css";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { downloadsPath } from "../downloads/paths.ts";
import { PRODUCT_DOCUMENTS, type ProductDocument } from "./documents.ts";
import { MicrosoftLicensingGuide } from "./MicrosoftLicensingGuide.tsx";

/** Documentation (/accounts/:accountId/documentation): the product documents, then the Microsoft licensing guide. */
export function DocumentationPage() {
  const { t } = useTranslation();
  const { account } = useAccount();
  const title = t("docs.title");
  return (
    <>
      <PageHeading title={title} subtitle={t("docs.subtitle")}>
        {title}
      </PageHeading>
      <div className="stack-lg">
        <section className="card" aria-labelledby="docs-documents">
          <h2 id="docs-documents">{t("docs.documents")}</h2>
          <ul className="doc-list">
            {PRODUCT_DOCUMENTS.map((doc) => (
              <DocumentEntry key={doc.id} doc={doc} accountId={account.id} />
            ))}
          </ul>
        </section>
        <MicrosoftLicensingGuide />
      </div>
    </>
  );
}

function DocumentEntry({ doc, accountId }: { doc: ProductDocument; accountId: string }) {
  const { t } = useTranslation();
  const title = t(doc.titleKey);
  return (
    <li>
      <div>
        <h3>{title}</h3>
        <p className="muted">{t(doc.bodyKey)}</p>
      </div>
      {doc.target.kind === "downloads" && <Link to={downloadsPath(accountId)}>{t("docs.openDownloads")}</Link>}
      {doc.target.kind === "section" && (
        <a href={`#${doc.target.id}`}>
          {t("docs.readBelow")}
          <span className="sr-only">: {title}</span>
        </a>
      )}
      {doc.target.kind === "placeholder" && <span className="badge badge-muted">{t("docs.comingSoon")}</span>}
    </li>
  );
}
