import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

export const WEB_DIST = join(import.meta.dirname, "..", "..", "dist", "web");

/**
 * Serves the built React app. Unknown non-API GETs get index.html so client-side
 * routes (/sign-in, /security…) survive a reload.
 */
export async function registerWebApp(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(join(WEB_DIST, "index.html"))) return false;
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  return true;
}

export function isSpaNavigation(method: string, url: string, accept: string | undefined): boolean {
  return method === "GET" && !url.startsWith("/api/") && !url.startsWith("/assets/") && (accept ?? "").includes("text/html");
}
