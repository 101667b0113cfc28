import "server-only";
import type { EngineEvent } from "@/lib/engine/index";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { ServiceError } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { perpsEntitlement, perpsEntitlements } from "@/lib/services/suitability/entitlement";
import { findTradingAccount } from "@/lib/services/trading/internal";
import { rejectionMessages } from "@/lib/services/trading/rejections";
import { EngineUnavailable, tradingVenue, type TradingVenue } from "@/lib/services/trading/venue";

// Where losing or regaining the perps entitlement reaches the venue (PI-1, PI-7, PI-8, DISC-8): the
// engine account is reduce-only exactly when the entitlement is not `active`. Turning reduce-only on
// cancels the account's resting opening orders in the same engine command (lib/engine README,
// "Reduce-only"), so nothing that could add exposure keeps resting once access is lost.

/** What one reconciliation did. */
export type VenueAccessOutcome =
  /** The client has no trading account (or the engine does not know it yet): nothing to do. */
  | { status: "no_account" }
  /** This process does not host the engine; the recurring job on the engine's process will do it. */
  | { status: "engine_unavailable" }
  | { status: "in_sync"; reduceOnly: boolean }
  | { status: "changed"; reduceOnly: boolean; cancelledOrderIds: number[] }
  /** The engine refused or the call failed (logged); the recurring job tries again. */
  | { status: "failed" };

type SyncContext = Pick<ServiceContext, "db" | "now"> & { actor?: ServiceContext["actor"] };

/**
 * Reconcile one client's engine account with their entitlement: send SetAccountLimits{reduceOnly}
 * only when the engine's flag differs from what the entitlement wants, journaled like every command
 * and audited with the orders it cancelled. Idempotent, and safe to call concurrently: calls for the
 * same account run one after another in this process (the only one that hosts the engine and its
 * state), each re-reading the entitlement and the engine's flag, so many parallel calls send the
 * command once. Not authorized on its own: called by the verbs that change the entitlement (withdrawal,
 * revocation, approval, acknowledgement), the order gate, and the recurring job.
 */
export async function syncVenueAccess(ctx: SyncContext, userId: string, venue?: TradingVenue): Promise<VenueAccessOutcome> {
  const link = await findTradingAccount(ctx.db, userId);
  if (!link) return { status: "no_account" };
  if (!venue) {
    try {
      venue = await tradingVenue();
    } catch (error) {
      if (error instanceof EngineUnavailable) return { status: "engine_unavailable" };
      throw error;
    }
  }
  return syncEngineAccount(ctx, venue, userId, link.engineAccountId);
}

/**
 * {@link syncVenueAccess} right after a verb changed the entitlement (withdrawal, revocation, approval,
 * acknowledgement), outside its transaction. Never throws: the verb's decision stands whatever the
 * engine does, the order gate applies the entitlement meanwhile, and the recurring job retries.
 */
export async function reconcileVenueAccess(ctx: SyncContext, userId: string): Promise<VenueAccessOutcome> {
  try {
    return await syncVenueAccess(ctx, userId);
  } catch (error) {
    console.error(`[venue-access] client ${userId}: ${error instanceof Error ? error.message : String(error)}`);
    return { status: "failed" };
  }
}

/** {@link syncVenueAccess} for a known engine account. */
export function syncEngineAccount(ctx: SyncContext, venue: TradingVenue, userId: string, engineAccountId: number): Promise<VenueAccessOutcome> {
  return serialized(engineAccountId, async () => {
    const entitlement = await perpsEntitlement(ctx, userId);
    const account = venue.state.accounts.get(engineAccountId);
    if (!account) return { status: "no_account" };
    const reduceOnly = entitlement.status !== "active";
    if (account.reduceOnly === reduceOnly) return { status: "in_sync", reduceOnly };
    const result = await venue.submit({ type: "SetAccountLimits", nowMs: 0, accountId: engineAccountId, reduceOnly });
    if (!result.accepted) {
      const { check, explanation } = rejectionMessages(result.code);
      throw new ServiceError(msg("errors.piStatus.venueNotApplied", { check, explanation }), 409, result.code);
    }
    const cancelled = result.events.filter((event): event is Extract<EngineEvent, { type: "OrderClosed" }> => event.type === "OrderClosed");
    const cancelledOrderIds = cancelled.map((event) => event.orderId);
    await withTransaction({ db: ctx.db, now: ctx.now, actor: ctx.actor ?? null }, (tx) =>
      recordAudit(
        tx,
        { db: ctx.db, now: ctx.now, actor: ctx.actor ?? null },
        {
          action: reduceOnly ? "trading.reduce_only_set" : "trading.reduce_only_lifted",
          entity: "TradingAccount",
          entityId: String(engineAccountId),
          after: {
            userId,
            reduceOnly,
            entitlement: entitlement.status,
            code: entitlement.status === "active" ? null : entitlement.code,
            cancelledOrders: cancelled.map((event) => ({ orderId: event.orderId, market: event.market, lots: event.cancelledSize })),
          },
        },
      ),
    );
    return { status: "changed", reduceOnly, cancelledOrderIds };
  });
}

/**
 * The recurring reconciliation (lib/jobs/registry.ts, every few seconds): time-based expiry and a new
 * disclosure version change the entitlement without anyone acting, so every client trading account is
 * checked against its entitlement. Only accounts whose engine flag differs get a command. One failing
 * does not stop the others. Skipped on a process that does not host the engine.
 */
export async function syncAllVenueAccess(ctx: Pick<ServiceContext, "db" | "now">): Promise<{ checked: number; changed: number; failed: number }> {
  let venue: TradingVenue;
  try {
    venue = await tradingVenue();
  } catch (error) {
    if (error instanceof EngineUnavailable) return { checked: 0, changed: 0, failed: 0 };
    throw error;
  }
  const accounts = await ctx.db.tradingAccount.findMany({ select: { userId: true, engineAccountId: true }, orderBy: { engineAccountId: "asc" } });
  // One batched read decides which accounts look out of step; only those are re-checked one by one
  // (serialized, re-reading the entitlement), so a pass over accounts already in step costs three queries.
  const entitlements = await perpsEntitlements(
    ctx,
    accounts.map((account) => account.userId),
  );
  let changed = 0;
  let failed = 0;
  for (const { userId, engineAccountId } of accounts) {
    const account = venue.state.accounts.get(engineAccountId);
    if (!account) continue;
    if (account.reduceOnly === (entitlements.get(userId)?.status !== "active")) continue;
    try {
      const outcome = await syncEngineAccount({ ...ctx, actor: null }, venue, userId, engineAccountId);
      if (outcome.status === "changed") changed++;
    } catch (error) {
      failed++;
      console.error(`[venue-access] account ${engineAccountId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { checked: accounts.length, changed, failed };
}

/** Runs a reconciliation after the previous one for the same account has finished (per process: the engine's). */
function serialized<T>(engineAccountId: number, run: () => Promise<T>): Promise<T> {
  const holder = globalThis as typeof globalThis & { perpsVenueAccessQueue?: Map<number, Promise<unknown>> };
  const queue = (holder.perpsVenueAccessQueue ??= new Map());
  const previous = queue.get(engineAccountId) ?? Promise.resolve();
  const next = previous.then(run, run);
  const settled = next.catch(() => undefined);
  queue.set(engineAccountId, settled);
  void settled.then(() => {
    if (queue.get(engineAccountId) === settled) queue.delete(engineAccountId);
  });
  return next;
}
