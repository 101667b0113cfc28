import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { PerpsAccessRefused, perpsEntitlement } from "@/lib/services/suitability/entitlement";
import { rejectionMessages } from "@/lib/services/trading/rejections";
import { syncEngineAccount } from "@/lib/services/trading/sync-venue-access";
import { msg } from "@/lib/i18n/message-ref";
import type { TradingVenue } from "@/lib/services/trading/venue";

// Where the suitability entitlement meets the venue: suitability says what a client may do, this
// enforces it on orders and sets the approved exposure cap in the engine.

/**
 * The order gate: refuses what the entitlement does not allow, before anything reaches
 * the engine, and makes sure the engine enforces the client's exposure cap (SUIT-5) on the order.
 */
export async function requireOrderEntitlement(
  ctx: ServiceContext,
  userId: string,
  order: { reduceOnly: boolean },
  venue: TradingVenue,
  engineAccountId: number,
): Promise<void> {
  const entitlement = await perpsEntitlement(ctx, userId);
  if (entitlement.status === "none") throw new PerpsAccessRefused(entitlement.reason, entitlement.code);
  if (entitlement.status === "reduce_only" && !order.reduceOnly) throw new PerpsAccessRefused(entitlement.reason, entitlement.code);
  // Access restored (a new approval, the new disclosure acknowledged) but the engine account still
  // reduce-only: lift it now rather than let the engine refuse the order until the recurring job runs.
  if (entitlement.status === "active" && venue.state.accounts.get(engineAccountId)?.reduceOnly === true)
    await syncEngineAccount(ctx, venue, userId, engineAccountId);
  await ensureEngineLimits(venue, engineAccountId, entitlement.maxInitialMarginMicroUsd);
}

/**
 * Make the engine's cap equal the approved one. Approval may happen before the account exists, or on
 * another process, so the order path checks and sets it rather than trusting that approval did.
 */
export async function ensureEngineLimits(venue: TradingVenue, engineAccountId: number, maxInitialMarginMicroUsd: bigint): Promise<void> {
  const account = venue.state.accounts.get(engineAccountId);
  if (account && account.maxInitialMargin === maxInitialMarginMicroUsd) return;
  const result = await venue.submit({ type: "SetAccountLimits", nowMs: 0, accountId: engineAccountId, maxInitialMargin: maxInitialMarginMicroUsd });
  if (!result.accepted) {
    const { check, explanation } = rejectionMessages(result.code);
    throw new ServiceError(msg("errors.trading.exposureCapNotApplied", { check, explanation }), 409, result.code);
  }
}
