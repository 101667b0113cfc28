import "server-only";
import { type EngineState, type Trade } from "@/lib/engine/index";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { ownEngineAccounts } from "@/lib/services/afmm-desk/internal";
import { afmmTermsOf, type AfmmQuoteObligation as QuoteObligation } from "@/lib/services/afmm/terms";
import { tradingVenue } from "@/lib/services/trading/venue";
import type { CounterpartyClass } from "@/lib/surveillance/redact";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

export interface DeskQuote {
  accountId: number;
  orderId: number;
  market: string;
  side: "buy" | "sell";
  price: number;
  remaining: number;
}

export interface DeskFill {
  seq: number;
  atMs: number;
  market: string;
  side: "buy" | "sell";
  role: "maker" | "taker";
  price: number;
  size: number;
  /** Who was on the other side, by class only: never an account id or an identity. */
  counterparty: CounterpartyClass;
}

export interface DeskMarket {
  symbol: string;
  tickSize: string;
  lotSize: string;
}

export interface DeskView {
  accounts: number[];
  markets: DeskMarket[];
  quotes: DeskQuote[];
  fills: DeskFill[];
  obligations: QuoteObligation[];
  /** False when this server does not host the engine (quotes and obligations then unknown). */
  engineAvailable: boolean;
}

/** How many of the journal's latest trades the desk looks through for its own fills. */
export const DESK_TRADE_WINDOW = 5_000;
export const DESK_FILLS_SHOWN = 100;

/**
 * AFMM-7: the market maker's own desk: its resting quotes, its recent fills and its quoting
 * obligations. Nothing about any other participant: the other side of a fill is named by class.
 */
export async function getDeskView({ ctx }: { ctx: ServiceContext }): Promise<DeskView> {
  authorize(ctx, "afmm.own_account.read");
  const own = await ownEngineAccounts(ctx.db);
  let state: EngineState | null = null;
  try {
    state = (await tradingVenue()).state;
  } catch {
    state = null;
  }
  const rows = await ctx.db.engineEvent.findMany({ where: { type: "Trade" }, orderBy: { seq: "desc" }, take: DESK_TRADE_WINDOW, select: EVENT_COLUMNS });
  const fills: DeskFill[] = [];
  for (const row of rows) {
    if (fills.length >= DESK_FILLS_SHOWN) break;
    const trade = decodeEvent(row) as Trade;
    const fill = ownFill(trade, own);
    if (fill) fills.push(fill);
  }
  return {
    accounts: [...own].sort((a, b) => a - b),
    markets: state ? state.config.markets.map((spec) => ({ symbol: spec.symbol, tickSize: spec.tickSize, lotSize: spec.lotSize })) : [],
    quotes: state ? restingQuotes(state, own) : [],
    fills,
    obligations: state ? afmmTermsOf(state.config).quoteObligations.map((row) => ({ ...row })) : [],
    engineAvailable: state !== null,
  };
}

export function ownFill(trade: Trade, own: ReadonlySet<number>): DeskFill | null {
  const takerOwn = own.has(trade.takerAccountId);
  const makerOwn = own.has(trade.makerAccountId);
  if (!takerOwn && !makerOwn) return null;
  const role = takerOwn ? "taker" : "maker";
  const otherAfmm = takerOwn ? trade.makerAfmm : trade.takerAfmm;
  const liquidationFlow = trade.liquidation || trade.backstop || trade.adl;
  const counterparty: CounterpartyClass = (takerOwn && makerOwn) || otherAfmm ? "affiliate" : liquidationFlow && !takerOwn ? "liquidation" : "client";
  return {
    seq: trade.seq,
    atMs: trade.nowMs,
    market: trade.market,
    side: role === "taker" ? trade.aggressor : trade.aggressor === "buy" ? "sell" : "buy",
    role,
    price: trade.price,
    size: trade.size,
    counterparty,
  };
}

function restingQuotes(state: EngineState, own: ReadonlySet<number>): DeskQuote[] {
  const quotes: DeskQuote[] = [];
  for (const market of state.markets) {
    for (const accountId of own) {
      for (const orderId of market.book.ordersOf(accountId)) {
        const resting = market.book.order(orderId);
        if (!resting) continue;
        // The book's side encoding: 0 = buy (bid), 1 = sell (ask).
        quotes.push({
          accountId,
          orderId,
          market: market.symbol,
          side: resting.side === 0 ? "buy" : "sell",
          price: resting.price,
          remaining: resting.remaining,
        });
      }
    }
  }
  return quotes.sort((a, b) => a.market.localeCompare(b.market) || b.price - a.price);
}
