/**
 * A client's personal statement of one incident: their own liquidations and ADL fills with prices, and
 * the effect on their profit and loss and collateral, from the journal. Money micro-USD and prices in
 * ticks as decimal strings; times engine epoch ms.
 */

export const CLIENT_STATEMENT_VERSION = 1;

export interface ClientStatement {
  version: typeof CLIENT_STATEMENT_VERSION;
  incidentId: string;
  market: string;
  engineAccountId: number;
  startedAtMs: number;
  endedAtMs: number;
  /** How to read prices and sizes: price increment and size increment (decimal text). */
  units: { tickSize: string; lotSize: string };
  fills: Array<{
    seq: number;
    atMs: number;
    /** liquidation (order book), backstop (transfer to a backstop provider), adl (closed by ADL) */
    kind: "liquidation" | "backstop" | "adl";
    side: "buy" | "sell";
    lots: number;
    price: string;
    /** Mark price when the fill happened (the waterfall stage's), ticks. */
    markPrice: string;
    /** Profit or loss this fill realized, micro-USD. */
    realizedPnl: string;
    fee: string;
  }>;
  positionBefore: number;
  positionAfter: number;
  /** Realized P&L of these fills and liquidation fees, micro-USD. */
  realizedPnl: string;
  liquidationFees: string;
  /** What the insurance fund paid this account for ADL fills at the bankruptcy price, micro-USD. */
  adlCompensation: string;
  /** Equity (collateral at its counted value plus unrealized P&L) just before and after, micro-USD. */
  equityBefore: string;
  equityAfter: string;
  /** Collateral the platform took over to cover a deficit (asset, amount, value). */
  collateralConverted: Array<{ assetId: string; amountMinor: string; valueUsd: string }>;
}
