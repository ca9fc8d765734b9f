import type { FastifyInstance } from "fastify";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import type { FileStorage } from "../../storage/file-storage.ts";
import { createLocalDiskStorage } from "../../storage/local-disk-storage.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import { downloadsRoutes } from "./downloads.routes.ts";
import { createDownloadsService } from "./downloads.service.ts";
import { downloadsOperatorRoutes } from "./downloads-operator.routes.ts";
import { createReleasesOperatorService } from "./releases-operator.service.ts";

export type DownloadsDeps = {
  config: Config;
  database: Database;
  clock: Clock;
  identity: Pick<IdentityService, "requireSession" | "requireOperator">;
};

/**
 * Downloads' one registration in app.ts: the file storage, the services and the routes.
 * Returns the storage, which support attachments will share.
 */
export async function registerDownloads(app: FastifyInstance, deps: DownloadsDeps): Promise<{ storage: FileStorage }> {
  const storage = createLocalDiskStorage(deps.config.storageDir);
  // Half-written uploads of a process that died; the next start clears those older than a day.
  storage.removeStalePartials().catch((err: unknown) => app.log.warn({ err }, "could not sweep partial uploads"));
  const downloads = createDownloadsService({ database: deps.database, clock: deps.clock, identity: deps.identity });
  const releases = createReleasesOperatorService({
    database: deps.database,
    storage,
    clock: deps.clock,
    identity: deps.identity,
    logger: app.log,
  });
  await downloadsRoutes(app, { downloads, storage });
  await downloadsOperatorRoutes(app, { releases, storage });
  return { storage };
}
