import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Me, ProblemResponse, SignUpBody, SignUpResponse, UpdateProfileBody } from "../../../contracts/identity.ts";
import type { IdentityService } from "./identity.service.ts";

type Deps = { identity: IdentityService; rateLimit: boolean };

export async function identityRoutes(fastify: FastifyInstance, { identity, rateLimit }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/identity/sign-up",
    {
      config: rateLimit ? { rateLimit: { max: 10, timeWindow: 60_000 } } : {},
      schema: {
        tags: ["identity"],
        summary: "Create a person's sign-in and send the verification email",
        body: SignUpBody,
        response: { 202: SignUpResponse, 400: ProblemResponse, 429: ProblemResponse },
      },
    },
    async (request, reply) => {
      const { email } = await identity.signUp(request.body, request);
      return reply.status(202).send({ status: "verification_sent", email });
    },
  );

  app.get(
    "/api/me",
    { schema: { tags: ["identity"], summary: "The signed-in person", response: { 200: Me, 401: ProblemResponse } } },
    async (request) => {
      const { userId } = await identity.requireSession(request);
      return identity.loadMe(userId);
    },
  );

  app.put(
    "/api/me/profile",
    {
      schema: {
        tags: ["identity"],
        summary: "Update the Personal Profile: name and preferred language",
        body: UpdateProfileBody,
        response: { 200: Me, 400: ProblemResponse, 401: ProblemResponse },
      },
    },
    async (request) => {
      const { userId } = await identity.requireSession(request);
      return identity.updateProfile(userId, request.body, {
        ipAddress: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      });
    },
  );
}
