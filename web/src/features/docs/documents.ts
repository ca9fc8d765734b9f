/**
 * The product documents listed on Documentation. Static entries: a document is either
 * a page in the portal (Downloads, where each release carries its notes; the Microsoft
 * guide below the list) or not published yet, which the page says plainly instead of
 * offering a link that leads nowhere.
 */
export type DocumentTarget = { kind: "downloads" } | { kind: "section"; id: string } | { kind: "placeholder" };

export type ProductDocument = { id: string; titleKey: string; bodyKey: string; target: DocumentTarget };

/** The id of the Microsoft guide's section, for in-page links. */
export const MICROSOFT_GUIDE_ID = "microsoft-licensing";

export const PRODUCT_DOCUMENTS: ProductDocument[] = [
  {
    id: "admin-guide",
    titleKey: "docs.adminGuide.title",
    bodyKey: "docs.adminGuide.body",
    target: { kind: "placeholder" },
  },
  {
    id: "licensing-guide",
    titleKey: "docs.licensingGuide.title",
    bodyKey: "docs.licensingGuide.body",
    target: { kind: "placeholder" },
  },
  {
    id: "release-notes",
    titleKey: "docs.releaseNotes.title",
    bodyKey: "docs.releaseNotes.body",
    target: { kind: "downloads" },
  },
  {
    id: MICROSOFT_GUIDE_ID,
    titleKey: "docs.microsoftGuide.title",
    bodyKey: "docs.microsoftGuide.body",
    target: { kind: "section", id: MICROSOFT_GUIDE_ID },
  },
];
