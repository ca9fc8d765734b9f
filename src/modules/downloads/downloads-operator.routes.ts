import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CreateReleaseBody,
  MAX_RELEASE_BYTES,
  OperatorRelease,
  OperatorReleaseList,
  OperatorReleaseParams,
  UpdateReleaseBody,
  UploadReleaseFileQuery,
} from "../../../contracts/downloads.ts";
import { ProblemResponse } from "../../../contracts/identity.ts";
import { clientInfo } from "../../server/client-info.ts";
import { AppError } from "../../server/errors.ts";
import type { FileStorage } from "../../storage/file-storage.ts";
import { binary, fileResponses } from "./downloads.routes.ts";
import { sendStoredFile } from "./file-response.ts";
import type { ReleasesOperatorService } from "./releases-operator.service.ts";

type Deps = { releases: ReleasesOperatorService; storage: FileStorage };

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse };
const tags = ["operator"];
const base = "/api/operator/downloads/releases";
const one = `${base}/:releaseId`;

/** The operator console's releases. The upload is the one route whose body is not JSON. */
export async function downloadsOperatorRoutes(fastify: FastifyInstance, { releases, storage }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    base,
    { schema: { tags, summary: "Every release, drafts too, newest first", response: { 200: OperatorReleaseList, ...problems } } },
    async (request) => {
      await releases.requireOperator(request);
      return releases.list();
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: "Create a release (a draft): product, version, platform, file name and notes",
        body: CreateReleaseBody,
        response: { 201: OperatorRelease, ...problems },
      },
    },
    async (request, reply) => {
      const { userId } = await releases.requireOperator(request);
      return reply.status(201).send(await releases.create(userId, request.body, clientInfo(request)));
    },
  );

  // The upload gets a Fastify scope of its own: the raw body (handed over as a stream, never
  // buffered; its size is limited while it streams) is accepted here and nowhere else, so
  // every other route keeps answering 415 to anything but JSON.
  await fastify.register(async (scope) => {
    scope.addContentTypeParser("application/octet-stream", (_request, payload, done) => done(null, payload));
    const uploads = scope.withTypeProvider<ZodTypeProvider>();
    uploads.put(
      `${one}/file`,
      {
        schema: {
          tags,
          summary: `Upload a draft's file as the raw request body (application/octet-stream, at most ${MAX_RELEASE_BYTES} bytes); with ?sha256= a different checksum is refused (422) and nothing is kept`,
          params: OperatorReleaseParams,
          querystring: UploadReleaseFileQuery,
          consumes: ["application/octet-stream"],
          body: binary("The file's bytes"),
          response: { 200: OperatorRelease, ...problems, 413: ProblemResponse, 415: ProblemResponse, 422: ProblemResponse },
        },
      },
      async (request, reply) => {
        const body = request.body as unknown;
        try {
          const { userId } = await releases.requireOperator(request);
          if (!(body instanceof Readable)) {
            throw new AppError(
              415,
              "UNSUPPORTED_MEDIA_TYPE",
              "Send the file as the request body with Content-Type: application/octet-stream.",
            );
          }
          const length = request.headers["content-length"];
          return await releases.upload(
            userId,
            request.params.releaseId,
            body,
            { contentLength: length === undefined ? undefined : Number(length), expectedSha256: request.query.sha256 },
            clientInfo(request),
          );
        } catch (error) {
          // Refused before the body was read (or part way): close the connection rather than read gigabytes to throw away.
          if (body instanceof Readable && !body.readableEnded) reply.header("connection", "close");
          throw error;
        }
      },
    );
  });

  app.patch(
    one,
    {
      schema: {
        tags,
        summary: "Edit a release's notes",
        params: OperatorReleaseParams,
        body: UpdateReleaseBody,
        response: { 200: OperatorRelease, ...problems },
      },
    },
    async (request) => {
      const { userId } = await releases.requireOperator(request);
      return releases.updateNotes(userId, request.params.releaseId, request.body.notes, clientInfo(request));
    },
  );

  for (const [action, isPublished] of [
    ["publish", true],
    ["unpublish", false],
  ] as const) {
    app.post(
      `${one}/${action}`,
      {
        schema: {
          tags,
          summary: isPublished
            ? "Publish a release: members of accounts with an active subscription to its product see it (409 without a file)"
            : "Unpublish a release: customers no longer see or download it",
          params: OperatorReleaseParams,
          response: { 200: OperatorRelease, ...problems },
        },
      },
      async (request) => {
        const { userId } = await releases.requireOperator(request);
        return releases.setPublished(userId, request.params.releaseId, isPublished, clientInfo(request));
      },
    );
  }

  app.delete(
    one,
    {
      schema: {
        tags,
        summary: "Delete a release and its file",
        params: OperatorReleaseParams,
        response: { 204: z.null().meta({ description: "Deleted" }), ...problems },
      },
    },
    async (request, reply) => {
      const { userId } = await releases.requireOperator(request);
      await releases.remove(userId, request.params.releaseId, clientInfo(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${one}/file`,
    {
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: "Download any release's file (drafts too), to check an upload; Range as for customers",
        params: OperatorReleaseParams,
        produces: ["application/octet-stream"],
        response: { ...fileResponses, ...problems },
      },
    },
    async (request, reply) => {
      await releases.requireOperator(request);
      return sendStoredFile(request, reply, storage, await releases.file(request.params.releaseId), { headOnly: false });
    },
  );
}
