import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { DownloadParams, DownloadsList, DownloadsParams } from "../../../contracts/downloads.ts";
import { ProblemResponse } from "../../../contracts/identity.ts";
import type { FileStorage } from "../../storage/file-storage.ts";
import type { DownloadsService } from "./downloads.service.ts";
import { sendStoredFile } from "./file-response.ts";

type Deps = { downloads: DownloadsService; storage: FileStorage };

const problems = { 400: ProblemResponse, 401: ProblemResponse, 404: ProblemResponse };
const tags = ["downloads"];
export const binary = (description: string) => z.any().meta({ type: "string", format: "binary", description });
export const fileResponses = {
  200: binary("The whole file (application/octet-stream); ETag = its SHA-256"),
  206: binary("One byte range of the file, as Content-Range says"),
  304: z.null().meta({ description: "If-None-Match matched: the copy the client has is current" }),
  416: ProblemResponse,
};

/** Members' Downloads: the list, and each file (GET and HEAD, resumable with Range). */
export async function downloadsRoutes(fastify: FastifyInstance, { downloads, storage }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/accounts/:accountId/downloads",
    {
      schema: {
        tags,
        summary:
          "Published releases of the products the account has an active subscription to, by product and version; 404 for anyone else",
        params: DownloadsParams,
        response: { 200: DownloadsList, ...problems },
      },
    },
    async (request) => downloads.list(request, request.params.accountId),
  );

  const file = "/api/accounts/:accountId/downloads/:releaseId/file";
  const fileSchema = (summary: string) => ({
    tags,
    summary,
    params: DownloadParams,
    produces: ["application/octet-stream"],
    response: { ...fileResponses, ...problems },
  });
  // HEAD is its own route: Fastify's automatic one would read the whole file and throw it away.
  app.get(
    file,
    {
      exposeHeadRoute: false,
      schema: fileSchema("Download a release's file: Range (one range), If-Range and If-None-Match with the ETag"),
    },
    async (request, reply) => {
      const served = await downloads.file(request, request.params.accountId, request.params.releaseId);
      return sendStoredFile(request, reply, storage, served, { headOnly: false });
    },
  );
  app.head(
    file,
    { schema: fileSchema("A release file's headers: size, ETag (SHA-256), Accept-Ranges") },
    async (request, reply) => {
      const served = await downloads.file(request, request.params.accountId, request.params.releaseId);
      return sendStoredFile(request, reply, storage, served, { headOnly: true });
    },
  );
}
