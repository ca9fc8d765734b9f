import type { FastifyServerOptions } from "fastify";
import type { DestinationStream } from "pino";
import type { Config } from "../config.ts";

/** Query parameters and path segments that carry secrets (verification, reset and watch links). */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&](?:token|code|secret|otp)=)[^&#]*/gi, "$1[redacted]")
    .replace(/(\/reset-password\/)[^/?#]+/i, "$1[redacted]")
    .replace(/(\/support\/watch\/)[^/?#]+/i, "$1[redacted]");
}

/**
 * JSON logs in production, pretty ones in development. Cookies, authorization
 * headers, passwords and tokens never reach the log.
 */
export function loggerOptions(config: Config, stream?: DestinationStream): FastifyServerOptions["logger"] {
  const base = {
    level: config.logLevel,
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'res.headers["set-cookie"]',
        "*.password",
        "*.newPassword",
        "*.currentPassword",
        "*.token",
        "*.secret",
      ],
      censor: "[redacted]",
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        ip: req.ip,
      }),
    },
  };
  if (stream) return { ...base, stream };
  if (config.env === "development") {
    return { ...base, transport: { target: "pino-pretty", options: { translateTime: "HH:MM:ss", ignore: "pid,hostname" } } };
  }
  return base;
}
