import type { FastifyInstance } from "fastify";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import type { FileStorage } from "../../storage/file-storage.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import type { Sealer } from "../notifications/sealed-fields.ts";
import { createSupportAttachments, type SupportAttachments } from "./attachments.ts";
import { type InboundMail, startInboundMail } from "./inbound/inbound-mail.plugin.ts";
import { operatorSupportRoutes } from "./operator-support.routes.ts";
import { createOperatorSupportService } from "./operator-support.service.ts";
import type { SupportEmailDeps } from "./support-emails.ts";
import { createSupportJobs, type SupportJobs } from "./support-jobs.ts";
import { createSupportTokens, type SupportTokens } from "./support-tokens.ts";
import { createTicketThread, type TicketThread } from "./ticket-thread.ts";
import { ticketsRoutes } from "./tickets.routes.ts";
import { createTicketsService } from "./tickets.service.ts";
import { watchLinkRoutes } from "./watch-link.routes.ts";
import { createWatchLinkService } from "./watch-link.service.ts";
import { watchersRoutes } from "./watchers.routes.ts";
import { createWatchersService } from "./watchers.service.ts";

export type SupportDeps = {
  config: Config;
  database: Database;
  clock: Clock;
  access: AccountAccess;
  identity: Pick<IdentityService, "requireSession" | "requireOperator">;
  sealer: Sealer;
  /** The file storage registerDownloads made (one STORAGE_DIR for releases and attachments). */
  storage: FileStorage;
};

/** What support shares with the rest of the app (app.support): the thread, attachments, tokens and jobs. */
export type Support = {
  thread: TicketThread;
  attachments: SupportAttachments;
  tokens: SupportTokens;
  jobs: SupportJobs;
  /** The inbound email listener (INBOUND_SMTP_PORT); `inbound.port` is where it listens. */
  inbound: InboundMail;
  /** What the support emails need (publicUrl, sealer, tokens), for callers writing their own. */
  emails: SupportEmailDeps;
};

/**
 * Support's one registration in app.ts: the shared core (thread, attachments, tokens), the
 * customer ticket routes, and the parts other files add (watchers and watch links, the
 * operators' console, inbound email) registered here too.
 */
export async function registerSupport(app: FastifyInstance, deps: SupportDeps): Promise<Support> {
  const { config, database, clock, sealer, storage } = deps;
  const tokens = createSupportTokens(config.authSecret, config.inboundEmail.domain);
  const emails: SupportEmailDeps = { publicUrl: config.publicUrl, sealer, tokens };
  const thread = createTicketThread({ clock, publicUrl: config.publicUrl, sealer, tokens });
  const attachments = createSupportAttachments({ database, storage, clock });
  const jobs = createSupportJobs({
    database,
    clock,
    attachments,
    emails,
    logger: app.log,
    intervalMs: config.jobIntervalMs ?? undefined,
  });

  await ticketsRoutes(app, {
    access: deps.access,
    tickets: createTicketsService({ database, clock, thread, emails }),
    attachments,
  });
  // Watchers, outside watchers' links and the operators' console (helper B's files).
  await watchersRoutes(app, {
    access: deps.access,
    watchers: createWatchersService({ database, clock, sealer, tokens, publicUrl: config.publicUrl }),
  });
  await watchLinkRoutes(app, {
    watchLinks: createWatchLinkService({ database, clock, tokens, thread, attachments }),
    attachments,
    rateLimit: config.authRateLimit,
  });
  await operatorSupportRoutes(app, {
    operatorSupport: createOperatorSupportService({ database, clock, identity: deps.identity, thread, attachments }),
    attachments,
  });

  const inbound = startInboundMail(app, { config, database, thread, attachments, tokens, clock });
  return { thread, attachments, tokens, jobs, emails, inbound };
}
