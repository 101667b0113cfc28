import "server-only";
import { accountView, collateralSchedule, marketView, type EngineState } from "@/lib/engine/index";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { demoOpeningDepositCents, findTradingAccount, type TradingAccountLink } from "@/lib/services/trading/internal";
import { tradingVenue, type TradingVenue } from "@/lib/services/trading/venue";
import { priceBandWire } from "@/lib/services/trading/preview-order";
import type { TradingAccountView, TradingOpenOrder, TradingPendingDeposit, TradingView } from "@/lib/wire/portal-trading";

/**
 * The signed-in client's account on the simulated venue, as the positions page shows it: every
 * figure is the engine's own (accountView: equity, margins, margin ratio, per-position entry,
 * liquidation and bankruptcy prices, PnL, funding, ADL lights), read from the live state.
 */
export async function getTradingView({ ctx }: { ctx: ServiceContext }): Promise<TradingView> {
  const actor = authorize(ctx, "portal.view");
  const venue = await tradingVenue();
  const link = await findTradingAccount(ctx.db, actor.userId);
  // Everything below is synchronous, so it reads one consistent engine state.
  const state = venue.state;
  const demo = demoOpeningDepositCents();
  return {
    engineNowMs: state.now,
    position: state.commandCount,
    markets: state.config.markets.map((spec) => {
      const view = marketView(state, spec.symbol);
      return {
        symbol: spec.symbol,
        baseAsset: spec.baseAsset,
        tickSize: spec.tickSize,
        lotSize: spec.lotSize,
        minSizeLots: spec.minSizeLots,
        maxOrderLots: spec.maxOrderLots,
        mark: view?.mark ?? 0,
        bestBid: view?.bestBid ?? 0,
        bestAsk: view?.bestAsk ?? 0,
        priceBand: priceBandWire(state, spec.symbol),
      };
    }),
    collateralAssets: collateralSchedule(state.registry, state.now, state.breakers).map((row) => ({
      assetId: row.assetId,
      name: row.name,
      currency: row.currency,
      decimals: row.decimals,
      haircutRate: row.haircutRate.toString(),
      maxDepositMinor: row.maxDepositMinor.toString(),
      status: row.status,
      illustrative: row.illustrative,
    })),
    depositConfirmationMs: venue.deposits?.delayMs ?? 0,
    demoDepositCents: demo === null ? null : demo.toString(),
    account: link ? accountFigures(state, venue, link) : null,
  };
}

function accountFigures(state: EngineState, venue: TradingVenue, link: TradingAccountLink): TradingAccountView {
  const id = link.engineAccountId;
  const view = accountView(state, id);
  const base = { engineAccountId: id, openedAt: link.openedAt.toISOString() };
  if (!view) {
    return {
      ...base,
      inEngine: false,
      cash: "0",
      collateralValue: "0",
      pendingDeposits: "0",
      equity: "0",
      initialMargin: "0",
      maintenanceMargin: "0",
      freeCollateral: "0",
      marginRatioPpb: null,
      reduceOnly: false,
      positions: [],
      collateral: [],
      pending: [],
      openOrders: [],
    };
  }
  const decimals = (assetId: string) => state.registry.find((asset) => asset.assetId === assetId)?.decimals ?? 0;
  return {
    ...base,
    inEngine: true,
    cash: view.cash.toString(),
    collateralValue: view.collateralValue.toString(),
    pendingDeposits: view.pendingDeposits.toString(),
    equity: view.equity.toString(),
    initialMargin: view.initialMargin.toString(),
    maintenanceMargin: view.maintenanceMargin.toString(),
    freeCollateral: view.freeCollateral.toString(),
    marginRatioPpb: view.marginRatioPpb === null ? null : view.marginRatioPpb.toString(),
    reduceOnly: view.reduceOnly,
    positions: view.positions
      .filter((position) => position.size !== 0)
      .map((position) => ({
        market: position.market,
        size: position.size,
        averageEntry: position.averageEntry,
        mark: marketView(state, position.market)?.mark ?? 0,
        liquidationPrice: position.liquidationPrice,
        bankruptcyPrice: position.bankruptcyPrice,
        notional: position.notional.toString(),
        unrealizedPnl: position.unrealizedPnl.toString(),
        realizedPnl: position.realizedPnl.toString(),
        fundingPaid: position.fundingPaid.toString(),
        feesPaid: position.feesPaid.toString(),
        maintenanceMargin: position.maintenanceMargin.toString(),
        initialMargin: position.initialMargin.toString(),
        adlLights: position.adlLights,
      })),
    collateral: view.collateral.map((held) => ({
      assetId: held.assetId,
      amountMinor: held.amountMinor.toString(),
      decimals: decimals(held.assetId),
      valueUsd: held.valueUsd.toString(),
      haircut: held.haircut.toString(),
      status: held.status,
    })),
    pending: pendingDepositsOf(state, id).map((deposit) => {
      const tracked = venue.deposits?.status(deposit.depositId);
      return {
        depositId: deposit.depositId,
        assetId: deposit.assetId,
        amountMinor: deposit.amountMinor.toString(),
        decimals: decimals(deposit.assetId),
        indicativeValueUsd: deposit.indicativeValueUsd.toString(),
        pendingSinceMs: tracked?.pendingSinceMs ?? null,
        confirmsAtMs: tracked?.confirmsAtMs ?? null,
        refusal: tracked?.refusal ?? null,
      } satisfies TradingPendingDeposit;
    }),
    openOrders: openOrdersOf(state, id),
  };
}

// The engine's query API (accountView) gives the pending total and open lots per market but not the
// deposits or orders themselves, so these two read the engine state's own records directly (read
// only). Both would sit better in lib/engine as queries beside accountView.

function pendingDepositsOf(state: EngineState, accountId: number) {
  return [...state.deposits.values()].filter((deposit) => deposit.accountId === accountId && !deposit.settled);
}

function openOrdersOf(state: EngineState, accountId: number): TradingOpenOrder[] {
  const orders: TradingOpenOrder[] = [];
  for (const market of state.markets) {
    for (const orderId of market.book.ordersOf(accountId)) {
      const resting = market.book.order(orderId);
      if (!resting) continue;
      orders.push({
        orderId,
        market: market.symbol,
        // The book's side encoding: 0 = buy (bid), 1 = sell (ask).
        side: resting.side === 0 ? "buy" : "sell",
        price: resting.price,
        remaining: resting.remaining,
        reduceOnly: state.orders.get(orderId)?.reduceOnly ?? false,
      });
    }
  }
  return orders;
}
