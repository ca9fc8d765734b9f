import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseUnavailable, isStorageFull } from "../db/database-errors.ts";
import { AppError } from "./errors.ts";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
  507: "Insufficient Storage",
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors?: Array<{ field: string; message: string }>;
};

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const problem: Problem = {
    type: `about:blank#${error.code}`,
    title: TITLES[error.status] ?? "Error",
    status: error.status,
    code: error.code,
    detail: error.message,
    instance: request.url.split("?")[0] ?? request.url,
    requestId: String(request.id),
    ...(error.details?.errors ? { errors: error.details.errors } : {}),
  };
  if (error.details?.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.details.retryAfterSeconds));
  return reply.status(error.status).type("application/problem+json").send(problem);
}

/** Maps Fastify's own client errors (bad JSON, huge bodies…) to stable codes. */
function fromFastifyError(error: FastifyError): AppError | undefined {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError(413, "BODY_TOO_LARGE", "The request body is too large.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError(400, "MALFORMED_JSON", "The request body is not valid JSON.");
  }
  if (error.statusCode === 429) return new AppError(429, "RATE_LIMITED", "Too many requests. Try again later.");
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(error.statusCode, "BAD_REQUEST", error.message);
  }
  return undefined;
}

/** 503 with Retry-After: the pool reconnects on its own once the database is back. */
export const databaseUnavailable = () =>
  new AppError(503, "DATABASE_UNAVAILABLE", "The database is unavailable. Try again in a few seconds.", {
    retryAfterSeconds: 5,
  });

/**
 * Errors the router raises before any route or hook runs (a path segment that is not valid
 * percent-encoding, or longer than the router keeps). Without this, Fastify answers them with its
 * own JSON shape instead of problem+json. Passed to Fastify as `frameworkErrors`.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  switch (error.code) {
    case "FST_ERR_BAD_URL":
      return sendProblem(request, reply, new AppError(400, "BAD_URL", "The request path is not valid percent-encoded text."));
    case "FST_ERR_MAX_PARAM_LENGTH":
      return sendProblem(request, reply, new AppError(414, "URI_TOO_LONG", "A part of the request path is too long."));
  }
  request.log.error({ err: error }, "router error");
  return sendProblem(request, reply, new AppError(500, "INTERNAL_ERROR", "Something went wrong on our side."));
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(request, reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        field: [error.validationContext, issue.instancePath.replace(/^\//, "").replaceAll("/", ".")].filter(Boolean).join("."),
        message: issue.message ?? "is invalid",
      }));
      const summary = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
      return sendProblem(
        request,
        reply,
        new AppError(400, "VALIDATION_FAILED", `The request is invalid. ${summary}`, { errors }),
      );
    }
    const mapped = fromFastifyError(error);
    if (mapped) return sendProblem(request, reply, mapped);
    // The database is down or restarting, or its disk is full (test/faults/): a clear answer, not a 500.
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, "database unavailable");
      return sendProblem(request, reply, databaseUnavailable());
    }
    if (isStorageFull(error)) {
      request.log.error({ err: error }, "database storage full");
      return sendProblem(
        request,
        reply,
        new AppError(507, "STORAGE_FULL", "The portal cannot save changes right now: its storage is full. Try again later."),
      );
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(request, reply, new AppError(500, "INTERNAL_ERROR", "Something went wrong on our side."));
  });
}
