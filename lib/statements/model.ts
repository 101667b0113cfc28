import {
  MONTHLY_STATEMENT_FORMAT,
  type CollateralMovementKind,
  type ContractNote,
  type MarketUnitsOfStatement,
  type MonthlyStatement,
  type StatementCollateralMovement,
  type StatementFunding,
  type StatementTrade,
} from "./types";

/**
 * The statement model (DISC-9), pure: built from the projected history (AccountActivity rows) and the
 * journal's collateral events of one account in one month. Every total is a sum of the lines shown,
 * in bigint, so the statement reconciles to its own lines and to the history exactly.
 */

/** An AccountActivity row as read (bigint columns as Prisma returns them). */
export interface ActivityLine {
  seq: bigint;
  nowMs: bigint;
  kind: string;
  market: string;
  side: string | null;
  lots: number | null;
  priceTicks: number | null;
  amount: bigint | null;
  positionAfter: number;
}

/** The journal events that move a client's collateral, decoded; amounts bigint as the engine writes them. */
export type CollateralEvent =
  | { type: "DepositPending"; seq: number; nowMs: number; accountId: number; assetId: string; amountMinor: bigint; indicativeValueUsd: bigint }
  | { type: "DepositSettled"; seq: number; nowMs: number; accountId: number; assetId: string; amountMinor: bigint; credited: bigint }
  | { type: "Withdrawal"; seq: number; nowMs: number; accountId: number; assetId: string; amount: bigint; valueUsd: bigint }
  | { type: "CollateralConverted"; seq: number; nowMs: number; accountId: number; assetId: string; amountMinor: bigint; valueUsd: bigint };

export const COLLATERAL_EVENT_TYPES = ["DepositPending", "DepositSettled", "Withdrawal", "CollateralConverted"] as const;

/** USD withdrawals are stated in micro-USD, everything else in the asset's minor units. */
const USD_MICRO_DECIMALS = 6;

export interface MonthlyStatementInput {
  month: string;
  window: { fromMs: number; toMs: number };
  preparedAtMs: number;
  engineAccountId: number;
  /** Net lots per market at the start of the month (markets never held are absent). */
  opening: ReadonlyMap<string, number>;
  /** The account's history rows inside the window, any order. */
  activity: readonly ActivityLine[];
  /** The account's collateral events inside the window, any order. */
  collateral: readonly CollateralEvent[];
  unitsOf: (market: string) => MarketUnitsOfStatement;
  decimalsOf: (assetId: string) => number;
}

export function tradeLine(row: ActivityLine): StatementTrade | null {
  if (row.kind !== "fill" && row.kind !== "liquidation" && row.kind !== "adl") return null;
  if ((row.side !== "buy" && row.side !== "sell") || row.lots === null || row.priceTicks === null) return null;
  return {
    seq: row.seq.toString(),
    atMs: Number(row.nowMs),
    kind: row.kind,
    market: row.market,
    side: row.side,
    lots: row.lots,
    price: String(row.priceTicks),
    fee: (row.amount ?? 0n).toString(),
    positionAfter: row.positionAfter,
  };
}

function collateralLine(event: CollateralEvent, decimalsOf: (assetId: string) => number): StatementCollateralMovement {
  const base = { seq: String(event.seq), atMs: event.nowMs, assetId: event.assetId, decimals: decimalsOf(event.assetId) };
  const line = (kind: CollateralMovementKind, amountMinor: bigint, valueUsd: bigint, decimals = base.decimals) => ({
    ...base,
    kind,
    amountMinor: amountMinor.toString(),
    valueUsd: valueUsd.toString(),
    decimals,
  });
  switch (event.type) {
    case "DepositPending":
      return line("deposit_notified", event.amountMinor, event.indicativeValueUsd);
    case "DepositSettled":
      return line("deposit_settled", event.amountMinor, event.credited);
    case "Withdrawal":
      return line("withdrawal", event.amount, event.valueUsd, event.assetId === "USD" ? USD_MICRO_DECIMALS : base.decimals);
    case "CollateralConverted":
      return line("converted", event.amountMinor, event.valueUsd);
  }
}

const bySeq = <T extends { seq: string }>(a: T, b: T) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0);

export function buildMonthlyStatement(input: MonthlyStatementInput): MonthlyStatement {
  const inWindow = (ms: number) => ms >= input.window.fromMs && ms < input.window.toMs;
  const activity = input.activity.filter((row) => inWindow(Number(row.nowMs))).sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  const trades: StatementTrade[] = [];
  const funding: StatementFunding[] = [];
  const closing = new Map(input.opening);
  for (const row of activity) {
    closing.set(row.market, row.positionAfter);
    if (row.kind === "funding") {
      funding.push({
        seq: row.seq.toString(),
        atMs: Number(row.nowMs),
        market: row.market,
        amount: (row.amount ?? 0n).toString(),
        positionAfter: row.positionAfter,
      });
      continue;
    }
    const trade = tradeLine(row);
    if (trade) trades.push(trade);
  }
  const collateral = input.collateral
    .filter((event) => event.accountId === input.engineAccountId && inWindow(event.nowMs))
    .map((event) => collateralLine(event, input.decimalsOf))
    .sort(bySeq);

  const sum = <T>(items: readonly T[], value: (item: T) => string) => items.reduce((total, item) => total + BigInt(value(item)), 0n).toString();
  const ofKind = (kind: CollateralMovementKind) => collateral.filter((line) => line.kind === kind);
  const markets = [...new Set([...closing.keys(), ...trades.map((t) => t.market), ...funding.map((f) => f.market)])].sort();
  return {
    format: MONTHLY_STATEMENT_FORMAT,
    month: input.month,
    fromMs: input.window.fromMs,
    toMs: input.window.toMs,
    preparedAtMs: input.preparedAtMs,
    engineAccountId: input.engineAccountId,
    markets: markets.map(input.unitsOf),
    positions: markets
      .map((market) => ({ market, opening: input.opening.get(market) ?? 0, closing: closing.get(market) ?? 0 }))
      .filter((position) => position.opening !== 0 || position.closing !== 0 || trades.some((t) => t.market === position.market)),
    trades,
    funding,
    collateral,
    totals: {
      fills: trades.filter((t) => t.kind === "fill").length,
      liquidations: trades.filter((t) => t.kind === "liquidation").length,
      adlFills: trades.filter((t) => t.kind === "adl").length,
      fees: sum(trades, (t) => t.fee),
      funding: sum(funding, (f) => f.amount),
      deposited: sum(ofKind("deposit_settled"), (line) => line.valueUsd),
      withdrawn: sum(ofKind("withdrawal"), (line) => line.valueUsd),
      converted: sum(ofKind("converted"), (line) => line.valueUsd),
    },
  };
}

/** A statement as stored in a notice, when it is one this code knows how to show. */
export function monthlyStatementOf(value: unknown): MonthlyStatement | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const statement = value as MonthlyStatement;
  return statement.format === MONTHLY_STATEMENT_FORMAT && Array.isArray(statement.trades) && Array.isArray(statement.funding) ? statement : null;
}

/** A decimal text ("0.001") as an integer and its power of ten. */
function scaled(text: string): { value: bigint; places: number } {
  const [whole, fraction = ""] = text.split(".");
  return { value: BigInt(`${whole}${fraction}` || "0"), places: fraction.length };
}

/** lots × lotSize × ticks × tickSize in micro-USD, rounded toward zero. */
export function notionalMicroUsd(lots: number, priceTicks: number, units: Pick<MarketUnitsOfStatement, "tickSize" | "lotSize">): bigint {
  const lot = scaled(units.lotSize);
  const tick = scaled(units.tickSize);
  const numerator = BigInt(lots) * lot.value * BigInt(priceTicks) * tick.value * 1_000_000n;
  return numerator / 10n ** BigInt(lot.places + tick.places);
}

/** The contract note of one trade line of the client's history. */
export function buildContractNote(engineAccountId: number, trade: StatementTrade, units: MarketUnitsOfStatement, preparedAtMs: number): ContractNote {
  return {
    engineAccountId,
    seq: trade.seq,
    preparedAtMs,
    units,
    trade,
    notional: notionalMicroUsd(trade.lots, Number(trade.price), units).toString(),
  };
}
