import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { RenderedEmail } from "./mailer.ts";
import type { Sealer } from "./sealed-fields.ts";
import { renderEmail } from "./templates/render-email.ts";

/**
 * Only registered outside production and without SMTP_URL (see app.ts).
 * `GET /api/dev/mailbox` → `{ messages: [{ id, createdAt, to, subject, text, html }] }`, newest first.
 */
export async function devMailboxRoutes(app: FastifyInstance, { db, sealer }: { db: Kysely<DB>; sealer: Sealer }) {
  app.get("/api/dev/mailbox", { schema: { hide: true } }, async () => {
    const rows = await db.selectFrom("outbox").selectAll().orderBy("createdAt", "desc").limit(100).execute();
    return {
      messages: rows.map((row) => ({
        id: row.id,
        createdAt: row.createdAt,
        ...renderForMailbox(row.template, row.locale, row.recipient, sealer.open(row.payloadJson)),
      })),
    };
  });
}

/** One message that cannot be rendered must not hide the rest of the mailbox. */
function renderForMailbox(template: string, locale: string, to: string, data: Record<string, string>): RenderedEmail {
  try {
    return renderEmail(template, locale, to, data);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { to, subject: `[cannot render] ${template}`, text: reason, html: "" };
  }
}
