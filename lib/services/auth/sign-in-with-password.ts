import "server-only";
import { SignInInput } from "@/lib/services/users/schemas";
import { requiresTotp, type Role } from "@/lib/auth/permissions";
import { verifyPassword } from "@/lib/auth/password";
import { checkTotp } from "@/lib/auth/totp";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Invalid, Locked, ServiceError } from "@/lib/services/errors";
import { clearFailures, LOCK_MS, lockedUntil, registerFailure } from "@/lib/services/auth/throttle";
import { newSessionId, SESSION_TTL_MS } from "@/lib/services/users/internal";

export class TotpRequired extends ServiceError {
  constructor() {
    super("Enter the 6-digit code from your authenticator app to finish signing in.", 401, "TOTP_REQUIRED");
  }
}

/**
 * Authentication itself, so there is no actor to authorize: check the lock, the password and (for
 * staff, and clients who enrolled) the TOTP code, then open a server-side session. Failures are
 * committed (throttle + audit) before the error is thrown, so they count even though sign-in fails.
 */
export async function signInWithPassword({ ctx, input }: { ctx: ServiceContext; input: SignInInput }): Promise<{ userId: string; sessionId: string; email: string; name: string }> {
  const parsed = SignInInput.safeParse(input);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]?.message ?? "Email or password is incorrect");
  const { email, password, totp } = parsed.data;
  const now = ctx.now();

  const until = await lockedUntil(ctx.db, email, now);
  if (until) {
    await withTransaction(ctx, (tx) => recordAudit(tx, ctx, { action: "auth.sign_in_failed", entity: "User", entityId: email, actorEmail: email, reason: "account locked" }));
    throw new Locked(until);
  }

  const user = await ctx.db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, totpSecret: true, totpLastStep: true, roles: { select: { role: true } } },
  });
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordOk) {
    throw await fail(ctx, email, user ? "wrong password" : "unknown email", "Email or password is incorrect.");
  }

  const roles: Role[] = user.roles.map((r) => r.role);
  let step: number | null = null;
  if (user.totpSecret) {
    if (!totp) throw new TotpRequired();
    step = await checkTotp(user.totpSecret, totp, user.totpLastStep, now);
    if (step === null) throw await fail(ctx, email, "wrong TOTP code", "That authentication code is wrong, expired or already used.");
  }

  const sessionId = newSessionId();
  await withTransaction(ctx, async (tx) => {
    await clearFailures(tx, email);
    if (step !== null) await tx.user.update({ where: { id: user.id }, data: { totpLastStep: step } });
    await tx.authSession.create({ data: { id: sessionId, userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) } });
    const actor = { userId: user.id, email: user.email, name: user.name, roles, sessionId, totpEnabled: user.totpSecret !== null, stepUpAt: null };
    await recordAudit(tx, { ...ctx, actor }, {
      action: "auth.sign_in",
      entity: "AuthSession",
      entityId: sessionId.slice(0, 12),
      // Staff without an enrolled factor get a session that can only enrol one (see authorize).
      after: { secondFactor: step !== null, enrolmentOnly: step === null && requiresTotp(roles) },
    });
  });
  return { userId: user.id, sessionId, email: user.email, name: user.name };
}

async function fail(ctx: ServiceContext, email: string, reason: string, message: string): Promise<ServiceError> {
  const outcome = await withTransaction(ctx, async (tx) => {
    await recordAudit(tx, ctx, { action: "auth.sign_in_failed", entity: "User", entityId: email, actorEmail: email, reason });
    return registerFailure(tx, ctx, email, ctx.now());
  });
  if ("lockedUntil" in outcome) return new Locked(outcome.lockedUntil);
  const tries = outcome.remaining === 1 ? "1 more try" : `${outcome.remaining} more tries`;
  return new Invalid(`${message} ${tries} before sign-in is locked for ${LOCK_MS / 60_000} minutes.`);
}
