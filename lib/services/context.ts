import "server-only";
import type { PrismaClient } from "@/prisma/generated/client";
import { can, requiresTotp, type Permission, type Role } from "@/lib/auth/permissions";
import { Forbidden, StepUpRequired, Unauthenticated } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";

/** Who is acting, as read from the database for this request (never from the cookie alone). */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  sessionId: string;
  totpEnabled: boolean;
  /** When this session last proved a fresh second factor. */
  stepUpAt: Date | null;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export interface ServiceContext {
  actor: Actor | null;
  db: Db;
  now: () => Date;
}

/** How long a step-up (fresh TOTP) stays good for sign-offs and approvals. */
export const STEP_UP_WINDOW_MS = 5 * 60_000;

/**
 * Mutations and their audit rows commit together or not at all. `maxWaitMs` is how long to wait to
 * start (Prisma's default is 2 s); paths that must answer the same under a burst wait longer.
 * `timeoutMs` (15 s unless given) bounds the whole transaction; only a verb whose one transaction
 * must write a row per client (publishing a post-event report) needs more.
 */
export function withTransaction<T>(
  ctx: ServiceContext,
  fn: (tx: Tx) => Promise<T>,
  { maxWaitMs, timeoutMs = 15_000 }: { maxWaitMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  return ctx.db.$transaction(fn, { timeout: timeoutMs, ...(maxWaitMs ? { maxWait: maxWaitMs } : {}) });
}

/**
 * Line 1 of every service verb. Staff without an enrolled second factor can do nothing but enrol
 * one (SEC-1), whatever their roles say.
 */
export function authorize(ctx: ServiceContext, permission: Permission): Actor {
  const actor = ctx.actor;
  if (!actor) throw new Unauthenticated();
  if (permission !== "account.manage" && requiresTotp(actor.roles) && !actor.totpEnabled) {
    throw new Forbidden(msg("errors.auth.staffNeedsTotp"));
  }
  if (!can(actor.roles, permission)) throw new Forbidden();
  return actor;
}

/**
 * Line 1 of a public verb (the public market data), where authorize stands in every other verb:
 * anyone may call it, signed in or not, so nothing is checked. Such a verb never returns anything
 * private (no account ids).
 */
export function authorizePublic(_ctx: ServiceContext): void {}

/** For sign-offs and approvals: the session must have proved a fresh second factor recently. */
export function requireStepUp(ctx: ServiceContext): Actor {
  const actor = ctx.actor;
  if (!actor) throw new Unauthenticated();
  if (!actor.totpEnabled) throw new StepUpRequired(msg("errors.auth.actionNeedsTotp"));
  const fresh = actor.stepUpAt && ctx.now().getTime() - actor.stepUpAt.getTime() <= STEP_UP_WINDOW_MS;
  if (!fresh) throw new StepUpRequired();
  return actor;
}

/** Whether requireStepUp would pass now: pages use it to offer the form or the step-up link first. */
export function hasFreshStepUp(ctx: ServiceContext): boolean {
  try {
    requireStepUp(ctx);
    return true;
  } catch (error) {
    if (error instanceof StepUpRequired || error instanceof Unauthenticated) return false;
    throw error;
  }
}
