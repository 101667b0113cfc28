/**
 * Run statistics from the engine's events (headless runner, bench, tests): trades and volume,
 * liquidations per waterfall stage (platform-wide and per market, with fund depletions and backstop
 * capacity exhaustions), ADL, insurance-fund path, mark–index divergence, funding.
 * Pure: fed events and rejection codes; time comes from the events.
 */

import type { EngineEvent, LiquidationStage, MarketSpec, RejectionCode } from "../../engine/index";
import type { StageTally } from "./scenarios";

export interface MarketSummary {
  market: string;
  trades: number;
  /** Trades that were liquidation book fills, backstop transfers or ADL (subset of `trades`). */
  liquidationTrades: number;
  volumeLots: number;
  /** Σ price·size·tickLotValue, micro-USD. */
  volume: bigint;
  insuranceFund: { start: bigint; min: bigint; end: bigint; /** balance at each whole hour since the start */ hourly: bigint[] };
  maxMarkIndexDivergence: { ppb: number; bps: number; atMs: number };
  funding: { settlements: Array<{ atMs: number; ratePpb: bigint; capped: boolean }>; minRatePpb: bigint | null; maxRatePpb: bigint | null; capPpb: bigint };
  /** How often each step of the liquidation waterfall ran in this market, and what stopped it. */
  waterfall: MarketWaterfall;
}

export interface MarketWaterfall {
  /**
   * LiqStageEntered events per stage. `cancel_orders` names no market in the engine: it counts here
   * for the market of the liquidation's first market stage.
   */
  stages: Record<LiquidationStage, number>;
  /** InsuranceFundDepleted: the fund reached its floor. */
  insuranceFundDepleted: number;
  /** BackstopCapacityExhausted: the LPs' capacity, not the fund, left lots for ADL. */
  backstopCapacityExhausted: number;
}

export interface RunSummary {
  startMs: number;
  endMs: number;
  simulatedSeconds: number;
  commands: number;
  rejections: Partial<Record<RejectionCode, number>>;
  trades: number;
  tradesPerHour: number;
  markets: MarketSummary[];
  liquidations: { started: number; completed: number; partial: number; byStage: Record<LiquidationStage, StageTally> };
  adl: { events: number; lots: number };
}

const STAGES: LiquidationStage[] = ["cancel_orders", "book", "backstop", "insurance_fund", "adl"];

export class Recorder {
  private readonly summary: RunSummary;
  private readonly bySymbol = new Map<string, { spec: MarketSpec; s: MarketSummary }>();
  private nextHourMs: number;
  /** A liquidation's cancel_orders stage not yet attributed to a market. */
  private cancelPending = false;

  constructor(specs: readonly MarketSpec[], startMs: number, insuranceStart: ReadonlyMap<string, bigint>) {
    const byStage = {} as Record<LiquidationStage, StageTally>;
    for (const st of STAGES) byStage[st] = { entered: 0, lotsClosed: 0, amount: 0n };
    this.summary = {
      startMs,
      endMs: startMs,
      simulatedSeconds: 0,
      commands: 0,
      rejections: {},
      trades: 0,
      tradesPerHour: 0,
      markets: [],
      liquidations: { started: 0, completed: 0, partial: 0, byStage },
      adl: { events: 0, lots: 0 },
    };
    for (const spec of specs) {
      const b = insuranceStart.get(spec.symbol) ?? 0n;
      const s: MarketSummary = {
        market: spec.symbol,
        trades: 0,
        liquidationTrades: 0,
        volumeLots: 0,
        volume: 0n,
        insuranceFund: { start: b, min: b, end: b, hourly: [b] },
        maxMarkIndexDivergence: { ppb: 0, bps: 0, atMs: 0 },
        funding: { settlements: [], minRatePpb: null, maxRatePpb: null, capPpb: spec.funding.capRate },
        waterfall: {
          stages: Object.fromEntries(STAGES.map((st) => [st, 0])) as Record<LiquidationStage, number>,
          insuranceFundDepleted: 0,
          backstopCapacityExhausted: 0,
        },
      };
      this.summary.markets.push(s);
      this.bySymbol.set(spec.symbol, { spec, s });
    }
    this.nextHourMs = startMs + 3_600_000;
  }

  /** Account for one applied command (accepted or rejected). */
  command(rejection?: RejectionCode): void {
    this.summary.commands++;
    if (rejection !== undefined) this.summary.rejections[rejection] = (this.summary.rejections[rejection] ?? 0) + 1;
  }

  /** Advance the run's clock (hourly fund samples are taken as whole hours pass). */
  clock(nowMs: number): void {
    while (nowMs >= this.nextHourMs) {
      for (const { s } of this.bySymbol.values()) s.insuranceFund.hourly.push(s.insuranceFund.end);
      this.nextHourMs += 3_600_000;
    }
    this.summary.endMs = nowMs;
    this.summary.simulatedSeconds = (nowMs - this.summary.startMs) / 1_000;
  }

  events(events: readonly EngineEvent[]): void {
    const sum = this.summary;
    for (const e of events) {
      switch (e.type) {
        case "Trade": {
          const m = this.bySymbol.get(e.market)!;
          sum.trades++;
          m.s.trades++;
          if (e.liquidation || e.backstop || e.adl) m.s.liquidationTrades++;
          m.s.volumeLots += e.size;
          m.s.volume += BigInt(e.price) * BigInt(e.size) * m.spec.tickLotValue;
          break;
        }
        case "LiquidationStarted":
          sum.liquidations.started++;
          break;
        case "LiquidationCompleted":
          sum.liquidations.completed++;
          if (e.partial) sum.liquidations.partial++;
          this.cancelPending = false;
          break;
        case "LiqStageEntered": {
          if (e.market === null) this.cancelPending = e.stage === "cancel_orders";
          else {
            const w = this.bySymbol.get(e.market)!.s.waterfall;
            w.stages[e.stage]++;
            if (this.cancelPending) w.stages.cancel_orders++;
            this.cancelPending = false;
          }
          const t = sum.liquidations.byStage[e.stage];
          t.entered++;
          t.lotsClosed += e.sizeClosed;
          t.amount += e.amount;
          if (e.stage === "adl" && e.sizeClosed > 0) {
            sum.adl.events++;
            sum.adl.lots += e.sizeClosed;
          }
          break;
        }
        case "InsuranceFundDepleted":
          this.bySymbol.get(e.market)!.s.waterfall.insuranceFundDepleted++;
          break;
        case "BackstopCapacityExhausted":
          this.bySymbol.get(e.market)!.s.waterfall.backstopCapacityExhausted++;
          break;
        case "InsuranceFundChanged": {
          const f = this.bySymbol.get(e.market)!.s.insuranceFund;
          f.end = e.balance;
          if (e.balance < f.min) f.min = e.balance;
          break;
        }
        case "MarkTick": {
          if (e.inputs.index <= 0) break;
          const d = this.bySymbol.get(e.market)!.s.maxMarkIndexDivergence;
          const ppb = Math.trunc((Math.abs(e.price - e.inputs.index) * 1_000_000) / e.inputs.index) * 1_000;
          if (ppb > d.ppb) {
            d.ppb = ppb;
            d.bps = ppb / 100_000;
            d.atMs = e.nowMs;
          }
          break;
        }
        case "FundingSettled": {
          const f = this.bySymbol.get(e.market)!.s.funding;
          const capped = e.rate >= f.capPpb || e.rate <= -f.capPpb;
          f.settlements.push({ atMs: e.intervalEndMs, ratePpb: e.rate, capped });
          if (f.minRatePpb === null || e.rate < f.minRatePpb) f.minRatePpb = e.rate;
          if (f.maxRatePpb === null || e.rate > f.maxRatePpb) f.maxRatePpb = e.rate;
          break;
        }
        default:
          break;
      }
    }
  }

  result(): RunSummary {
    const s = this.summary;
    s.tradesPerHour = s.simulatedSeconds > 0 ? Math.round((s.trades * 3_600) / s.simulatedSeconds) : 0;
    return s;
  }
}
