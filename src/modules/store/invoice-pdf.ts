import { type Color, PDFDocument, type PDFPage, rgb } from "pdf-lib";
import type { InvoiceParty } from "../../db/schema.ts";
import { InvoiceFonts } from "./invoices/invoice-fonts.ts";
import { countryName, formatDate, formatMoney, formatRate } from "./invoices/invoice-format.ts";
import { wrap } from "./invoices/invoice-wrap.ts";

export type InvoiceLine = {
  description: string;
  periodStartsAt: Date;
  periodEndsAt: Date;
  quantity: number;
  unitAmount: number;
  amount: number;
};

/** What an invoice prints: the invoice's frozen snapshots plus its order's lines and payment. */
export type InvoiceDocument = {
  number: string;
  issuedAt: Date;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  orderReference: string;
  currency: string;
  lines: InvoiceLine[];
  subtotal: number;
  tax: { name: string; rateBp: number; amount: number };
  total: number;
  /** Null while unpaid (an invoice is issued on payment, so this is a safeguard). */
  paid: { at: Date; method: string } | null;
  /** Paid through the built-in test gateway: no real money moved, and the invoice says so. */
  testMode: boolean;
};

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const BODY = 9.5;
const LEADING = 13;
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.75, 0.75, 0.75);
/** Table columns: left edge (or right edge for numbers) in points. */
const COL = { description: MARGIN, period: 200, quantity: 345, unit: 445, amount: A4.width - MARGIN };
/**
 * Renders the invoice as an A4 PDF with real, extractable text: Helvetica for Western
 * European text, and embedded Unicode fonts (subsets) for the rest: Cyrillic, Greek,
 * Chinese, Japanese (see InvoiceFonts). What no font has is replaced (see toPrintable),
 * so any input renders. Long tables flow onto more pages, each with the table header and
 * a page number.
 */
export async function renderInvoicePdf(invoice: InvoiceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // Every value the invoice prints is in its JSON (plus the countries' names): the fonts
  // are chosen for those characters. The labels are plain ASCII.
  const sample = [JSON.stringify(invoice), countryName(invoice.seller.country), countryName(invoice.buyer.country)].join(" ");
  const fonts = await InvoiceFonts.embed(pdf, sample);
  pdf.setTitle(`Invoice ${invoice.number}`);
  pdf.setAuthor(invoice.seller.name);
  pdf.setProducer("License Portal");
  pdf.setCreator("License Portal");
  pdf.setCreationDate(invoice.issuedAt);
  pdf.setModificationDate(invoice.issuedAt);

  const writer = new PageWriter(pdf, fonts);
  writer.text(`Invoice ${invoice.number}`, MARGIN, { size: 20, bold: true });
  writer.gap(6);
  const top = writer.y;
  writer.block(
    [
      ["Invoice number", invoice.number],
      ["Issue date", formatDate(invoice.issuedAt)],
      ["Order reference", invoice.orderReference],
      ["Currency", invoice.currency],
    ].map(([label, value]) => `${label}: ${value}`),
    MARGIN,
  );
  const afterMeta = writer.y;
  writer.y = top;
  writer.party("From", invoice.seller, 330, "Tax ID");
  const afterSeller = writer.y;
  writer.y = Math.min(afterMeta, afterSeller) - LEADING;
  writer.party("Bill to", invoice.buyer, MARGIN, "VAT ID");
  writer.gap(LEADING);

  writer.tableHeader();
  for (const line of invoice.lines) writer.tableRow(line, invoice.currency);
  writer.endTable();

  writer.ensure(LEADING * 5);
  writer.total("Subtotal", formatMoney(invoice.subtotal, invoice.currency));
  writer.total(`${invoice.tax.name} ${formatRate(invoice.tax.rateBp)}`, formatMoney(invoice.tax.amount, invoice.currency));
  writer.total("Total", formatMoney(invoice.total, invoice.currency), true);
  writer.gap(LEADING);
  writer.ensure(LEADING * 3);
  writer.text(
    invoice.paid ? `Paid on ${formatDate(invoice.paid.at)} by ${invoice.paid.method}. Thank you.` : "Payment pending.",
    MARGIN,
    { bold: true },
  );
  if (invoice.testMode) writer.text("Test mode: paid through the test gateway; no real payment was taken.", MARGIN);
  writer.finish(invoice.number);
  return pdf.save();
}

/** Draws top to bottom, starting a new page (with the table header again) when the current one is full. */
class PageWriter {
  page: PDFPage;
  y = A4.height - MARGIN;
  private inTable = false;
  private readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: InvoiceFonts,
  ) {
    this.page = this.addPage();
  }

  private addPage(): PDFPage {
    const page = this.pdf.addPage([A4.width, A4.height]);
    this.pages.push(page);
    this.y = A4.height - MARGIN;
    return page;
  }

  gap(points: number) {
    this.y -= points;
  }

  /** Room for `points` more, or a new page. */
  ensure(points: number) {
    if (this.y - points >= MARGIN + LEADING) return;
    this.page = this.addPage();
    if (this.inTable) this.tableHeader();
  }

  /** The value as printable lines no wider than maxWidth (see wrap). */
  private lines(raw: string, size: number, bold: boolean, maxWidth: number): string[] {
    return wrap(this.fonts.printable(raw), (s) => this.fonts.width(s, bold, size), maxWidth);
  }

  text(
    raw: string,
    x: number,
    options: { size?: number; bold?: boolean; right?: boolean; color?: Color; maxWidth?: number } = {},
  ) {
    const size = options.size ?? BODY;
    const bold = options.bold ?? false;
    const maxWidth = options.maxWidth ?? (options.right ? x - MARGIN : A4.width - MARGIN - x);
    for (const line of this.lines(raw, size, bold, maxWidth)) {
      this.ensure(size + 4);
      this.y -= size + 4;
      const left = options.right ? x - this.fonts.width(line, bold, size) : x;
      this.fonts.draw(this.page, line, { x: left, y: this.y, size, bold, color: options.color ?? rgb(0, 0, 0) });
    }
  }

  block(lines: string[], x: number) {
    for (const line of lines) this.text(line, x);
  }

  party(heading: string, party: InvoiceParty, x: number, taxLabel: string) {
    this.text(heading, x, { bold: true, color: GREY });
    this.text(party.name || "-", x, { bold: true });
    const country = countryName(party.country);
    const lines = [
      ...party.addressLines,
      ...(country ? [country] : []),
      ...(party.taxId ? [`${taxLabel}: ${party.taxId}`] : []),
      ...(party.email ? [party.email] : []),
      ...(party.phone ? [party.phone] : []),
    ];
    for (const line of lines) this.text(line, x);
  }

  rule() {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y - 4 },
      end: { x: A4.width - MARGIN, y: this.y - 4 },
      thickness: 0.5,
      color: RULE,
    });
    this.y -= 8;
  }

  tableHeader() {
    this.inTable = false;
    this.ensure(LEADING * 3);
    const y = this.y;
    this.text("Description", COL.description, { bold: true });
    for (const [label, x, right] of [
      ["Period", COL.period, false],
      ["Quantity", COL.quantity, true],
      ["Unit price", COL.unit, true],
      ["Amount", COL.amount, true],
    ] as const) {
      this.y = y;
      this.text(label, x, { bold: true, right });
    }
    this.rule();
    this.inTable = true;
  }

  endTable() {
    this.rule();
    this.inTable = false;
  }

  tableRow(line: InvoiceLine, currency: string) {
    const description = this.lines(line.description, BODY, false, COL.period - COL.description - 10);
    // The whole row on one page: the cells are drawn side by side from the same top.
    this.ensure((BODY + 4) * Math.max(2, description.length) + 4);
    const y = this.y;
    let bottom = y;
    const cells: Array<[string, number, { right?: boolean; maxWidth?: number }]> = [
      [description.join(" "), COL.description, { maxWidth: COL.period - COL.description - 10 }],
      // "2027-01-10 to" over "2028-01-10".
      [`${formatDate(line.periodStartsAt)} to ${formatDate(line.periodEndsAt)}`, COL.period, { maxWidth: 80 }],
      [String(line.quantity), COL.quantity, { right: true }],
      [formatMoney(line.unitAmount, currency), COL.unit, { right: true, maxWidth: COL.unit - COL.quantity - 8 }],
      [formatMoney(line.amount, currency), COL.amount, { right: true, maxWidth: COL.amount - COL.unit - 8 }],
    ];
    for (const [value, x, options] of cells) {
      this.y = y;
      this.text(value, x, options);
      bottom = Math.min(bottom, this.y);
    }
    this.y = bottom - 4;
  }

  total(label: string, value: string, strong = false) {
    const y = this.y;
    this.text(label, COL.quantity - 40, { bold: strong, maxWidth: COL.unit - COL.quantity + 30 });
    const afterLabel = this.y;
    this.y = y;
    this.text(value, COL.amount, { bold: strong, right: true, maxWidth: COL.amount - COL.unit });
    this.y = Math.min(afterLabel, this.y);
  }

  /** Page numbers and the invoice number at the foot of every page. */
  finish(number: string) {
    this.inTable = false;
    this.pages.forEach((page, index) => {
      const footer = this.fonts.printable(`${number} - page ${index + 1} of ${this.pages.length}`);
      this.fonts.draw(page, footer, { x: MARGIN, y: MARGIN / 2, size: 8, bold: false, color: GREY });
    });
  }
}
