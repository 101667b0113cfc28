import "server-only";
import { withTransaction, type Db, type ServiceContext, type Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Locked } from "@/lib/services/errors";

/**
 * The sign-in throttle, in one place: 5 attempts within 15 minutes that do not succeed lock the
 * email for 15 minutes. Counted per lower-cased email (known or not, so a lock reveals nothing about
 * which accounts exist) and kept in the database, so restarting the portal does not reset it. Wrong
 * TOTP codes at sign-in or step-up count too.
 *
 * An attempt is counted BEFORE its password or code is checked (reserveAttempt), under the row's
 * lock, so a burst of parallel requests cannot all be checked against the count before any of them
 * is recorded: at most MAX_FAILURES are ever checked per window, the rest are refused unchecked and
 * all read the same (the lock's end is stored once, when the last allowed attempt is reserved).
 * A success clears the count (clearFailures); a failure simply keeps its reservation.
 */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

/**
 * For every transaction on the sign-in and step-up paths: a burst queues for connections and for
 * the row lock, and waiting is better than failing with a message the other attempts do not get.
 */
export const BURST = { maxWaitMs: 30_000 };

export type Reservation = { granted: true; lockedUntil: Date | null } | { granted: false; lockedUntil: Date };

/**
 * Count one attempt for `email` and say whether it may be checked. When it is the last allowed
 * attempt, the lock is set now (to end LOCK_MS later) and lifted again if the attempt succeeds.
 * A refusal is audited (after the row lock is released, so a burst does not queue behind the log).
 */
export async function reserveAttempt(
  ctx: ServiceContext,
  email: string,
  now: Date,
  refusal: { action: "auth.sign_in_failed" | "auth.step_up_failed"; entity: string; entityId: string },
): Promise<Reservation> {
  const reservation = await withTransaction(
    ctx,
    async (tx): Promise<Reservation> => {
      const row = await lockRow(tx, email, now);
      if (row.lockedUntil && row.lockedUntil > now) return { granted: false, lockedUntil: row.lockedUntil };
      // A window that has run out, or a lock that has ended, starts the count again.
      const windowOpen = row.failures > 0 && row.lockedUntil === null && now.getTime() - row.windowStartedAt.getTime() < FAILURE_WINDOW_MS;
      const attempts = windowOpen ? row.failures + 1 : 1;
      const lockedUntil = attempts >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
      await tx.loginThrottle.update({ where: { email }, data: { failures: attempts, windowStartedAt: windowOpen ? row.windowStartedAt : now, lockedUntil } });
      return { granted: true, lockedUntil };
    },
    BURST,
  );
  if (!reservation.granted) {
    await withTransaction(ctx, (tx) => recordAudit(tx, ctx, { ...refusal, actorEmail: email, reason: "account locked" }), BURST);
  }
  return reservation;
}

/** The refusal while attempts are used up (by this lock, or by a rate limit in front of it: same words). */
export function accountLocked(until: Date | null): Locked {
  return new Locked(until, LOCK_MS);
}

/** Audit a failed (checked) attempt, and the lock if this attempt was the one that set it. */
export async function recordFailure(tx: Tx, ctx: ServiceContext, email: string, reservation: Reservation & { granted: true }): Promise<void> {
  if (!reservation.lockedUntil) return;
  await recordAudit(tx, ctx, {
    action: "auth.lockout",
    entity: "LoginThrottle",
    entityId: email,
    actorEmail: email,
    after: { failures: MAX_FAILURES, lockedUntil: reservation.lockedUntil },
  });
}

export async function clearFailures(tx: Tx, email: string): Promise<void> {
  await tx.loginThrottle.deleteMany({ where: { email } });
}

/**
 * Forget counts that no longer matter (window over, no lock in force). Failed sign-ins for made-up
 * emails create rows; this keeps the table to the last FAILURE_WINDOW_MS or LOCK_MS of them.
 */
export async function sweepExpiredThrottles(db: Db, now: Date): Promise<number> {
  const { count } = await db.loginThrottle.deleteMany({
    where: {
      windowStartedAt: { lt: new Date(now.getTime() - FAILURE_WINDOW_MS) },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
  });
  return count;
}

/**
 * The email's row, locked until the transaction ends: concurrent attempts for the same email queue
 * here, so each reads the count the previous one wrote. (INSERT … ON CONFLICT DO NOTHING, then an
 * UPDATE, which takes the row lock; a SELECT … FOR UPDATE without raw SQL.)
 */
async function lockRow(tx: Tx, email: string, now: Date) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await tx.loginThrottle.createMany({ data: [{ email, failures: 0, windowStartedAt: now }], skipDuplicates: true });
    const { count } = await tx.loginThrottle.updateMany({ where: { email }, data: { updatedAt: now } });
    // A success elsewhere can delete the row between the two statements: make it again.
    if (count === 1) return tx.loginThrottle.findUniqueOrThrow({ where: { email } });
  }
  throw new Error(`could not lock the sign-in throttle row of ${email}`);
}
