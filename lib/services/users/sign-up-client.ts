import "server-only";
import { SignUpInput } from "@/lib/services/users/schemas";
import { hashPassword } from "@/lib/auth/password";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict } from "@/lib/services/errors";

/**
 * Self-service sign-up is for clients only; staff and AFMM roles are granted by an administrator
 * (setUserRoles). Open to anonymous visitors, so there is no permission to check.
 */
export async function signUpClient({ ctx, input }: { ctx: ServiceContext; input: SignUpInput }): Promise<{ userId: string }> {
  const { name, email, password } = SignUpInput.parse(input);
  const passwordHash = await hashPassword(password);
  return withTransaction(ctx, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) throw new Conflict("An account with this email already exists. Sign in instead.");
    const user = await tx.user.create({
      data: { email, name, passwordHash, family: "CLIENT", roles: { create: { role: "CLIENT" } } },
      select: { id: true },
    });
    await recordAudit(tx, ctx, { action: "user.sign_up", entity: "User", entityId: user.id, actorEmail: email, after: { email, name, roles: ["CLIENT"] } });
    return { userId: user.id };
  });
}
