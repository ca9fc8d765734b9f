import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { renderEmail } from "./templates/render-email.ts";

/** Only registered outside production and without SMTP_URL (see app.ts). */
export async function devMailboxRoutes(app: FastifyInstance, { db }: { db: Kysely<DB> }) {
  app.get("/api/dev/mailbox", { schema: { hide: true } }, async () => {
    const rows = await db.selectFrom("outbox").selectAll().orderBy("createdAt", "desc").limit(100).execute();
    return {
      messages: rows.map((row) => ({
        id: row.id,
        createdAt: row.createdAt,
        ...renderEmail(row.template, row.locale, row.recipient, row.payloadJson),
      })),
    };
  });
}
