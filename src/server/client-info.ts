import type { FastifyRequest } from "fastify";

/** Who is calling, as the audit log records it. */
export type ClientInfo = { ipAddress: string; userAgent: string | null };

export function clientInfo(request: FastifyRequest): ClientInfo {
  return { ipAddress: request.ip, userAgent: request.headers["user-agent"] ?? null };
}
