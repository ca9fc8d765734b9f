import type { FastifyInstance } from "fastify";
import type { Config } from "../../../config.ts";
import type { Database } from "../../../db/database.ts";
import type { Clock } from "../../../server/clock.ts";
import type { SupportTokens } from "../support-tokens.ts";
import type { TicketThread } from "../ticket-thread.ts";
import type { AttachmentSaver } from "./inbound-delivery.ts";
import type { InboundMailListener } from "./inbound-listener.ts";

export type InboundMail = {
  /** The port the listener is bound to (INBOUND_SMTP_PORT=0 picks a free one), or null when it is off or not started yet. */
  readonly port: number | null;
};

/**
 * Starts the inbound SMTP listener with the app (on ready) when INBOUND_SMTP_PORT is set,
 * and stops it when the app closes. Call it from registerSupport.
 */
export function startInboundMail(
  app: FastifyInstance,
  deps: {
    config: Pick<Config, "inboundEmail">;
    database: Database;
    thread: TicketThread;
    attachments: AttachmentSaver;
    tokens: SupportTokens;
    clock: Clock;
    maxBytes?: number;
  },
): InboundMail {
  const { port, host } = deps.config.inboundEmail;
  let bound: number | null = null;
  if (port !== null) {
    let listener: InboundMailListener | undefined;
    app.addHook("onReady", async () => {
      // Loaded only where the listener runs: smtp-server and mailparser add about half a
      // second to every start, and most processes never receive mail (OPERATIONS.md).
      const { createInboundMailListener } = await import("./inbound-listener.ts");
      listener = createInboundMailListener({ ...deps, logger: app.log.child({ module: "inbound-mail" }) });
      bound = (await listener.listen(port, host)).port;
      app.log.info({ port: bound, host }, "inbound support email listening");
    });
    app.addHook("onClose", async () => {
      if (bound !== null) await listener?.close();
      bound = null;
    });
  }
  return {
    get port() {
      return bound;
    },
  };
}
