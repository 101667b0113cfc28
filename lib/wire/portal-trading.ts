/**
 * What the client's trading page shows (GET /api/portal/trading), as JSON: bigints are decimal
 * strings of micro-USD (money), ppb (rates) or an asset's minor units; prices are integer ticks and
 * sizes integer lots of their market; times are epoch ms of engine time. Shared by the server
 * render, the JSON route and the browser; type-only, browser-safe.
 */

export interface TradingMarket {
  symbol: string;
  baseAsset: string;
  tickSize: string;
  lotSize: string;
  minSizeLots: number;
  maxOrderLots: number;
  /** Ticks; 0 when the market has no mark price yet. */
  mark: number;
  bestBid: number;
  bestAsk: number;
  /** Fat-finger protection around the mark now (null: not configured or no mark yet). */
  priceBand: TradingPriceBand | null;
}

/** The limit-price band around the mark, as the engine enforces it (edges inclusive, ticks). */
export interface TradingPriceBand {
  /** Half-width, ppb of mark. */
  rate: string;
  low: number;
  high: number;
  mark: number;
  /** Market order maximum slippage, ppb of mark, and the protective limits a market buy / sell gets now, ticks. */
  slippageRate: string;
  marketBuyLimit: number;
  marketSellLimit: number;
}

/** The engine's pre-trade estimate of an order on the ticket (previewOrder), as the portal receives it. */
export type TradingOrderPreview =
  | {
      ok: true;
      market: string;
      tickSize: string;
      lotSize: string;
      baseAsset: string;
      estimatedFillLots: number;
      /** Ticks; null when nothing would fill. */
      estimatedAveragePrice: number | null;
      worstPrice: number | null;
      restingLots: number;
      cancelledLots: number;
      protectivePrice: number | null;
      band: TradingPriceBand | null;
      /** micro-USD, decimal strings. */
      fee: string;
      marginUsed: string;
      freeCollateralAfter: string;
      positionAfter: number;
      /** Ticks; 0 = none in range. */
      liquidationPriceAfter: number;
      /** The refusal the order would meet if sent now, in the reader's language, with the engine's own message. */
      wouldBeRejected: TradingPreviewRefusal | null;
    }
  | ({ ok: false } & TradingPreviewRefusal);

export interface TradingPreviewRefusal {
  code: string;
  /** The check that failed and what it means (for the price band: the band and its edges), in the reader's language. */
  check: string;
  explanation: string;
  /** The engine's own message. */
  message: string;
}

export interface TradingCollateralAsset {
  assetId: string;
  name: string;
  currency: string;
  decimals: number;
  haircutRate: string;
  /** Largest single deposit, minor units (the engine refuses more). */
  maxDepositMinor: string;
  /** EFFECTIVE, NOT_YET_EFFECTIVE, EXPIRED, SUSPENDED or HAIRCUT_100 (collateralSchedule). */
  status: string;
  illustrative: boolean;
}

export interface TradingPosition {
  market: string;
  /** Lots, signed: positive long, negative short. */
  size: number;
  averageEntry: number;
  mark: number;
  /** Ticks; 0 = no price in range triggers liquidation. */
  liquidationPrice: number;
  bankruptcyPrice: number;
  notional: string;
  unrealizedPnl: string;
  realizedPnl: string;
  fundingPaid: string;
  feesPaid: string;
  maintenanceMargin: string;
  initialMargin: string;
  /** 1 (least likely to be auto-deleveraged) … 5 (most likely), LIQ-5. */
  adlLights: number;
}

export interface TradingHeldCollateral {
  assetId: string;
  amountMinor: string;
  decimals: number;
  valueUsd: string;
  haircut: string;
  status: string;
}

export interface TradingPendingDeposit {
  depositId: string;
  assetId: string;
  amountMinor: string;
  decimals: number;
  indicativeValueUsd: string;
  /** Engine time of the notice and of the simulated confirmation; null when this process does not track it. */
  pendingSinceMs: number | null;
  confirmsAtMs: number | null;
  refusal: { code: string; message: string } | null;
}

export interface TradingOpenOrder {
  orderId: number;
  market: string;
  side: "buy" | "sell";
  price: number;
  remaining: number;
  reduceOnly: boolean;
}

export interface TradingAccountView {
  engineAccountId: number;
  openedAt: string;
  /** The link exists but the engine has no such account (an interrupted opening): opening again repairs it. */
  inEngine: boolean;
  cash: string;
  collateralValue: string;
  pendingDeposits: string;
  equity: string;
  initialMargin: string;
  maintenanceMargin: string;
  freeCollateral: string;
  /** MM ÷ equity in ppb; null when equity ≤ 0 with positions. */
  marginRatioPpb: string | null;
  reduceOnly: boolean;
  positions: TradingPosition[];
  collateral: TradingHeldCollateral[];
  pending: TradingPendingDeposit[];
  openOrders: TradingOpenOrder[];
}

export interface TradingView {
  /** Engine time of the state shown. */
  engineNowMs: number;
  /** Journal position of the state shown. */
  position: number;
  markets: TradingMarket[];
  collateralAssets: TradingCollateralAsset[];
  depositConfirmationMs: number;
  /** The USD the demo funds a new account with, in cents; null when no demo funds are given. */
  demoDepositCents: string | null;
  account: TradingAccountView | null;
}
