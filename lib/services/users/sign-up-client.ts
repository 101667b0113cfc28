import "server-only";
import { Prisma } from "@/prisma/generated/client";
import { SignUpInput } from "@/lib/services/users/schemas";
import { hashPassword } from "@/lib/auth/password";
import { withTransaction, type ServiceContext, type Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { formatHkTime } from "@/lib/services/errors";
import { issueEmailVerification } from "@/lib/services/users/email-verification";

/** One notice per account per hour at most, however many sign-ups are tried with its email. */
const EXISTING_EMAIL_NOTICE_EVERY_MS = 60 * 60_000;

export type SignUpOutcome = { created: true; userId: string } | { created: false };

/**
 * Self-service sign-up is for clients only; staff and AFMM roles are granted by an administrator
 * (setUserRoles). Open to anonymous visitors, so there is no permission to check.
 *
 * Signing up with an email that already has an account must not tell the requester so (that would
 * let anyone test which emails are registered): it does the same work (the password is hashed
 * either way) and the transport answers the same. The account's holder is told instead, with a
 * notice on their account, and the attempt is audited. Transports must not pass the outcome on.
 */
export async function signUpClient({ ctx, input }: { ctx: ServiceContext; input: SignUpInput }): Promise<SignUpOutcome> {
  const { name, email, password } = SignUpInput.parse(input);
  const passwordHash = await hashPassword(password);
  try {
    return await withTransaction(ctx, async (tx): Promise<SignUpOutcome> => {
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
      if (existing) return existingAccount(tx, ctx, existing.id, email);
      const user = await tx.user.create({
        data: { email, name, passwordHash, family: "CLIENT", roles: { create: { role: "CLIENT" } } },
        select: { id: true },
      });
      await recordAudit(tx, ctx, { action: "user.sign_up", entity: "User", entityId: user.id, actorEmail: email, after: { email, name, roles: ["CLIENT"] } });
      // SEC-1: the first code to verify the address goes out with the account.
      await issueEmailVerification(tx, ctx, { id: user.id, email });
      return { created: true, userId: user.id };
    });
  } catch (error) {
    // A concurrent sign-up with the same email created the account first: the same as finding it.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") throw error;
    return withTransaction(ctx, async (tx) => {
      const existing = await tx.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
      return existingAccount(tx, ctx, existing.id, email);
    });
  }
}

async function existingAccount(tx: Tx, ctx: ServiceContext, userId: string, email: string): Promise<SignUpOutcome> {
  const now = ctx.now();
  await recordAudit(tx, ctx, {
    action: "user.sign_up_existing_email",
    entity: "User",
    entityId: userId,
    actorEmail: email,
    reason: "sign-up with an email that already has an account; the requester was not told",
  });
  await tx.clientNotice.createMany({
    data: [
      {
        userId,
        kind: "account.sign_up_attempt",
        title: "Someone tried to open an account with your email",
        body: `At ${formatHkTime(now)} Hong Kong time, someone tried to open a new client account with your email address. No account was opened and your password is unchanged. If it was you, sign in with your existing password instead. If it was not, you need do nothing; to be safe, make sure your password is one you use nowhere else.`,
        createdAt: now,
        dedupeKey: `sign-up-attempt:${userId}:${Math.floor(now.getTime() / EXISTING_EMAIL_NOTICE_EVERY_MS)}`,
      },
    ],
    skipDuplicates: true,
  });
  return { created: false };
}
