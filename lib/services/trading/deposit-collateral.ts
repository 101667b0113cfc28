import "server-only";
import crypto from "node:crypto";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { requireTradingAccount, submitForClient } from "@/lib/services/trading/internal";
import type { ExplainedRejection } from "@/lib/services/trading/rejections";
import { depositSchema, type DepositInput } from "@/lib/services/trading/schemas";
import { tradingVenue } from "@/lib/services/trading/venue";

export type DepositOutcome =
  | { status: "pending"; depositId: string; assetId: string; amountMinor: bigint; indicativeValueUsd: bigint; confirmationMs: number | null }
  | { status: "rejected"; rejection: ExplainedRejection };

/**
 * Notify a deposit of eligible collateral (COL-1) to the client's account. The engine records it as
 * pending: shown, never counted as margin (COL-2), until the simulated confirmation settles it
 * (lib/simulation/client-deposits.ts). An asset the registry does not list, or lists as not
 * eligible now, is refused by the engine with the reason.
 */
export async function depositCollateral({ ctx, input }: { ctx: ServiceContext; input: DepositInput }): Promise<DepositOutcome> {
  const actor = authorize(ctx, "portal.trade");
  const venue = await tradingVenue();
  const { assetId, amountMinor } = depositSchema(venue.state.registry).parse(input);
  const { engineAccountId } = await requireTradingAccount(ctx, actor);
  const depositId = `client-${engineAccountId}-${crypto.randomUUID()}`;
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "trading.deposit", entity: "EngineDeposit", entityId: depositId, after: { engineAccountId, assetId, amountMinor } }),
  );
  const submitted = await submitForClient(
    ctx,
    venue,
    { type: "Deposit", nowMs: 0, accountId: engineAccountId, depositId, assetId, amountMinor },
    { entity: "EngineDeposit", entityId: depositId },
  );
  if (!submitted.accepted) return { status: "rejected", rejection: submitted.rejection };
  const notice = submitted.events.find((event) => event.type === "DepositPending");
  return {
    status: "pending",
    depositId,
    assetId,
    amountMinor,
    indicativeValueUsd: notice?.type === "DepositPending" ? notice.indicativeValueUsd : 0n,
    confirmationMs: venue.deposits?.delayMs ?? null,
  };
}
