import "server-only";
import type { ServiceContext, Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";

/**
 * The sign-in throttle, in one place: 5 failures within 15 minutes lock the email for 15 minutes.
 * Counted per lower-cased email (known or not, so a lock reveals nothing about which accounts exist)
 * and kept in the database, so restarting the portal does not reset it. Wrong TOTP codes at sign-in
 * or step-up count too.
 */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

/** The time the email is locked until, or null. */
export async function lockedUntil(tx: Tx, email: string, now: Date): Promise<Date | null> {
  const row = await tx.loginThrottle.findUnique({ where: { email } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Count one failure (and audit the lock when it starts). Returns the lock end, or how many tries remain. */
export async function registerFailure(tx: Tx, ctx: ServiceContext, email: string, now: Date): Promise<{ lockedUntil: Date } | { remaining: number }> {
  const row = await tx.loginThrottle.findUnique({ where: { email } });
  const windowOpen = row && now.getTime() - row.windowStartedAt.getTime() < FAILURE_WINDOW_MS && !(row.lockedUntil && row.lockedUntil <= now);
  const failures = windowOpen ? row.failures + 1 : 1;
  const windowStartedAt = windowOpen ? row.windowStartedAt : now;
  const locked = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
  await tx.loginThrottle.upsert({
    where: { email },
    create: { email, failures, windowStartedAt, lockedUntil: locked },
    update: { failures, windowStartedAt, lockedUntil: locked },
  });
  if (!locked) return { remaining: MAX_FAILURES - failures };
  await recordAudit(tx, ctx, { action: "auth.lockout", entity: "LoginThrottle", entityId: email, actorEmail: email, after: { failures, lockedUntil: locked } });
  return { lockedUntil: locked };
}

export async function clearFailures(tx: Tx, email: string): Promise<void> {
  await tx.loginThrottle.deleteMany({ where: { email } });
}
