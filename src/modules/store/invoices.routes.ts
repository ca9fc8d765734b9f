import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemResponse } from "../../../contracts/identity.ts";
import { OrderParams } from "../../../contracts/store.ts";
import type { Database } from "../../db/database.ts";
import { AppError } from "../../server/errors.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import { loadInvoiceDocument } from "./invoices.repo.ts";
import { orderNotFound } from "./orders.service.ts";

type Deps = { access: AccountAccess; database: Database };

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse };

/** How the invoice names the way it was paid. */
function paymentMethodText(method: string, card: { cardBrand: string | null; cardLast4: string | null } | undefined) {
  if (method === "bank_transfer") return "bank transfer";
  const saved = method === "saved_card" ? "saved card" : "card";
  if (!card?.cardBrand || !card.cardLast4) return saved;
  const brand = card.cardBrand.charAt(0).toUpperCase() + card.cardBrand.slice(1);
  return `${saved} (${brand} ending ${card.cardLast4})`;
}

/**
 * The invoice PDF of an order, made by the server on each download from the invoice's
 * frozen snapshots (seller, buyer, totals) and the order's lines, so it is the same
 * document every time. Account Administrators only, like the orders themselves.
 */
export async function invoicesRoutes(fastify: FastifyInstance, { access, database }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/accounts/:accountId/store/orders/:orderId/invoice.pdf",
    {
      schema: {
        tags: ["store"],
        summary: "The order's invoice as a PDF (Account Administrators); 404 INVOICE_NOT_FOUND until the order is paid",
        params: OrderParams,
        produces: ["application/pdf"],
        response: {
          200: z.any().meta({ type: "string", format: "binary", description: "The invoice (application/pdf)" }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId, { admin: true });
      const found = await loadInvoiceDocument(database.db, actor.accountId, request.params.orderId);
      if (!found.order) throw orderNotFound();
      if (!found.invoice)
        throw new AppError(404, "INVOICE_NOT_FOUND", "This order has no invoice yet: it is issued once the order is paid.");
      const { order, invoice, lines, payment } = found;
      // pdf-lib and the font subsetter load on the first invoice, not at every start.
      const { renderInvoicePdf } = await import("./invoice-pdf.ts");
      const pdf = await renderInvoicePdf({
        number: invoice.number,
        issuedAt: invoice.issuedAt,
        seller: invoice.sellerJson,
        buyer: invoice.buyerJson,
        orderReference: order.reference,
        currency: invoice.currency,
        lines,
        subtotal: invoice.subtotal,
        tax: { name: order.taxName, rateBp: order.taxRateBp, amount: invoice.taxAmount },
        total: invoice.total,
        paid: { at: order.paidAt ?? invoice.issuedAt, method: paymentMethodText(order.paymentMethod, payment) },
        testMode: payment?.gateway === "test",
      });
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `attachment; filename="${invoice.number}.pdf"`)
        .header("cache-control", "private, no-store")
        .send(Buffer.from(pdf));
    },
  );
}
