import "server-only";
import { SignInInput } from "@/lib/services/users/schemas";
import { requiresTotp, type Role } from "@/lib/auth/permissions";
import { verifyPassword } from "@/lib/auth/password";
import { checkTotp } from "@/lib/auth/totp";
import { openTotpSecret } from "@/lib/auth/totp-secret-box";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Invalid, ServiceError } from "@/lib/services/errors";
import { englishText, issueMessage, msg, type MessageRef } from "@/lib/i18n/message-ref";
import { claimTotpStep } from "@/lib/services/auth/totp-step";
import {
  accountLocked,
  BURST,
  clearFailures,
  FAILURE_WINDOW_MS,
  LOCK_MS,
  MAX_FAILURES,
  recordFailure,
  reserveAttempt,
  type Reservation,
} from "@/lib/services/auth/throttle";
import { newSessionId, SESSION_TTL_MS } from "@/lib/services/users/internal";

export class TotpRequired extends ServiceError {
  constructor() {
    super(msg("errors.auth.totpRequired"), 401, "TOTP_REQUIRED");
  }
}

/** What every failed password check reads (no countdown: parallel attempts would each show a different one). */
const WRONG_CREDENTIALS_MESSAGE = msg("errors.auth.wrongCredentials", {
  failures: MAX_FAILURES,
  windowMinutes: FAILURE_WINDOW_MS / 60_000,
  lockMinutes: LOCK_MS / 60_000,
});
const WRONG_CODE_MESSAGE = msg("errors.auth.wrongCode");
/** The same in English, as tests and the browser suite read them. */
export const WRONG_CREDENTIALS = englishText(WRONG_CREDENTIALS_MESSAGE);
export const WRONG_CODE = englishText(WRONG_CODE_MESSAGE);

/**
 * Authentication itself, so there is no actor to authorize. The attempt is counted first (the
 * throttle refuses it unchecked once the allowance is used up), then the password and (for staff,
 * and clients who enrolled) the TOTP code are checked, and the session is opened in the transaction
 * that marks the code used, so a code opens at most one session however many requests carry it.
 * Failures are committed (audit) before the error is thrown.
 */
export async function signInWithPassword({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: SignInInput;
}): Promise<{ userId: string; sessionId: string; email: string; name: string }> {
  const parsed = SignInInput.safeParse(input);
  if (!parsed.success)
    throw new Invalid(
      msg("errors.common.problem", { problem: parsed.error.issues[0] ? issueMessage(parsed.error.issues[0]) : msg("validation.users.credentialsIncorrect") }),
    );
  const { email, password, totp } = parsed.data;
  const now = ctx.now();

  const reservation = await reserveAttempt(ctx, email, now, { action: "auth.sign_in_failed", entity: "User", entityId: email });
  if (!reservation.granted) throw accountLocked(reservation.lockedUntil);

  const user = await ctx.db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, totpSecret: true, totpLastStep: true, roles: { select: { role: true } } },
  });
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordOk) throw await fail(ctx, email, reservation, user ? "wrong password" : "unknown email", WRONG_CREDENTIALS_MESSAGE);

  const roles: Role[] = user.roles.map((r) => r.role);
  let step: number | null = null;
  if (user.totpSecret) {
    if (!totp) {
      // The last allowed attempt reads as locked whether or not the password was right.
      if (reservation.lockedUntil) throw await fail(ctx, email, reservation, "no TOTP code", WRONG_CODE_MESSAGE);
      throw new TotpRequired();
    }
    step = await checkTotp(openTotpSecret(user.id, user.totpSecret), totp, user.totpLastStep, now);
    if (step === null) throw await fail(ctx, email, reservation, "wrong TOTP code", WRONG_CODE_MESSAGE);
  }

  const sessionId = newSessionId();
  const opened = await withTransaction(
    ctx,
    async (tx) => {
      if (step !== null && !(await claimTotpStep(tx, user.id, step))) return false;
      await clearFailures(tx, email);
      await tx.authSession.create({ data: { id: sessionId, userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) } });
      const actor = { userId: user.id, email: user.email, name: user.name, roles, sessionId, totpEnabled: user.totpSecret !== null, stepUpAt: null };
      await recordAudit(
        tx,
        { ...ctx, actor },
        {
          action: "auth.sign_in",
          entity: "AuthSession",
          entityId: sessionId.slice(0, 12),
          // Staff without an enrolled factor get a session that can only enrol one (see authorize).
          after: { secondFactor: step !== null, enrolmentOnly: step === null && requiresTotp(roles) },
        },
      );
      return true;
    },
    BURST,
  );
  if (!opened) throw await fail(ctx, email, reservation, "TOTP code already used", WRONG_CODE_MESSAGE);
  return { userId: user.id, sessionId, email: user.email, name: user.name };
}

async function fail(
  ctx: ServiceContext,
  email: string,
  reservation: Reservation & { granted: true },
  reason: string,
  message: MessageRef,
): Promise<ServiceError> {
  await withTransaction(
    ctx,
    async (tx) => {
      await recordAudit(tx, ctx, { action: "auth.sign_in_failed", entity: "User", entityId: email, actorEmail: email, reason });
      await recordFailure(tx, ctx, email, reservation);
    },
    BURST,
  );
  return reservation.lockedUntil ? accountLocked(reservation.lockedUntil) : new Invalid(message);
}
