import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/database.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { createAuth } from "./auth.ts";

const OperatorInput = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  name: z.string().trim().min(1).max(200),
});

/**
 * Creates a vendor staff ("operator") sign-in, or promotes an existing person.
 * This CLI is the only way to set `is_operator`: Better Auth treats the field as
 * `input: false`, and no route writes it. The new operator gets a password-set
 * link by email (through the outbox), so no password ever passes the command line.
 */
export async function createOperator(config: Config, database: Database, input: { email: string; name: string }) {
  const { email, name } = OperatorInput.parse(input);
  const { db } = database;
  const existing = await db.selectFrom("users").select(["id", "isOperator"]).where("email", "=", email).executeTakeFirst();
  if (existing) {
    await db.updateTable("users").set({ isOperator: true, updatedAt: new Date() }).where("id", "=", existing.id).execute();
    await insertAuditEvent(db, {
      action: "identity.operator_grant",
      outcome: "success",
      targetType: "user",
      targetId: existing.id,
      metadata: { via: "cli" },
    });
    return { userId: existing.id, message: `${email} is now an operator.` };
  }
  const auth = createAuth(config, database);
  const context = await auth.$context;
  const [firstName = name, ...rest] = name.split(/\s+/);
  const user = await context.internalAdapter.createUser(
    {
      email,
      name,
      firstName,
      lastName: rest.join(" ") || "-",
      locale: "en",
      emailVerified: true,
    },
    { method: "email-password" },
  );
  await db.updateTable("users").set({ isOperator: true }).where("id", "=", user.id).execute();
  await insertAuditEvent(db, {
    action: "identity.operator_grant",
    outcome: "success",
    targetType: "user",
    targetId: user.id,
    metadata: { via: "cli", created: true },
  });
  await auth.api.requestPasswordReset({ body: { email, redirectTo: "/reset-password" } });
  return {
    userId: user.id,
    message: `Operator ${email} created. A link to set the password is in the outbox (sent by the running server, or shown in the dev mailbox).`,
  };
}
