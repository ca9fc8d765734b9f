import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "./errors.ts";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
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
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(request, reply, new AppError(500, "INTERNAL_ERROR", "Something went wrong on our side."));
  });
}
