import "server-only";
import { Prisma } from "@/prisma/generated/client";
import { authorize, withTransaction, type Actor, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { ServiceError } from "@/lib/services/errors";
import { demoOpeningDepositCents, findTradingAccount, type TradingAccountLink } from "@/lib/services/trading/internal";
import { rejectionMessages } from "@/lib/services/trading/rejections";
import { msg } from "@/lib/i18n/message-ref";
import { tradingVenue, type TradingVenue } from "@/lib/services/trading/venue";
import { PerpsAccessRefused, perpsEntitlement } from "@/lib/services/suitability/entitlement";
import { ensureEngineLimits } from "@/lib/services/trading/order-entitlement";
import { PORTAL_CLIENT_ACCOUNT_BASE_ID } from "@/lib/simulation/client-deposits";

const demoDepositId = (engineAccountId: number) => `demo-opening-${engineAccountId}`;

/**
 * Open the signed-in client's account on the simulated venue: link the user to a new engine account,
 * create it in the engine and, in demo mode, send a demo USD deposit (pending until the simulated
 * confirmation settles it, like any deposit).
 *
 * Only an approved, unexpired professional investor may open one (PI-1); the account is created with
 * the approved exposure cap already set in the engine (SUIT-5).
 *
 * Idempotent: a second call, or one after an interruption between the steps, completes what is
 * missing (ACCOUNT_EXISTS and DUPLICATE_DEPOSIT mean that step was already done).
 */
export async function openTradingAccount({ ctx }: { ctx: ServiceContext }): Promise<{ engineAccountId: number; created: boolean }> {
  const actor = authorize(ctx, "portal.trade");
  const entitlement = await perpsEntitlement(ctx, actor.userId);
  if (entitlement.status !== "active") throw new PerpsAccessRefused(entitlement.reason, entitlement.code);
  const venue = await tradingVenue();
  const demoCents = demoOpeningDepositCents();
  let link = await findTradingAccount(ctx.db, actor.userId);
  const created = link === null;
  link ??= await linkNewAccount(ctx, actor, demoCents);
  await ensure(venue, { type: "CreateAccount", nowMs: 0, accountId: link.engineAccountId, kind: "client" }, "ACCOUNT_EXISTS");
  await ensureEngineLimits(venue, link.engineAccountId, entitlement.maxInitialMarginMicroUsd);
  if (demoCents !== null) {
    await ensure(
      venue,
      { type: "Deposit", nowMs: 0, accountId: link.engineAccountId, depositId: demoDepositId(link.engineAccountId), assetId: "USD", amountMinor: demoCents },
      "DUPLICATE_DEPOSIT",
    );
  }
  return { engineAccountId: link.engineAccountId, created };
}

/** Allocate the next engine account id and record the link with its audit row; a concurrent opening for the same user wins and is reused. */
async function linkNewAccount(ctx: ServiceContext, actor: Actor, demoCents: bigint | null): Promise<TradingAccountLink> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await withTransaction(ctx, async (tx) => {
        const top = await tx.tradingAccount.aggregate({ _max: { engineAccountId: true } });
        const engineAccountId = Math.max(top._max.engineAccountId ?? 0, PORTAL_CLIENT_ACCOUNT_BASE_ID - 1) + 1;
        const row = await tx.tradingAccount.create({ data: { userId: actor.userId, engineAccountId }, select: { engineAccountId: true, openedAt: true } });
        await recordAudit(tx, ctx, {
          action: "trading.account_open",
          entity: "TradingAccount",
          entityId: String(engineAccountId),
          after: { userId: actor.userId, engineAccountId, demoDeposit: demoCents === null ? null : { assetId: "USD", amountMinor: demoCents } },
        });
        return row;
      });
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002" || attempt >= 3) throw error;
      const existing = await findTradingAccount(ctx.db, actor.userId);
      if (existing) return existing;
    }
  }
}

async function ensure(venue: TradingVenue, command: Parameters<TradingVenue["submit"]>[0], alreadyDone: string): Promise<void> {
  const result = await venue.submit(command);
  if (result.accepted || result.code === alreadyDone) return;
  const { check, explanation } = rejectionMessages(result.code);
  throw new ServiceError(msg("errors.trading.accountNotOpened", { check, explanation, engineMessage: result.message }), 409, result.code);
}
