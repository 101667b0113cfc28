import type {
  CollateralConverted,
  EngineEvent,
  IndexTickEvent,
  InsuranceFundChanged,
  InsuranceFundDepleted,
  LiqStageEntered,
  LiquidationCompleted,
  LiquidationStarted,
  MarketParametersUpdated,
  MarketSpec,
  MarkTickEvent,
  Trade,
} from "@/lib/engine/index";
import { pseudonymsFor } from "./pseudonym";
import { CLIENT_STATEMENT_VERSION, type ClientStatement } from "./statement-types";
import { INCIDENT_REPORT_SCHEMA_VERSION, type IncidentReport } from "./types";

/**
 * The post-event report and the personal statements, computed from journal events and a few figures
 * of the engine state at known journal positions (the loader, load.ts, reads both). Pure: the same
 * input gives the same report, which is what lets `report:verify` recompute a published report.
 *
 * Definitions (the report's own glossary):
 * - The range is whole commands: from the first event of the command that opened the incident to the
 *   last event of the command of its last related event. A liquidation belongs to the market when one
 *   of its stages is in the market; its order cancellation (a stage without a market) comes with it.
 * - loss of an ADL fill = (B − mark)⁺ in the bankrupt side's direction × lots × tickLotValue: what the
 *   counterparty gave up by closing at the bankruptcy price B instead of mark (0 when B was better).
 * - lossSocialized = Σ loss − Σ ADL compensation the fund paid.
 * - minimumNeeded = Σ over ADL stages of (deficit − fund available above its floor)⁺, the deficit being
 *   the bankrupt account's negative equity at mark when the stage began: the loss that no choice of
 *   counterparties could have avoided. beyondMinimum = lossSocialized − minimumNeeded (B is rounded so
 *   the bankrupt account never ends negative; that rounding is what counterparties pay beyond it).
 * - Pro-rata counterfactual, per side deleveraged: every opposite position with uPnL > 0 at the mark
 *   of the first ADL stage of that side (positions as they stood just before that stage: the state
 *   before its command, moved by the command's earlier fills), receives the side's ADL'd lots in
 *   proportion to its size, by largest remainder, ties to the lower account id.
 */

/** A journal event with the journal position of the command that emitted it. */
export interface RecordedEvent {
  position: number;
  event: EngineEvent;
}

/** A position in the market: lots (signed) and exact cost (micro-USD, signed like the engine's). */
export interface PositionAt {
  accountId: number;
  size: number;
  cost: bigint;
}

/** The positions just before the command of an ADL stage (journal position − 1). */
export interface AdlEligibilityInput {
  adlSeq: number;
  positions: PositionAt[];
}

export interface IncidentReportInput {
  incidentId: string;
  market: string;
  range: { fromSeq: number; toSeq: number; fromPosition: number; toPosition: number };
  /** The range's events of the market, the liquidations' market-less events, and MarkTick/IndexTick of the price window. */
  events: RecordedEvent[];
  /** Margin of the price window around the incident, ms. */
  priceWindowMs?: { before: number; after: number };
  /** The market's specification in force at the start of the range. */
  spec: MarketSpec;
  configHash: string;
  stateHashBefore: string;
  stateHashAfter: string;
  /** The market's insurance fund balance just before the range. */
  fundBefore: bigint;
  clientsWithPositions: number;
  adlEligibility: AdlEligibilityInput[];
  pseudonymKey: Buffer;
}

export const PRICE_WINDOW_MS = { before: 60_000, after: 60_000 };
/** Beyond this many price rows in the window, rows are thinned (stage rows always kept). */
export const MAX_PRICE_ROWS = 600;

/** Type of an event, including types this build of the engine does not declare. */
function typeOf(event: EngineEvent): string {
  return (event as { type: string }).type;
}

/** BackstopCapacityExhausted (a newer engine event), read by its type string. */
interface BackstopCapacityExhausted {
  type: "BackstopCapacityExhausted";
  seq: number;
  nowMs: number;
  market: string;
  accountId: number;
  remaining: bigint;
  lotsUnabsorbed: number;
  causeSeq: number;
}

interface Liquidation {
  accountId: number;
  startSeq: number;
  started: LiquidationStarted | null;
  stages: LiqStageEntered[];
  completed: LiquidationCompleted | null;
  conversions: CollateralConverted[];
  inMarket: boolean;
}

interface AdlFillRow {
  stage: LiqStageEntered;
  position: number;
  trade: Trade;
  bankruptLong: boolean;
  counterparty: { accountId: number; lots: number; rankPpb: bigint; upnlBefore: bigint };
  loss: bigint;
  compensation: bigint;
}

const max0 = (x: bigint) => (x > 0n ? x : 0n);
const ticks = (price: number) => String(price);
const ticksOrNull = (price: number) => (price === 0 ? null : String(price));

/** How many of `items` (sorted by seq) have seq < `seq`, by binary search. */
function countBefore(items: ReadonlyArray<{ seq: number }>, seq: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (items[middle].seq < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The last of `items` (sorted by seq) with seq < `seq`. */
function lastBefore<T extends { seq: number }>(items: readonly T[], seq: number): T | undefined {
  const count = countBefore(items, seq);
  return count > 0 ? items[count - 1] : undefined;
}

/** a / b rounded half to even (b > 0). */
function divHalfEven(a: bigint, b: bigint): bigint {
  let q = a / b;
  let r = a % b;
  if (r < 0n) {
    q -= 1n;
    r += b;
  }
  if (2n * r > b || (2n * r === b && q % 2n !== 0n)) q += 1n;
  return q;
}

/** ⌈a / b⌉ for b > 0 (the engine's divCeil). */
function divCeil(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/**
 * One fill on a position (the engine's F11, accounts.ts applyFill): opening adds the notional to the
 * cost; closing c lots removes ⌈cost·c/|size|⌉ (all of it when the position closes) and realizes
 * proceeds − removed. Returns the realized P&L.
 */
export function applyFillToPosition(position: { size: number; cost: bigint }, buy: boolean, lots: number, price: number, tickLotValue: bigint): bigint {
  const before = position.size;
  const notional = BigInt(lots) * BigInt(price) * tickLotValue;
  if (before === 0 || before > 0 === buy) {
    position.size = buy ? before + lots : before - lots;
    position.cost = buy ? position.cost + notional : position.cost - notional;
    return 0n;
  }
  const absBefore = Math.abs(before);
  const closed = Math.min(lots, absBefore);
  const closeNotional = BigInt(closed) * BigInt(price) * tickLotValue;
  const removed = closed === absBefore ? position.cost : divCeil(position.cost * BigInt(closed), BigInt(absBefore));
  const realized = (before > 0 ? closeNotional : -closeNotional) - removed;
  position.cost -= removed;
  position.size = before + (buy ? closed : -closed);
  if (lots > closed) {
    const openNotional = notional - closeNotional;
    position.size += buy ? lots - closed : closed - lots;
    position.cost = buy ? position.cost + openNotional : position.cost - openNotional;
  }
  return realized;
}

/** The liquidations of the range, grouped per account from LiquidationStarted to LiquidationCompleted. */
function liquidationsOf(events: readonly RecordedEvent[], market: string): Liquidation[] {
  const all: Liquidation[] = [];
  const open = new Map<number, Liquidation>();
  const byStart = new Map<number, Liquidation>();
  const openFor = (accountId: number, seq: number): Liquidation => {
    let liquidation = open.get(accountId);
    if (!liquidation) {
      liquidation = { accountId, startSeq: seq, started: null, stages: [], completed: null, conversions: [], inMarket: false };
      open.set(accountId, liquidation);
      all.push(liquidation);
    }
    return liquidation;
  };
  for (const { event } of events) {
    switch (event.type) {
      case "LiquidationStarted": {
        const liquidation: Liquidation = {
          accountId: event.accountId,
          startSeq: event.seq,
          started: event,
          stages: [],
          completed: null,
          conversions: [],
          inMarket: false,
        };
        open.set(event.accountId, liquidation);
        byStart.set(event.seq, liquidation);
        all.push(liquidation);
        break;
      }
      case "LiqStageEntered": {
        const liquidation = openFor(event.accountId, event.seq);
        liquidation.stages.push(event);
        if (event.market === market) liquidation.inMarket = true;
        break;
      }
      case "LiquidationCompleted": {
        openFor(event.accountId, event.seq).completed = event;
        open.delete(event.accountId);
        break;
      }
      case "CollateralConverted":
        byStart.get(event.causeSeq)?.conversions.push(event);
        break;
      default:
        break;
    }
  }
  return all.filter((liquidation) => liquidation.inMarket);
}

/** The range's events in seq order (the input may hold window events outside it). */
function inRange(input: { events: readonly RecordedEvent[]; range: { fromSeq: number; toSeq: number } }): RecordedEvent[] {
  return input.events.filter(({ event }) => event.seq >= input.range.fromSeq && event.seq <= input.range.toSeq).sort((a, b) => a.event.seq - b.event.seq);
}

/**
 * The first ADL stage on each side of the market (a bankrupt long's and a bankrupt short's), with the
 * journal position of its command: where the loader must read the eligible positions.
 */
export function firstAdlStagesBySide(events: readonly RecordedEvent[], market: string): Array<{ adlSeq: number; position: number; bankruptLong: boolean }> {
  const sorted = [...events].sort((a, b) => a.event.seq - b.event.seq);
  const out: Array<{ adlSeq: number; position: number; bankruptLong: boolean }> = [];
  // An ADL stage's side shows in its first trade (the bankrupt account sells: it was long).
  const waiting = new Map<number, { adlSeq: number; position: number }>();
  for (const { event, position } of sorted) {
    if (event.type === "LiqStageEntered" && event.stage === "adl" && event.market === market && event.counterparties?.length) {
      waiting.set(event.accountId, { adlSeq: event.seq, position });
    } else if (event.type === "Trade" && event.adl && event.market === market) {
      const stage = waiting.get(event.takerAccountId);
      if (!stage) continue;
      waiting.delete(event.takerAccountId);
      const bankruptLong = event.aggressor === "sell";
      if (!out.some((side) => side.bankruptLong === bankruptLong)) out.push({ ...stage, bankruptLong });
      if (out.length === 2) break;
    }
  }
  return out;
}

/** Spread `lots` over sizes in proportion, by largest remainder; ties to the lower account id. */
export function largestRemainder(lots: number, sizes: ReadonlyArray<{ accountId: number; size: number }>): Map<number, number> {
  const total = sizes.reduce((sum, entry) => sum + BigInt(entry.size), 0n);
  const out = new Map<number, number>();
  if (total === 0n) return out;
  const parts = sizes.map((entry) => {
    const exact = BigInt(lots) * BigInt(entry.size);
    return { accountId: entry.accountId, whole: exact / total, remainder: exact % total };
  });
  let left = BigInt(lots) - parts.reduce((sum, part) => sum + part.whole, 0n);
  const order = [...parts].sort((a, b) => (a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.accountId - b.accountId));
  for (const part of order) {
    if (left <= 0n) break;
    part.whole += 1n;
    left -= 1n;
  }
  for (const part of parts) out.set(part.accountId, Number(part.whole));
  return out;
}

export function computeIncidentReport(input: IncidentReportInput): IncidentReport {
  const { market, spec } = input;
  const tlv = spec.tickLotValue;
  const events = inRange(input);
  if (events.length === 0) throw new Error(`no events in the journal range ${input.range.fromSeq}–${input.range.toSeq}`);
  const startedAtMs = events[0].event.nowMs;
  const endedAtMs = events[events.length - 1].event.nowMs;
  const positionOfSeq = new Map(events.map(({ event, position }) => [event.seq, position]));

  const liquidations = liquidationsOf(events, market);
  const liquidationOfStage = new Map<number, Liquidation>();
  for (const liquidation of liquidations) for (const stage of liquidation.stages) liquidationOfStage.set(stage.seq, liquidation);
  const stages = liquidations
    .flatMap((liquidation) => liquidation.stages)
    .filter((stage) => stage.market === market || stage.market === null)
    .sort((a, b) => a.seq - b.seq);
  const marketEvents = events.filter(({ event }) => (event as { market?: unknown }).market === market);
  const trades = marketEvents.map(({ event }) => event).filter((event): event is Trade => event.type === "Trade" && event.liquidation);
  const fundChanges = marketEvents.map(({ event }) => event).filter((event): event is InsuranceFundChanged => event.type === "InsuranceFundChanged");
  const depletions = marketEvents.map(({ event }) => event).filter((event): event is InsuranceFundDepleted => event.type === "InsuranceFundDepleted");
  const exhaustions = marketEvents
    .map(({ event }) => event)
    .filter((event) => typeOf(event) === "BackstopCapacityExhausted") as unknown as BackstopCapacityExhausted[];

  // The fund ledger walked from the balance before the range; the floor as parameter changes move it.
  let floor = spec.liquidation.insuranceFundFloor;
  const floorSteps: Array<{ seq: number; floor: bigint }> = [];
  for (const { event } of marketEvents) {
    if (event.type !== "MarketParametersUpdated") continue;
    const next = floorAfter(event, floor);
    if (next !== floor) floorSteps.push({ seq: event.seq, floor: (floor = next) });
  }
  const floorAt = (seq: number) => lastBefore(floorSteps, seq)?.floor ?? spec.liquidation.insuranceFundFloor;
  let balance = input.fundBefore;
  let lowest = balance;
  const ledger: Array<{ seq: number; balance: bigint }> = [];
  const paid = { backstop_compensation: 0n, adl_compensation: 0n, negative_equity_cover: 0n, liquidation_fee: 0n, funding_deposit: 0n };
  for (const change of fundChanges) {
    if (change.balance - change.delta !== balance)
      throw new Error(`the insurance fund ledger does not continue at seq ${change.seq}: ${change.balance - change.delta} after ${balance}`);
    balance = change.balance;
    if (balance < lowest) lowest = balance;
    ledger.push({ seq: change.seq, balance });
    paid[change.reason] += change.delta < 0n ? -change.delta : change.delta;
  }
  const balanceBefore = (seq: number) => lastBefore(ledger, seq)?.balance ?? input.fundBefore;

  // Mark at any seq, for rows that carry none of their own.
  const marks = marketEvents.filter(({ event }) => event.type === "MarkTick").map(({ event }) => event as MarkTickEvent);
  const markAt = (seq: number) => lastBefore(marks, seq)?.price ?? 0;

  // ── ADL fills, with the trades and compensation that carried them out ──
  const adlStages = stages.filter((stage) => stage.stage === "adl" && stage.market === market);
  // ADL trades per bankrupt account, and the fund's compensation per ADL trade: the engine pays it
  // right after the trade, before the next one.
  const adlTradesOf = new Map<number, Trade[]>();
  const compensationOf = new Map<number, bigint>();
  const lastAdlTradeOf = new Map<number, number>();
  for (const { event } of marketEvents) {
    if (event.type === "Trade" && event.liquidation && event.adl) {
      const list = adlTradesOf.get(event.takerAccountId);
      if (list) list.push(event);
      else adlTradesOf.set(event.takerAccountId, [event]);
      lastAdlTradeOf.set(event.makerAccountId, event.seq);
    } else if (event.type === "InsuranceFundChanged" && event.reason === "adl_compensation" && event.accountId !== null) {
      const tradeSeq = lastAdlTradeOf.get(event.accountId);
      if (tradeSeq !== undefined) compensationOf.set(tradeSeq, (compensationOf.get(tradeSeq) ?? 0n) - event.delta);
    }
  }
  const fills: AdlFillRow[] = [];
  const adlStageRows: IncidentReport["adl"]["stages"] = [];
  const stageFigures: Array<{ stage: LiqStageEntered; deficit: bigint; fundAvailable: bigint; uncovered: bigint; lotsClosed: number }> = [];
  for (const stage of adlStages) {
    const counterparties = stage.counterparties ?? [];
    const ofAccount = adlTradesOf.get(stage.accountId) ?? [];
    const first = countBefore(ofAccount, stage.seq);
    const stageTrades = ofAccount.slice(first, first + counterparties.length);
    counterparties.forEach((counterparty, i) => {
      const trade = stageTrades[i];
      if (!trade || trade.makerAccountId !== counterparty.accountId || trade.size !== counterparty.lots)
        throw new Error(`the ADL stage at seq ${stage.seq} does not match its trades`);
      const bankruptLong = trade.aggressor === "sell";
      const lossTicks = bankruptLong ? trade.price - stage.markPrice : stage.markPrice - trade.price;
      fills.push({
        stage,
        position: positionOfSeq.get(stage.seq) ?? 0,
        trade,
        bankruptLong,
        counterparty,
        loss: max0(BigInt(lossTicks)) * BigInt(trade.size) * tlv,
        compensation: compensationOf.get(trade.seq) ?? 0n,
      });
    });
    const liquidation = liquidationOfStage.get(stage.seq);
    const before = liquidation?.stages[liquidation.stages.indexOf(stage) - 1];
    const deficit = before ? max0(-before.equityAfter) : 0n;
    const fundAvailable = max0(balanceBefore(stage.seq) - floorAt(stage.seq));
    const uncovered = max0(deficit - fundAvailable);
    const lotsClosed = counterparties.reduce((sum, counterparty) => sum + counterparty.lots, 0);
    stageFigures.push({ stage, deficit, fundAvailable, uncovered, lotsClosed });
  }

  // Ranks: a counterparty's place among the accounts its detection pass deleveraged on that side, in queue order.
  const rankOf = new Map<AdlFillRow, number>();
  const rankGroups = new Map<string, Map<number, number>>();
  for (const fill of fills) {
    const key = `${fill.position}:${fill.bankruptLong}`;
    let group = rankGroups.get(key);
    if (!group) rankGroups.set(key, (group = new Map()));
    if (!group.has(fill.counterparty.accountId)) group.set(fill.counterparty.accountId, group.size + 1);
    rankOf.set(fill, group.get(fill.counterparty.accountId)!);
  }

  // ── Pro-rata counterfactual ──
  const sides = [true, false].filter((bankruptLong) => fills.some((fill) => fill.bankruptLong === bankruptLong));
  const basis: IncidentReport["adl"]["proRata"]["basis"] = [];
  const allocationRows: Array<{ accountId: number; side: "long" | "short"; eligibleLots: number; rankedLots: number; proRataLots: number }> = [];
  for (const bankruptLong of sides) {
    const first = fills.find((fill) => fill.bankruptLong === bankruptLong)!;
    const eligibility = input.adlEligibility.find((entry) => entry.adlSeq === first.stage.seq);
    if (!eligibility) throw new Error(`no positions were given for the first ADL stage (seq ${first.stage.seq})`);
    const positions = new Map(eligibility.positions.map((position) => [position.accountId, { size: position.size, cost: position.cost }]));
    const at = (accountId: number) => {
      let position = positions.get(accountId);
      if (!position) positions.set(accountId, (position = { size: 0, cost: 0n }));
      return position;
    };
    for (const trade of trades) {
      if (trade.seq >= first.stage.seq || positionOfSeq.get(trade.seq) !== first.position) continue;
      const takerBuys = trade.aggressor === "buy";
      applyFillToPosition(at(trade.takerAccountId), takerBuys, trade.size, trade.price, tlv);
      applyFillToPosition(at(trade.makerAccountId), !takerBuys, trade.size, trade.price, tlv);
    }
    const mark = BigInt(first.stage.markPrice);
    const eligible = [...positions]
      .filter(([accountId, position]) => {
        if (accountId === first.stage.accountId || position.size === 0 || position.size > 0 === bankruptLong) return false;
        return BigInt(position.size) * mark * tlv - position.cost > 0n;
      })
      .map(([accountId, position]) => ({ accountId, size: Math.abs(position.size) }));
    const sideFills = fills.filter((fill) => fill.bankruptLong === bankruptLong);
    const lots = sideFills.reduce((sum, fill) => sum + fill.counterparty.lots, 0);
    const proRata = largestRemainder(lots, eligible);
    const side = bankruptLong ? "short" : "long";
    basis.push({
      side,
      atSeq: first.stage.seq,
      markPrice: ticks(first.stage.markPrice),
      eligibleAccounts: eligible.length,
      eligibleLots: eligible.reduce((sum, entry) => sum + entry.size, 0),
      lots,
    });
    const ranked = new Map<number, number>();
    for (const fill of sideFills) ranked.set(fill.counterparty.accountId, (ranked.get(fill.counterparty.accountId) ?? 0) + fill.counterparty.lots);
    const eligibleLots = new Map(eligible.map((entry) => [entry.accountId, entry.size]));
    for (const accountId of new Set([...eligibleLots.keys(), ...ranked.keys()])) {
      allocationRows.push({
        accountId,
        side,
        eligibleLots: eligibleLots.get(accountId) ?? 0,
        rankedLots: ranked.get(accountId) ?? 0,
        proRataLots: proRata.get(accountId) ?? 0,
      });
    }
  }

  // ── Pseudonyms for every account the report names ──
  const backstopTrades = trades.filter((trade) => trade.backstop);
  const refs = pseudonymsFor(input.pseudonymKey, [
    ...stages.map((stage) => stage.accountId),
    ...backstopTrades.map((trade) => trade.makerAccountId),
    ...fills.map((fill) => fill.counterparty.accountId),
    ...allocationRows.map((row) => row.accountId),
    ...exhaustions.map((signal) => signal.accountId),
  ]);
  const ref = (accountId: number) => refs.get(accountId)!;

  // ── Timeline and steps ──
  const timeline: IncidentReport["timeline"] = [
    ...stages.map((stage) => ({
      seq: stage.seq,
      atMs: stage.nowMs,
      account: ref(stage.accountId),
      stage: stage.stage,
      reason: stage.reason,
      sizeToClose: stage.sizeToClose,
      sizeClosed: stage.sizeClosed,
      bankruptcyPrice: ticksOrNull(stage.bankruptcyPrice),
      markPrice: ticksOrNull(stage.markPrice),
      amount: String(stage.amount),
      equityAfter: String(stage.equityAfter),
    })),
    ...depletions.map((signal) => ({
      seq: signal.seq,
      atMs: signal.nowMs,
      account: null,
      stage: "fund_floor",
      reason: "balance_at_or_below_floor",
      sizeToClose: 0,
      sizeClosed: 0,
      bankruptcyPrice: null,
      markPrice: ticksOrNull(markAt(signal.seq)),
      amount: String(signal.floor),
      equityAfter: String(signal.balance),
    })),
    ...exhaustions.map((signal) => ({
      seq: signal.seq,
      atMs: signal.nowMs,
      account: ref(signal.accountId),
      stage: "backstop_exhausted",
      reason: "capacity_exhausted",
      sizeToClose: Number(signal.lotsUnabsorbed ?? 0),
      sizeClosed: 0,
      bankruptcyPrice: null,
      markPrice: ticksOrNull(markAt(signal.seq)),
      amount: String(signal.remaining ?? 0n),
      equityAfter: null,
    })),
  ].sort((a, b) => a.seq - b.seq);
  const steps = [...new Set(timeline.map((row) => row.stage))];

  // ── Prices ──
  const window = input.priceWindowMs ?? PRICE_WINDOW_MS;
  const fromMs = startedAtMs - window.before;
  const toMs = endedAtMs + window.after;
  const priceEvents = input.events
    .filter(({ event }) => (event.type === "MarkTick" || event.type === "IndexTick") && event.market === market && event.nowMs >= fromMs && event.nowMs <= toMs)
    .sort((a, b) => a.event.seq - b.event.seq);
  const rows: Array<IncidentReport["prices"][number] & { position: number }> = [];
  for (const { event, position } of priceEvents) {
    let row = rows.at(-1);
    if (!row || row.position !== position) rows.push((row = { position, seq: event.seq, atMs: event.nowMs, mark: null, index: null, sources: [] }));
    if (event.type === "MarkTick") row.mark = ticks(event.price);
    else {
      const tick = event as IndexTickEvent;
      row.index = ticksOrNull(tick.price);
      row.sources = tick.inputs.map((source) => ({
        sourceId: source.sourceId,
        price: source.price === null ? null : ticks(source.price),
        status: source.status,
      }));
    }
  }
  const every = Math.max(1, Math.ceil(rows.length / MAX_PRICE_ROWS));
  const stagePositions = new Set(stages.map((stage) => positionOfSeq.get(stage.seq)));
  const prices = rows.filter((row, i) => i % every === 0 || stagePositions.has(row.position)).map(({ position: _position, ...row }) => row);

  // ── Positions closed per step ──
  const closedByStep = (["book", "backstop", "adl"] as const).map((name) => {
    const stepTrades = trades.filter((trade) => (name === "book" ? !trade.backstop && !trade.adl : name === "backstop" ? trade.backstop : trade.adl));
    const lots = stepTrades.reduce((sum, trade) => sum + trade.size, 0);
    const notional = stepTrades.reduce((sum, trade) => sum + BigInt(trade.price) * BigInt(trade.size) * tlv, 0n);
    return {
      stage: name,
      liquidations: stages.filter((stage) => stage.stage === name && stage.market === market && stage.sizeClosed > 0).length,
      lots,
      notional: String(notional),
      averagePrice: lots === 0 ? null : String(divHalfEven(notional, BigInt(lots) * tlv)),
    };
  });

  // ── Backstop ──
  const providers = new Map<number, { lots: number; notional: bigint; compensation: bigint }>();
  for (const trade of backstopTrades) {
    const provider = providers.get(trade.makerAccountId) ?? { lots: 0, notional: 0n, compensation: 0n };
    provider.lots += trade.size;
    provider.notional += BigInt(trade.price) * BigInt(trade.size) * tlv;
    providers.set(trade.makerAccountId, provider);
  }
  for (const change of fundChanges) {
    if (change.reason === "backstop_compensation" && change.accountId !== null) {
      const provider = providers.get(change.accountId);
      if (provider) provider.compensation -= change.delta;
    }
  }
  const backstopLots = backstopTrades.reduce((sum, trade) => sum + trade.size, 0);

  // ── ADL figures ──
  const lossGross = fills.reduce((sum, fill) => sum + fill.loss, 0n);
  const compensationPaid = fills.reduce((sum, fill) => sum + fill.compensation, 0n);
  const lossSocialized = lossGross - compensationPaid;
  const minimumNeeded = stageFigures.reduce((sum, figure) => sum + figure.uncovered, 0n);
  const lotsNeeded = adlStages.reduce((sum, stage) => sum + stage.sizeToClose, 0);
  const lotsClosed = fills.reduce((sum, fill) => sum + fill.counterparty.lots, 0);
  for (const figure of stageFigures) {
    adlStageRows.push({
      seq: figure.stage.seq,
      account: ref(figure.stage.accountId),
      lotsNeeded: figure.stage.sizeToClose,
      lotsClosed: figure.lotsClosed,
      deficit: String(figure.deficit),
      fundAvailable: String(figure.fundAvailable),
      uncovered: String(figure.uncovered),
    });
  }
  const allocations = allocationRows
    .map((row) => ({ account: ref(row.accountId), side: row.side, eligibleLots: row.eligibleLots, rankedLots: row.rankedLots, proRataLots: row.proRataLots }))
    .sort((a, b) => b.rankedLots - a.rankedLots || b.proRataLots - a.proRataLots || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));

  return {
    schemaVersion: INCIDENT_REPORT_SCHEMA_VERSION,
    incidentId: input.incidentId,
    market,
    startedAtMs,
    endedAtMs,
    journal: {
      fromSeq: input.range.fromSeq,
      toSeq: input.range.toSeq,
      fromPosition: input.range.fromPosition,
      toPosition: input.range.toPosition,
      stateHashBefore: input.stateHashBefore,
      stateHashAfter: input.stateHashAfter,
    },
    configHash: input.configHash,
    units: { tickSize: spec.tickSize, lotSize: spec.lotSize, tickLotValue: String(tlv) },
    parameters: parametersOf(spec),
    steps,
    timeline,
    prices,
    priceWindow: { fromMs, toMs, rowsInWindow: rows.length, every },
    closedByStep,
    backstop: {
      lots: backstopLots,
      notional: String(backstopTrades.reduce((sum, trade) => sum + BigInt(trade.price) * BigInt(trade.size) * tlv, 0n)),
      compensationPaid: String(paid.backstop_compensation),
      capacityExhausted: exhaustions.length > 0 || adlStages.some((stage) => stage.reason === "backstop_capacity_exhausted"),
      providers: [...providers].map(([accountId, provider]) => ({
        provider: ref(accountId),
        lots: provider.lots,
        notional: String(provider.notional),
        compensation: String(provider.compensation),
      })),
    },
    insuranceFund: {
      before: String(input.fundBefore),
      after: String(balance),
      floor: String(spec.liquidation.insuranceFundFloor),
      lowest: String(lowest),
      paidOut: String(paid.backstop_compensation + paid.adl_compensation + paid.negative_equity_cover),
      feesIn: String(paid.liquidation_fee),
      deposited: String(paid.funding_deposit),
      backstopCompensation: String(paid.backstop_compensation),
      adlCompensation: String(paid.adl_compensation),
      negativeEquityCover: String(paid.negative_equity_cover),
      reachedFloor: depletions.length > 0 || fundChanges.some((change) => change.balance <= floorAt(change.seq + 1)),
    },
    adl: {
      fills: fills.map((fill) => ({
        rank: rankOf.get(fill)!,
        account: ref(fill.counterparty.accountId),
        rankingScorePpb: String(fill.counterparty.rankPpb),
        price: ticks(fill.trade.price),
        markPrice: ticks(fill.stage.markPrice),
        lots: fill.counterparty.lots,
        upnlBefore: String(fill.counterparty.upnlBefore),
        loss: String(fill.loss),
        compensation: String(fill.compensation),
        seq: fill.trade.seq,
        atMs: fill.trade.nowMs,
      })),
      stages: adlStageRows,
      lotsNeeded,
      lotsClosed,
      lotsBeyondMinimum: Math.max(0, lotsClosed - lotsNeeded),
      lossSocialized: String(lossSocialized),
      minimumNeeded: String(minimumNeeded),
      beyondMinimum: String(lossSocialized - minimumNeeded),
      proRata: {
        accountsAffected: allocations.filter((row) => row.proRataLots > 0).length,
        rankedAccountsAffected: allocations.filter((row) => row.rankedLots > 0).length,
        basis,
        allocations,
      },
    },
    affected: { accountsLiquidated: new Set(liquidations.map((liquidation) => liquidation.accountId)).size, clientsWithPositions: input.clientsWithPositions },
  };
}

/** The insurance fund floor after a parameter change (the whole liquidation block or the floor itself). */
function floorAfter(event: MarketParametersUpdated, floor: bigint): bigint {
  for (const change of event.changes) {
    if (change.path === "liquidation.insuranceFundFloor" && typeof change.next === "bigint") floor = change.next;
    if (change.path === "liquidation" && change.next && typeof (change.next as { insuranceFundFloor?: unknown }).insuranceFundFloor === "bigint")
      floor = (change.next as { insuranceFundFloor: bigint }).insuranceFundFloor;
  }
  return floor;
}

/** The liquidation parameters and margin tiers in force (configuration paths, exact values). */
function parametersOf(spec: MarketSpec): IncidentReport["parameters"] {
  const liquidation = spec.liquidation;
  const fraction = liquidation.backstopEquityBelowMaintenance;
  return [
    { path: "liquidation.liquidationFeeRate", value: String(liquidation.liquidationFeeRate), unit: "ppb" as const },
    { path: "liquidation.maxBookChunkNotional", value: String(liquidation.maxBookChunkNotional), unit: "micro-USD" as const },
    { path: "liquidation.backstopEquityBelowMaintenance", value: `${fraction.numerator}/${fraction.denominator}`, unit: "fraction" as const },
    { path: "liquidation.insuranceFundFloor", value: String(liquidation.insuranceFundFloor), unit: "micro-USD" as const },
    ...spec.marginTiers.flatMap((tier, i) => [
      { path: `marginTiers[${i}].floorNotional`, value: String(tier.floorNotional), unit: "micro-USD" as const },
      { path: `marginTiers[${i}].maintenanceMarginRate`, value: String(tier.maintenanceMarginRate), unit: "ppb" as const },
      { path: `marginTiers[${i}].maintenanceAmount`, value: String(tier.maintenanceAmount), unit: "micro-USD" as const },
    ]),
  ];
}

// ── Personal statement ──────────────────────────────────────────────────────────────────────────

export interface ClientStatementInput {
  incidentId: string;
  market: string;
  engineAccountId: number;
  /** The incident's range and engine times (as for the report), and the account's events in it: its liquidations, every trade of its in the market, its fund lines, and the stages of the liquidations it was deleveraged against. */
  range: { fromSeq: number; toSeq: number };
  startedAtMs: number;
  endedAtMs: number;
  events: RecordedEvent[];
  spec: Pick<MarketSpec, "tickSize" | "lotSize" | "tickLotValue">;
  /** The account's position in the market, and its equity, just before the first command of the range that involved it. */
  positionBefore: { size: number; cost: bigint };
  /** Seqs of the first event of that command and the last event of the last command that involved it: the account's trades between them move its position. */
  fromSeq: number;
  throughSeq: number;
  equityBefore: bigint;
  /** Equity just after the last command of the range that involved it. */
  equityAfter: bigint;
}

/** The seqs where an account's involvement in an incident begins and ends: its liquidations in the market and its ADL fills. */
export function involvementOf(
  events: readonly RecordedEvent[],
  range: { fromSeq: number; toSeq: number },
  market: string,
  accountId: number,
): { firstPosition: number; lastPosition: number } | null {
  // Positions, not seqs: the loader reads the state before the first command and after the last.
  const sorted = inRange({ events, range });
  const liquidations = liquidationsOf(sorted, market).filter((liquidation) => liquidation.accountId === accountId);
  const seqs = new Set<number>();
  for (const liquidation of liquidations) {
    for (const event of [liquidation.started, ...liquidation.stages, liquidation.completed]) if (event) seqs.add(event.seq);
  }
  for (const { event } of sorted) {
    if (event.type === "Trade" && event.market === market && event.adl && event.makerAccountId === accountId) seqs.add(event.seq);
  }
  const positions = sorted.filter(({ event }) => seqs.has(event.seq)).map(({ position }) => position);
  return positions.length ? { firstPosition: positions[0], lastPosition: positions[positions.length - 1] } : null;
}

export function computeClientStatement(input: ClientStatementInput): ClientStatement {
  const { market, engineAccountId: accountId } = input;
  const tlv = input.spec.tickLotValue;
  const events = inRange(input);
  if (events.length === 0) throw new Error(`no events in the journal range ${input.range.fromSeq}–${input.range.toSeq}`);
  const liquidations = liquidationsOf(events, market);
  const stages = liquidations.flatMap((liquidation) => liquidation.stages).filter((stage) => stage.market === market);
  const position = { ...input.positionBefore };
  const fills: ClientStatement["fills"] = [];
  let realizedTotal = 0n;
  let liquidationFees = 0n;
  let compensation = 0n;
  for (const { event } of events) {
    if (event.type === "InsuranceFundChanged" && event.market === market && event.accountId === accountId) {
      if (event.reason === "liquidation_fee") liquidationFees += event.delta;
      if (event.reason === "adl_compensation") compensation -= event.delta;
      continue;
    }
    if (event.type !== "Trade" || event.market !== market || event.seq < input.fromSeq || event.seq > input.throughSeq) continue;
    const taker = event.takerAccountId === accountId;
    if (!taker && event.makerAccountId !== accountId) continue;
    const buy = taker ? event.aggressor === "buy" : event.aggressor !== "buy";
    const realized = applyFillToPosition(position, buy, event.size, event.price, tlv);
    // Their own liquidation (any step) or their position taken by ADL; a resting order a liquidation filled is an ordinary fill.
    const kind = taker && event.liquidation ? (event.adl ? "adl" : event.backstop ? "backstop" : "liquidation") : !taker && event.adl ? "adl" : null;
    if (!kind) continue;
    const stage = stages.filter((entry) => entry.seq < event.seq && entry.accountId === event.takerAccountId).at(-1);
    realizedTotal += realized;
    fills.push({
      seq: event.seq,
      atMs: event.nowMs,
      kind,
      side: buy ? "buy" : "sell",
      lots: event.size,
      price: ticks(event.price),
      markPrice: ticks(stage?.markPrice ?? 0),
      realizedPnl: String(realized),
      fee: String(taker ? event.takerFee : event.makerFee),
    });
  }
  const conversions = liquidations.filter((liquidation) => liquidation.accountId === accountId).flatMap((liquidation) => liquidation.conversions);
  return {
    version: CLIENT_STATEMENT_VERSION,
    incidentId: input.incidentId,
    market,
    engineAccountId: accountId,
    startedAtMs: input.startedAtMs,
    endedAtMs: input.endedAtMs,
    units: { tickSize: input.spec.tickSize, lotSize: input.spec.lotSize },
    fills,
    positionBefore: input.positionBefore.size,
    positionAfter: position.size,
    realizedPnl: String(realizedTotal),
    liquidationFees: String(liquidationFees),
    adlCompensation: String(compensation),
    equityBefore: String(input.equityBefore),
    equityAfter: String(input.equityAfter),
    collateralConverted: conversions.map((conversion) => ({
      assetId: conversion.assetId,
      amountMinor: String(conversion.amountMinor),
      valueUsd: String(conversion.valueUsd),
    })),
  };
}
