import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ActivateBody,
  ActivateResponse,
  CheckInBody,
  DeactivateResponse,
  FarmLicenseResponse,
  JsonWebKeySet,
} from "../../../contracts/farms.ts";
import { ProblemResponse } from "../../../contracts/identity.ts";
import { clientInfo } from "../../server/client-info.ts";
import { AppError } from "../../server/errors.ts";
import type { ActivationService } from "./activation.service.ts";
import type { CertificateSigner } from "./certificates.ts";
import type { CheckInService } from "./check-in.service.ts";

type Deps = { activation: ActivationService; checkIns: CheckInService; signer: CertificateSigner; rateLimit: boolean };

export const FARM_API_PREFIX = "/api/farm/v1";
const tags = ["farm API"];
const problems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
  429: ProblemResponse,
};
const FarmAuthHeaders = z.object({ authorization: z.string().max(200).optional() });

/** The farm credential from `Authorization: Bearer lpf_…`. */
function farmCredential(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(lpf_[A-Za-z0-9_-]{20,100})$/.exec(header) : null;
  if (!match?.[1]) {
    throw new AppError(401, "FARM_CREDENTIAL_INVALID", "Send the farm credential from activation as `Authorization: Bearer …`.");
  }
  return match[1];
}

/**
 * The API farms call. Versioned in the path: a farm in the field keeps speaking v1
 * when the portal is upgraded. Farms send no cookies, so the browser CSRF check does
 * not apply; each call carries its own credentials (email and password to activate,
 * the farm credential after that).
 */
export async function farmApiRoutes(fastify: FastifyInstance, { activation, checkIns, signer, rateLimit }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    `${FARM_API_PREFIX}/activate`,
    {
      config: rateLimit ? { rateLimit: { max: 30, timeWindow: 60_000 } } : {},
      schema: {
        tags,
        summary: "Activate a farm with a license key (or, without a key, the account's 30-day trial)",
        description:
          "Email and password of an Account Administrator of the account holding the key, or of the key's License Administrator. Returns the farm credential (once) and a signed license certificate.",
        body: ActivateBody,
        response: { 201: ActivateResponse, ...problems },
      },
    },
    async (request, reply) => reply.status(201).send(await activation.activate(request.body, clientInfo(request))),
  );

  app.post(
    `${FARM_API_PREFIX}/check-in`,
    {
      // A farm reads JSON, not pages: the browser security headers would only cost time on the busiest route.
      helmet: false,
      schema: {
        tags,
        summary: "Report concurrent users (every 20 minutes); get the license state and a fresh certificate",
        headers: FarmAuthHeaders,
        body: CheckInBody,
        response: { 200: FarmLicenseResponse, ...problems },
      },
    },
    async (request) => checkIns.checkIn(farmCredential(request), request.body),
  );

  app.post(
    `${FARM_API_PREFIX}/deactivate`,
    {
      schema: {
        tags,
        summary: "Deactivate this farm (it stops counting and is told `deactivated` from now on)",
        headers: FarmAuthHeaders,
        response: { 200: DeactivateResponse, ...problems },
      },
    },
    async (request) => checkIns.deactivate(farmCredential(request)),
  );

  app.get(
    "/.well-known/license-portal/keys.json",
    {
      schema: {
        tags,
        summary: "The public keys that verify license certificates (JWKS, Ed25519)",
        response: { 200: JsonWebKeySet },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=3600");
      return signer.jwks();
    },
  );

  app.get(
    "/.well-known/license-portal/signing-key.pem",
    { schema: { tags, summary: "The certificate signing public key as PEM (SPKI)" } },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=3600");
      return reply.type("application/x-pem-file").send(signer.publicKeyPem);
    },
  );
}
