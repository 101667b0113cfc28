import { canonicalJson, type EngineEvent, type EngineState, type LiquidationStage } from "../engine/index";

/**
 * Per-market, per-minute rollups of the engine journal (REC-1, RPT-10): a fold over each accepted
 * command's events and the engine state right after it. The host folds as it applies commands and
 * writes the touched rows in the same transaction as the commands; a rebuild folds the whole journal
 * from its genesis image. Both run this code over the same commands in the same order, so the rows
 * agree exactly. Pure: no I/O, no clock.
 *
 * A command's figures go to the minute of the engine clock after it (`state.now`, the command's
 * nowMs), never to an event's own nowMs: the engine clock only moves forward, so once a later minute
 * has a row, no earlier minute of that market is written again.
 */

export const MINUTE_MS = 60_000;

export const LIQUIDATION_STAGES: readonly LiquidationStage[] = ["cancel_orders", "book", "backstop", "insurance_fund", "adl"];

/**
 * One market's figures for one minute. Prices in ticks, sizes in lots, money in micro-USD, rates in
 * ppb; bigints (and sums of lots) as decimal strings. Every field is a sum, a count, or the latest
 * value seen, so a row is also the fold's state: a host resumes from a stored row.
 */
export interface MinuteFigures {
  version: 1;
  /** Mark over the minute's MarkTick events; null when the mark was not recomputed in the minute. */
  mark: { open: number; high: number; low: number; close: number } | null;
  /** Mark and index in force at the minute's last command touching the market (0 before the first). */
  markClose: number;
  indexClose: number;
  /**
   * Last traded price in force at the minute's last command touching the market (0 before the
   * first trade). Absent from rows folded before it was kept; `npm run rollups:rebuild` adds it.
   */
  lastTradeClose?: number;
  trades: number;
  volumeLots: string;
  volumeNotional: string;
  /** Trades where the maker or the taker is an affiliated market maker's (afmm-kind) account. */
  afmm: {
    trades: number;
    volumeLots: string;
    volumeNotional: string;
    makerLots: string;
    takerLots: string;
    /** AFMM lots / all lots in the minute, basis points rounded down (0 without trades). Not additive: sum the lots. */
    shareOfLotsBps: number;
  };
  /** Trades whose taker is a liquidation (book stage) or the liquidated side of a backstop or ADL transfer. */
  liquidationTrades: number;
  liquidationLots: string;
  funding: {
    samples: number;
    /** Last premium sample in the minute, ppb; null when none. */
    lastPremium: string | null;
    settlements: number;
    /** Rate of the last settlement in the minute, ppb (positive: longs pay shorts); null when none. */
    lastRate: string | null;
    /** Σ paid by accounts (= Σ received: a settlement's transfers sum to zero) over the minute's settlements. */
    paid: string;
    received: string;
  };
  /** Long lots open at the minute's close (= short lots). */
  openInterestLots: number;
  insuranceFund: { close: string; inflow: string; outflow: string; depletions: number };
  /**
   * Waterfall stages entered in the market (LiqStageEntered). The account-level cancel_orders stage
   * counts in each market where the same account's liquidation then ran a stage or lost an order.
   */
  liquidationStages: Record<LiquidationStage, number>;
}

export interface RollupRow {
  market: string;
  minuteMs: number;
  figures: MinuteFigures;
  /** The last event seq folded into the row (the engine's seq after the command). */
  lastSeq: number;
}

/** The row as stored: figures in canonical JSON text. */
export interface StoredRollupRow {
  market: string;
  minuteMs: number;
  figures: string;
  lastSeq: number;
}

export function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

export function emptyFigures(): MinuteFigures {
  return {
    version: 1,
    mark: null,
    markClose: 0,
    indexClose: 0,
    lastTradeClose: 0,
    trades: 0,
    volumeLots: "0",
    volumeNotional: "0",
    afmm: { trades: 0, volumeLots: "0", volumeNotional: "0", makerLots: "0", takerLots: "0", shareOfLotsBps: 0 },
    liquidationTrades: 0,
    liquidationLots: "0",
    funding: { samples: 0, lastPremium: null, settlements: 0, lastRate: null, paid: "0", received: "0" },
    openInterestLots: 0,
    insuranceFund: { close: "0", inflow: "0", outflow: "0", depletions: 0 },
    liquidationStages: { cancel_orders: 0, book: 0, backstop: 0, insurance_fund: 0, adl: 0 },
  };
}

export function serializeRow(row: RollupRow): StoredRollupRow {
  return { market: row.market, minuteMs: row.minuteMs, figures: canonicalJson(row.figures), lastSeq: row.lastSeq };
}

export function parseRow(row: StoredRollupRow): RollupRow {
  return { market: row.market, minuteMs: row.minuteMs, figures: parseFigures(row.figures), lastSeq: row.lastSeq };
}

/** A stored row's figures (the canonical JSON serializeRow wrote). */
export function parseFigures(text: string): MinuteFigures {
  return JSON.parse(text) as MinuteFigures;
}

/**
 * The fold. Holds the open (latest) row of each market; `foldCommand` after every accepted command,
 * `takeTouched` for the rows to write. Seeded with stored rows it skips commands those rows already
 * include (engine seq ≤ the row's lastSeq), so replaying the journal tail after a restart counts nothing twice.
 */
export class RollupFold {
  private readonly open = new Map<string, OpenRow>();
  private readonly touched = new Map<string, OpenRow>();

  /** `rows`: stored rows; the latest of each market is where the fold resumes. */
  constructor(rows: Iterable<RollupRow> = []) {
    for (const row of rows) {
      const current = this.open.get(row.market);
      if (!current || row.minuteMs > current.row.minuteMs) this.open.set(row.market, openRow(cloneRow(row)));
    }
  }

  /** The last event seq already folded for a market (0: none). */
  lastSeqOf(market: string): number {
    return this.open.get(market)?.row.lastSeq ?? 0;
  }

  /** Fold one accepted command: its events, and the engine state right after it. */
  foldCommand(events: readonly EngineEvent[], state: EngineState): void {
    if (events.length === 0) return;
    const byMarket = groupByMarket(events);
    const minuteMs = minuteOf(state.now);
    for (const [market, marketEvents] of byMarket) {
      const m = state.marketBySymbol.get(market);
      if (!m) continue;
      const previous = this.open.get(market);
      if (previous && state.seq <= previous.row.lastSeq) continue;
      const open = previous && previous.row.minuteMs === minuteMs ? previous : openRow({ market, minuteMs, figures: emptyFigures(), lastSeq: 0 });
      const traded = foldEvents(open, marketEvents, m.tlv);
      const f = open.row.figures;
      f.markClose = m.mark;
      f.indexClose = m.index?.price ?? 0;
      f.lastTradeClose = m.lastTrade;
      // Positions move only by fills (transfers of the waterfall are Trade events too), so open
      // interest is counted over the holders only when the command traded in the market.
      f.openInterestLots = traded ? longLots(m) : (previous?.row.figures.openInterestLots ?? 0);
      open.sums.fundClose = m.insurance.balance;
      open.row.lastSeq = state.seq;
      this.open.set(market, open);
      this.touched.set(keyOf(market, minuteMs), open);
    }
  }

  /** Rows changed since the last call, as they stand now (copies: later folds do not change them). */
  takeTouched(): RollupRow[] {
    const rows = [...this.touched.values()].map((open) => cloneRow(materialize(open)));
    this.touched.clear();
    return rows;
  }
}

/** The money and lot sums of an open row as bigints; written into its figures' decimal strings when taken. */
interface Sums {
  volumeLots: bigint;
  volumeNotional: bigint;
  afmmLots: bigint;
  afmmNotional: bigint;
  makerLots: bigint;
  takerLots: bigint;
  liquidationLots: bigint;
  paid: bigint;
  received: bigint;
  inflow: bigint;
  outflow: bigint;
  fundClose: bigint;
  lastPremium: bigint | null;
  lastRate: bigint | null;
}

interface OpenRow {
  row: RollupRow;
  sums: Sums;
}

function openRow(row: RollupRow): OpenRow {
  const f = row.figures;
  const big = (text: string | null) => (text === null ? null : BigInt(text));
  return {
    row,
    sums: {
      volumeLots: BigInt(f.volumeLots),
      volumeNotional: BigInt(f.volumeNotional),
      afmmLots: BigInt(f.afmm.volumeLots),
      afmmNotional: BigInt(f.afmm.volumeNotional),
      makerLots: BigInt(f.afmm.makerLots),
      takerLots: BigInt(f.afmm.takerLots),
      liquidationLots: BigInt(f.liquidationLots),
      paid: BigInt(f.funding.paid),
      received: BigInt(f.funding.received),
      inflow: BigInt(f.insuranceFund.inflow),
      outflow: BigInt(f.insuranceFund.outflow),
      fundClose: BigInt(f.insuranceFund.close),
      lastPremium: big(f.funding.lastPremium),
      lastRate: big(f.funding.lastRate),
    },
  };
}

function materialize({ row, sums }: OpenRow): RollupRow {
  const f = row.figures;
  f.volumeLots = sums.volumeLots.toString();
  f.volumeNotional = sums.volumeNotional.toString();
  f.afmm.volumeLots = sums.afmmLots.toString();
  f.afmm.volumeNotional = sums.afmmNotional.toString();
  f.afmm.makerLots = sums.makerLots.toString();
  f.afmm.takerLots = sums.takerLots.toString();
  f.afmm.shareOfLotsBps = sums.volumeLots > 0n ? Number((sums.afmmLots * 10_000n) / sums.volumeLots) : 0;
  f.liquidationLots = sums.liquidationLots.toString();
  f.funding.lastPremium = sums.lastPremium === null ? null : sums.lastPremium.toString();
  f.funding.lastRate = sums.lastRate === null ? null : sums.lastRate.toString();
  f.funding.paid = sums.paid.toString();
  f.funding.received = sums.received.toString();
  f.insuranceFund.close = sums.fundClose.toString();
  f.insuranceFund.inflow = sums.inflow.toString();
  f.insuranceFund.outflow = sums.outflow.toString();
  return row;
}

/** Events by market; the account-level cancel_orders stage goes to the markets its liquidation touched. */
function groupByMarket(events: readonly EngineEvent[]): Map<string, EngineEvent[]> {
  const byMarket = new Map<string, EngineEvent[]>();
  const add = (market: string, event: EngineEvent) => {
    const list = byMarket.get(market);
    if (list) list.push(event);
    else byMarket.set(market, [event]);
  };
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const market = (event as { market?: unknown }).market;
    if (typeof market === "string") {
      add(market, event);
      continue;
    }
    if (event.type !== "LiqStageEntered") continue;
    for (const target of liquidationMarkets(events, i, event.accountId)) add(target, event);
  }
  return byMarket;
}

/** Markets in which the same account's liquidation, after event `from`, closed an order or ran a stage (until its completion). */
function liquidationMarkets(events: readonly EngineEvent[], from: number, accountId: number): string[] {
  const markets = new Set<string>();
  for (let j = from + 1; j < events.length; j++) {
    const later = events[j];
    if (later.type === "LiquidationCompleted" && later.accountId === accountId) break;
    if (later.type === "LiqStageEntered" && later.accountId === accountId && later.market !== null) markets.add(later.market);
    if (later.type === "OrderClosed" && later.accountId === accountId && later.reason === "liquidation") markets.add(later.market);
  }
  return [...markets].sort();
}

/** Fold a command's events of one market into its open row; true when the market traded. */
function foldEvents({ row, sums }: OpenRow, events: readonly EngineEvent[], tickLotValue: bigint): boolean {
  const f = row.figures;
  let traded = false;
  for (const event of events) {
    switch (event.type) {
      case "MarkTick": {
        const price = event.price;
        f.mark = f.mark
          ? { open: f.mark.open, high: Math.max(f.mark.high, price), low: Math.min(f.mark.low, price), close: price }
          : { open: price, high: price, low: price, close: price };
        break;
      }
      case "Trade": {
        traded = true;
        const lots = BigInt(event.size);
        const notional = BigInt(event.price) * lots * tickLotValue;
        f.trades += 1;
        sums.volumeLots += lots;
        sums.volumeNotional += notional;
        if (event.makerAfmm || event.takerAfmm) {
          f.afmm.trades += 1;
          sums.afmmLots += lots;
          sums.afmmNotional += notional;
        }
        if (event.makerAfmm) sums.makerLots += lots;
        if (event.takerAfmm) sums.takerLots += lots;
        if (event.liquidation) {
          f.liquidationTrades += 1;
          sums.liquidationLots += lots;
        }
        break;
      }
      case "FundingSampled":
        f.funding.samples += 1;
        sums.lastPremium = event.premium;
        break;
      case "FundingSettled":
        f.funding.settlements += 1;
        sums.lastRate = event.rate;
        for (const transfer of event.transfers) {
          if (transfer.amount < 0n) sums.paid -= transfer.amount;
          else sums.received += transfer.amount;
        }
        break;
      case "InsuranceFundChanged":
        if (event.delta >= 0n) sums.inflow += event.delta;
        else sums.outflow -= event.delta;
        break;
      case "InsuranceFundDepleted":
        f.insuranceFund.depletions += 1;
        break;
      case "LiqStageEntered":
        f.liquidationStages[event.stage] += 1;
        break;
      default:
        // Other events change no figure of the minute; what they change in the state is read after the command.
        break;
    }
  }
  return traded;
}

function longLots(m: EngineState["markets"][number]): number {
  let lots = 0;
  for (const account of m.holders) {
    const size = account.positions[m.i].size;
    if (size > 0) lots += size;
  }
  return lots;
}

function keyOf(market: string, minuteMs: number): string {
  return `${market}|${minuteMs}`;
}

function cloneRow(row: RollupRow): RollupRow {
  return { market: row.market, minuteMs: row.minuteMs, lastSeq: row.lastSeq, figures: structuredClone(row.figures) };
}
