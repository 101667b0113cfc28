/**
 * A client's monthly statement and a contract note (DISC-9), as stored with the statement notice and
 * drawn by the HTML and the PDF. Money micro-USD and prices in ticks as decimal strings, sizes in lots,
 * times engine epoch ms; each market's units travel with the statement, so it reads the same after a
 * market's parameters change. `format` (never `version`) marks it: the incident statement reader
 * recognises its own by `version`, and must not take this one for it.
 */

export const MONTHLY_STATEMENT_FORMAT = "monthly-statement-v1";

export interface MarketUnitsOfStatement {
  market: string;
  tickSize: string;
  lotSize: string;
  baseAsset: string;
}

/** A line of the client's trading: an ordinary fill, a liquidation (order book or backstop transfer) or an ADL fill. */
export interface StatementTrade {
  seq: string;
  atMs: number;
  kind: "fill" | "liquidation" | "adl";
  market: string;
  side: "buy" | "sell";
  lots: number;
  price: string;
  /** Fee paid, micro-USD (negative: a rebate). */
  fee: string;
  positionAfter: number;
}

export interface StatementFunding {
  seq: string;
  atMs: number;
  market: string;
  /** Received, micro-USD (negative: paid). */
  amount: string;
  positionAfter: number;
}

export type CollateralMovementKind = "deposit_notified" | "deposit_settled" | "withdrawal" | "converted";

export interface StatementCollateralMovement {
  seq: string;
  atMs: number;
  kind: CollateralMovementKind;
  assetId: string;
  /** In the asset's minor units (`decimals` places). */
  amountMinor: string;
  decimals: number;
  /** Counted value moved, micro-USD: credited for a settlement, removed for a withdrawal or conversion; indicative for a notified deposit. */
  valueUsd: string;
}

export interface MonthlyStatement {
  format: typeof MONTHLY_STATEMENT_FORMAT;
  /** Hong Kong calendar month, YYYY-MM. */
  month: string;
  fromMs: number;
  toMs: number;
  preparedAtMs: number;
  engineAccountId: number;
  markets: MarketUnitsOfStatement[];
  positions: Array<{ market: string; opening: number; closing: number }>;
  trades: StatementTrade[];
  funding: StatementFunding[];
  collateral: StatementCollateralMovement[];
  totals: {
    fills: number;
    liquidations: number;
    adlFills: number;
    /** Fees of every trade line (fills, liquidations and ADL fills), micro-USD. */
    fees: string;
    /** Funding received less paid, micro-USD. */
    funding: string;
    /** Counted value credited by settled deposits, micro-USD. */
    deposited: string;
    /** Value removed by withdrawals, micro-USD. */
    withdrawn: string;
    /** Value taken over to cover liquidation deficits, micro-USD. */
    converted: string;
  };
}

export interface ContractNote {
  engineAccountId: number;
  /** The fill's journal position: the note's reference. */
  seq: string;
  preparedAtMs: number;
  units: MarketUnitsOfStatement;
  trade: StatementTrade;
  /** lots × lotSize × ticks × tickSize, micro-USD. */
  notional: string;
}
