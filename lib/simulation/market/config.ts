/**
 * Simulator parameters and the deterministic account layout.
 *
 * Units follow the engine (docs/engine-design.md): prices in ticks, sizes in lots, money bigint
 * micro-USD, rates in ppb. Parameters that are only ever used as integer multipliers are in basis
 * points (bps, 1 bp = 100,000 ppb) or percent where that reads better; every field says which.
 *
 * The account layout depends on the CONFIG only (never on the seed): after a restart the host builds
 * a new simulation with a new seed and no bootstrap, and the agents must find their accounts again.
 */

import { DEFAULT_ENGINE_CONFIG, type EngineConfig, type MarketSpec } from "../../engine/index";
import { hash32 } from "../../random/prng";

/** Reserved ids (the portal's real clients use ids ≥ 1,000,000). */
export const AFMM_ACCOUNT_ID = 1;
/**
 * A second affiliated account (kind `afmm`): created and funded only when a plant-wash scenario starts
 * (surveillance tests of trades between affiliates); absent from a bootstrap.
 */
export const AFMM_AFFILIATE_ACCOUNT_ID = 2;
export const BACKSTOP_ACCOUNT_BASE_ID = 11;
export const SQUEEZE_DESK_ACCOUNT_ID = 21;
/** Block trader: takes the concentrated position a gap-through-backstop scenario opens (no deposit until then). */
export const BLOCK_TRADER_ACCOUNT_ID = 22;
export const CLIENT_AGENT_BASE_ID = 1_001;
export const SIM_ACCOUNT_ID_MAX = 99_999;

/** The world advances in fixed 250 ms sub-steps whatever the host's cadence (path independent of it). */
export const SUBSTEP_MS = 250;

export type Regime = "calm" | "volatile" | "trending";
export type AgentKind = "leveraged" | "momentum" | "meanReversion" | "taker";

export interface MarketModel {
  /** Starting price of the common path, ticks (used when the engine has no index yet). */
  initialPriceTicks: number;
  /** Volatility of this market relative to the regime's base volatility, percent (100 = base). */
  volMultiplierPct: number;
  /**
   * Loading on the common crypto factor and on an independent shock, percent; keep
   * loading² + idiosyncratic² = 100² so the variance stays the regime's (BTC 100/0, ETH 80/60 → ρ = 0.8).
   */
  factorLoadingPct: number;
  idiosyncraticPct: number;
  /** AFMM: first-level half-spread (bps), spacing between levels (bps), levels per side, lots at level 1 (level k has k× this). */
  afmmHalfSpreadBps: number;
  afmmLevelStepBps: number;
  afmmLevels: number;
  afmmLevelLots: number;
  /** AFMM inventory (lots) at which its skew is maximal and it stops quoting the side that adds. */
  afmmInventoryLimitLots: number;
  /** Insurance fund seeded at bootstrap, micro-USD (on top of nothing: the engine starts at 0). */
  insuranceFundSeed: bigint;
}

export interface SimulationConfig {
  /** The engine's validated config (must be the one the engine runs). */
  engineConfig: EngineConfig;
  /** Per market (by symbol); markets missing here get defaults scaled from the engine spec. */
  markets: Record<string, MarketModel>;
  /** Annualised volatility of the common path per regime, percent. */
  regimeVolPct: Record<Regime, number>;
  /** Mean regime durations, minutes. */
  regimeMeanMinutes: Record<Regime, number>;
  /** Trending regime drift, bps per hour (sign drawn when the regime starts). */
  trendBpsPerHour: number;
  /** Mean hours between jumps per regime. */
  jumpEveryHours: Record<Regime, number>;
  /** Jump size range, bps (sign random). */
  jumpBps: { min: number; max: number };
  /** Pull toward the initial price: half-life, hours (keeps a long-running demo in a sane range). */
  meanReversionHalfLifeHours: number;
  /** Venue noise: per-quote noise σ (bps) and persistent venue bias σ (bps). */
  venueNoiseBps: number;
  venueBiasBps: number;
  /** Mean hours between incidents (outage or lagging feed) per venue; 0 disables. */
  venueIncidentEveryHours: number;
  /** Agent counts (ids CLIENT_AGENT_BASE_ID.. in this order: leveraged, momentum, meanReversion, taker). */
  agents: Record<AgentKind, number>;
  /** Scales every agent's action rate, percent (100 = default; lower to make runs cheaper). */
  activityPct: number;
  /**
   * Backstop LPs: committed capacity, deposit and capacity regained per hour as they work inventory
   * off (micro-USD; 0 = never), priority = position in the list.
   */
  backstops: Array<{ capacity: bigint; deposit: bigint; replenishPerHour: bigint }>;
  /** AFMM deposit, micro-USD. */
  afmmDeposit: bigint;
  /** Squeeze desk (funding-squeeze scenario flow) deposit, micro-USD. */
  squeezeDeskDeposit: bigint;
  /** After a scenario ends its outcome keeps recording the aftermath for this long, seconds. */
  scenarioSettleSec: number;
}

const USD = 1_000_000n;
/** Hours over which a backstop LP regains its full capacity by default. */
const BACKSTOP_REFILL_HOURS = 12n;

function defaultMarketModel(spec: MarketSpec): MarketModel {
  // BTC-like and ETH-like defaults; other markets get ETH-like shape at a price of 1,000 USD.
  if (spec.symbol === "BTC-PERP") {
    return {
      initialPriceTicks: 600_000, // 60,000 USD at 0.1
      volMultiplierPct: 100,
      factorLoadingPct: 100,
      idiosyncraticPct: 0,
      afmmHalfSpreadBps: 2,
      afmmLevelStepBps: 3,
      afmmLevels: 8,
      afmmLevelLots: 150, // 0.15 BTC
      afmmInventoryLimitLots: 30_000, // 30 BTC
      insuranceFundSeed: 3_000_000n * USD,
    };
  }
  const tick = Number(spec.tickSize);
  const priceTicks = spec.symbol === "ETH-PERP" ? 300_000 : Math.max(1, Math.round(1_000 / tick));
  return {
    initialPriceTicks: priceTicks,
    volMultiplierPct: 125,
    factorLoadingPct: 80,
    idiosyncraticPct: 60,
    afmmHalfSpreadBps: 3,
    afmmLevelStepBps: 4,
    afmmLevels: 8,
    afmmLevelLots: 250, // 2.5 ETH
    afmmInventoryLimitLots: 60_000, // 600 ETH
    insuranceFundSeed: 1_500_000n * USD,
  };
}

export function defaultSimulationConfig(engineConfig: EngineConfig = DEFAULT_ENGINE_CONFIG): SimulationConfig {
  const markets: Record<string, MarketModel> = {};
  for (const m of engineConfig.markets) markets[m.symbol] = defaultMarketModel(m);
  return {
    engineConfig,
    markets,
    regimeVolPct: { calm: 45, volatile: 130, trending: 65 },
    regimeMeanMinutes: { calm: 150, volatile: 30, trending: 60 },
    trendBpsPerHour: 120,
    jumpEveryHours: { calm: 8, volatile: 1, trending: 3 },
    jumpBps: { min: 40, max: 300 },
    meanReversionHalfLifeHours: 72,
    venueNoiseBps: 1,
    venueBiasBps: 3,
    venueIncidentEveryHours: 8,
    agents: { leveraged: 30, momentum: 10, meanReversion: 12, taker: 16 },
    activityPct: 100,
    // Each LP regains its whole capacity over 12 h: a day's second crash meets fresh capacity.
    backstops: [
      { capacity: 20_000_000n * USD, deposit: 5_000_000n * USD, replenishPerHour: (20_000_000n * USD) / BACKSTOP_REFILL_HOURS },
      { capacity: 10_000_000n * USD, deposit: 3_000_000n * USD, replenishPerHour: (10_000_000n * USD) / BACKSTOP_REFILL_HOURS },
      { capacity: 10_000_000n * USD, deposit: 3_000_000n * USD, replenishPerHour: (10_000_000n * USD) / BACKSTOP_REFILL_HOURS },
    ],
    afmmDeposit: 25_000_000n * USD,
    squeezeDeskDeposit: 20_000_000n * USD,
    scenarioSettleSec: 120,
  };
}

/** Merge a partial config over the defaults (shallow, except `markets`, merged per symbol). */
export function resolveSimulationConfig(partial: Partial<SimulationConfig> = {}): SimulationConfig {
  const base = defaultSimulationConfig(partial.engineConfig ?? DEFAULT_ENGINE_CONFIG);
  const markets = { ...base.markets };
  for (const [k, v] of Object.entries(partial.markets ?? {})) markets[k] = { ...(markets[k] ?? v), ...v };
  return { ...base, ...partial, markets, engineConfig: base.engineConfig };
}

export interface AgentProfile {
  accountId: number;
  kind: AgentKind;
  market: string;
  /** Base deposit (and top-up target), micro-USD. */
  deposit: bigint;
  /** Target leverage on equity (x, integer). */
  leverage: number;
  /** Mean time between decisions, ms. */
  actEveryMs: number;
  /** Mean holding time (leveraged), ms. */
  holdMs: number;
  /** Signal threshold (momentum / mean reversion), bps. */
  thresholdBps: number;
  /** Leveraged only: closes when the loss reaches half the initial margin (the others ride to liquidation). */
  stopLoss: boolean;
  /** Mean reversion only: trades the perp–index basis (arbitrageur) instead of price vs its 5 min EMA. */
  basisTrader: boolean;
  /** Taker: trade notional range, micro-USD. */
  minNotional: bigint;
  maxNotional: bigint;
}

const pick = (h: number, lo: number, hi: number): number => lo + (h % (hi - lo + 1));

/**
 * The client-agent population, a pure function of the config (hash of the agent's index, never the
 * seed), so a resumed simulation drives the same accounts with the same profiles.
 */
export function agentProfiles(cfg: SimulationConfig): AgentProfile[] {
  const symbols = cfg.engineConfig.markets.map((m) => m.symbol);
  const out: AgentProfile[] = [];
  const kinds: AgentKind[] = ["leveraged", "momentum", "meanReversion", "taker"];
  let i = 0;
  for (const kind of kinds) {
    for (let k = 0; k < cfg.agents[kind]; k++, i++) {
      const h = (salt: number) => hash32(i, salt, 0x51a7);
      // ~60 % of agents trade the first market (BTC), the rest spread over the others.
      const market = symbols.length === 1 || h(1) % 100 < 60 ? symbols[0] : symbols[1 + (h(2) % (symbols.length - 1))];
      const base: AgentProfile = {
        accountId: CLIENT_AGENT_BASE_ID + i,
        kind,
        market,
        deposit: 0n,
        leverage: 1,
        actEveryMs: 30_000,
        holdMs: 0,
        thresholdBps: 0,
        stopLoss: false,
        basisTrader: false,
        minNotional: 0n,
        maxNotional: 0n,
      };
      switch (kind) {
        case "leveraged": {
          // Small accounts at high leverage stay in tier 1 (MMR 0.5 %), where a fast move can gap
          // through bankruptcy: that is what exercises the backstop and the insurance fund.
          const deposits = [1_000n, 1_500n, 2_000n, 3_000n, 5_000n, 10_000n, 25_000n];
          base.deposit = deposits[h(3) % deposits.length] * USD;
          base.leverage = pick(h(4), 20, 48);
          base.actEveryMs = pick(h(5), 20, 120) * 1_000;
          base.holdMs = pick(h(6), 10, 240) * 60_000;
          base.stopLoss = h(7) % 100 < 25;
          break;
        }
        case "momentum":
          base.deposit = BigInt(pick(h(3), 20, 200)) * 1_000n * USD;
          base.leverage = pick(h(4), 2, 8);
          base.actEveryMs = pick(h(5), 5, 20) * 1_000;
          base.thresholdBps = pick(h(6), 6, 25);
          break;
        case "meanReversion":
          base.deposit = BigInt(pick(h(3), 50, 400)) * 1_000n * USD;
          base.leverage = pick(h(4), 2, 6);
          // Every other one is a basis arbitrageur: faster, with a tighter threshold.
          base.basisTrader = k % 2 === 1;
          base.actEveryMs = (base.basisTrader ? pick(h(5), 8, 30) : pick(h(5), 30, 90)) * 1_000;
          base.thresholdBps = base.basisTrader ? pick(h(6), 15, 40) : pick(h(6), 15, 60);
          base.holdMs = pick(h(7), 10, 60) * 60_000;
          break;
        case "taker":
          base.deposit = BigInt(pick(h(3), 50, 500)) * 1_000n * USD;
          base.leverage = 3;
          base.actEveryMs = pick(h(5), 6, 30) * 1_000;
          base.minNotional = 1_000n * USD;
          base.maxNotional = BigInt(pick(h(6), 5, 25)) * 1_000n * USD;
          break;
      }
      out.push(base);
    }
  }
  return out;
}

/** Every reserved account id the simulator uses, in id order. */
export function simulatorAccountIds(cfg: SimulationConfig): number[] {
  return [
    AFMM_ACCOUNT_ID,
    AFMM_AFFILIATE_ACCOUNT_ID,
    ...cfg.backstops.map((_, i) => BACKSTOP_ACCOUNT_BASE_ID + i),
    SQUEEZE_DESK_ACCOUNT_ID,
    BLOCK_TRADER_ACCOUNT_ID,
    ...agentProfiles(cfg).map((a) => a.accountId),
  ];
}
