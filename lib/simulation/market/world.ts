/**
 * The simulated outside world: one common spot price path per reference asset and the spot venues
 * that quote it to the index.
 *
 * Price process (all integer arithmetic, so identical on every machine):
 * - fixed 250 ms sub-steps (SUBSTEP_MS), whatever the host's cadence;
 * - a shared regime (calm / volatile / trending, Markov switching with mean durations);
 * - per sub-step log-return r (ppb) = σ_regime·z + trend drift − κ·(P − anchor)/anchor, where
 *   z = (loading·z_common + idio·z_own)/100 and z ~ Irwin–Hall normal (prng.gauss16);
 * - Poisson-like jumps (rate by regime), shared by all markets, scaled by each market's vol multiplier;
 * - scenario overlays (flash crashes, one-step gaps) multiply the path; one without recovery folds into it.
 *
 * The price is kept in micro-ticks as a bigint: P·r overflows 2^53 long before it matters.
 * Venues: each quotes the common price × (1 + persistent bias + noise) on its own cadence, with
 * random incidents (outage: no quotes; lag: quotes delayed by 5–90 s, stale beyond the engine's
 * staleAfterMs) and scenario effects (frozen feed, depeg factor).
 */

import type { IndexQuotes, MarketSpec } from "../../engine/index";
import { SUBSTEP_MS, type MarketModel, type Regime, type SimulationConfig } from "./config";
import type { Prng } from "../../random/prng";

const PPB = 1_000_000_000;
const PPB_N = 1_000_000_000n;
const MICRO = 1_000_000n;
/** √(sub-steps per year) = √(365.25·86,400·4) ≈ 11,235: σ_substep = σ_annual / 11,235. */
const SQRT_SUBSTEPS_PER_YEAR = 11_235;
const SUBSTEPS_PER_HOUR = 3_600_000 / SUBSTEP_MS;
/** Ring of past spot prices (one per sub-step): long enough for the longest venue lag (90 s). */
const HISTORY = 512;
const EMA_SCALE = 1_024;
const EMA_FAST_SUBSTEPS = 80; // 20 s
const EMA_SLOW_SUBSTEPS = 1_200; // 5 min
const SENTIMENT_THETA = 6 * SUBSTEPS_PER_HOUR; // mean reversion of the perp-basis sentiment: ~6 h, so it outlasts a funding interval's averaging
const SENTIMENT_SIGMA = 4_811; // ppb per sub-step: stationary σ ≈ 10 bps with θ = 6 h

export interface Crash {
  scenarioId: string;
  market: string;
  /** `crash`: the fall builds up over the duration; `gap`: all of it in one sub-step, held for the duration. */
  shape: "crash" | "gap";
  /** Fall as a fraction of the price, ppb (negative: a rise). */
  dropPpb: bigint;
  startMs: number;
  durationMs: number;
  recoverMs: number;
}

export interface VenueState {
  id: string;
  weight: number;
  biasPpb: number;
  publishEveryMs: number;
  lastPublishMs: number;
  lastTimestampMs: number;
  incident: { kind: "outage" | "lag"; untilMs: number; lagMs: number } | null;
  nextIncidentMs: number;
  /** Scenario: feed frozen (no new quotes) until then. */
  frozenUntilMs: number;
  /** Scenario: price multipliers (ppb) active in [fromMs, untilMs). */
  depegs: Array<{ scenarioId: string; factorPpb: bigint; fromMs: number; untilMs: number }>;
}

export interface MarketWorld {
  symbol: string;
  spec: MarketSpec;
  model: MarketModel;
  /** Common path before scenario overlays, micro-ticks. */
  base: bigint;
  anchor: bigint;
  /** Spot = base × overlays, ticks (last sub-step). */
  spot: number;
  history: Float64Array;
  emaFast: number;
  emaSlow: number;
  /**
   * Perp-basis sentiment of the clients (ppb): the takers' flow leans toward it, and the AFMM, which
   * never sees it, follows that flow through its inventory lean, so a premium and funding follow it.
   */
  sentimentPpb: number;
  venues: VenueState[];
  crashes: Crash[];
  sigmaPpb: Record<Regime, number>;
}

export class World {
  readonly markets: MarketWorld[];
  regime: Regime = "calm";
  trendDir = 1;
  /** Time of the last sub-step, ms (a multiple of SUBSTEP_MS). */
  clockMs: number;
  private readonly kappaPpb: number;
  private readonly trendPpb: number;

  constructor(
    private readonly cfg: SimulationConfig,
    private readonly prng: Prng,
    startMs: number,
    /** Starting price per market (ticks), e.g. the engine's index on resume. */
    startPrices: Record<string, number>,
  ) {
    this.clockMs = Math.floor(startMs / SUBSTEP_MS) * SUBSTEP_MS;
    const halfLifeSubsteps = Math.max(1, Math.round(cfg.meanReversionHalfLifeHours * SUBSTEPS_PER_HOUR));
    this.kappaPpb = Math.floor(693_147_181 / halfLifeSubsteps); // ln 2 in ppb / half-life
    this.trendPpb = Math.floor((cfg.trendBpsPerHour * 100_000) / SUBSTEPS_PER_HOUR);
    // Random initial regime so that different seeds start differently.
    this.regime = (["calm", "calm", "volatile", "trending"] as const)[prng.int(4)];
    this.trendDir = prng.int(2) === 0 ? 1 : -1;
    this.markets = cfg.engineConfig.markets.map((spec) => {
      const model = cfg.markets[spec.symbol];
      const p = startPrices[spec.symbol] ?? model.initialPriceTicks;
      const sigma = (pct: number) => Math.floor((pct * 10_000_000 * model.volMultiplierPct) / 100 / SQRT_SUBSTEPS_PER_YEAR);
      const venues: VenueState[] = spec.index.sources.map((s) => ({
        id: s.id,
        weight: s.weight,
        biasPpb: Math.trunc((cfg.venueBiasBps * 100_000 * prng.gauss16()) / 65_536),
        publishEveryMs: 500 + prng.int(6) * 250, // 0.5–1.75 s
        lastPublishMs: -Infinity,
        lastTimestampMs: 0,
        incident: null,
        nextIncidentMs: cfg.venueIncidentEveryHours > 0 ? startMs + this.jitter(cfg.venueIncidentEveryHours * 3_600_000) : Infinity,
        frozenUntilMs: 0,
        depegs: [],
      }));
      const history = new Float64Array(HISTORY).fill(p);
      return {
        symbol: spec.symbol,
        spec,
        model,
        base: BigInt(p) * MICRO,
        anchor: BigInt(model.initialPriceTicks) * MICRO,
        spot: p,
        history,
        emaFast: p * EMA_SCALE,
        emaSlow: p * EMA_SCALE,
        sentimentPpb: 0,
        venues,
        crashes: [],
        sigmaPpb: { calm: sigma(cfg.regimeVolPct.calm), volatile: sigma(cfg.regimeVolPct.volatile), trending: sigma(cfg.regimeVolPct.trending) },
      };
    });
  }

  /** Uniform in [0.5, 1.5) × mean: cheap stand-in for an exponential gap, integer only. */
  jitter(meanMs: number): number {
    const m = Math.max(1, Math.round(meanMs));
    return Math.floor(m / 2) + this.prng.int(m);
  }

  market(symbol: string): MarketWorld | undefined {
    return this.markets.find((m) => m.symbol === symbol);
  }

  /** Advance the path in 250 ms sub-steps up to nowMs. */
  advance(nowMs: number): void {
    while (this.clockMs + SUBSTEP_MS <= nowMs) {
      this.clockMs += SUBSTEP_MS;
      this.substep();
    }
  }

  private substep(): void {
    const prng = this.prng;
    const cfg = this.cfg;
    // Regime switching.
    const stay = cfg.regimeMeanMinutes[this.regime] * 240; // sub-steps
    if (prng.int(Math.max(1, stay)) === 0) {
      const u = prng.int(100);
      if (this.regime === "calm") this.regime = u < 55 ? "volatile" : "trending";
      else if (this.regime === "volatile") this.regime = u < 70 ? "calm" : "trending";
      else this.regime = u < 60 ? "calm" : "volatile";
      if (this.regime === "trending") this.trendDir = prng.int(2) === 0 ? 1 : -1;
    }
    const zCommon = prng.gauss16();
    const jumpEvery = Math.round(cfg.jumpEveryHours[this.regime] * SUBSTEPS_PER_HOUR);
    let jumpPpb = 0;
    if (jumpEvery > 0 && prng.int(jumpEvery) === 0) {
      jumpPpb = prng.range(cfg.jumpBps.min, cfg.jumpBps.max) * 100_000 * (prng.int(2) === 0 ? 1 : -1);
    }
    const t = this.clockMs;
    const slot = Math.floor(t / SUBSTEP_MS) % HISTORY;
    for (const m of this.markets) {
      const model = m.model;
      const z = Math.trunc((model.factorLoadingPct * zCommon + model.idiosyncraticPct * prng.gauss16()) / 100);
      let r = Math.trunc((m.sigmaPpb[this.regime] * z) / 65_536);
      if (this.regime === "trending") r += this.trendDir * Math.floor((this.trendPpb * model.volMultiplierPct) / 100);
      if (jumpPpb !== 0) r += Math.trunc((jumpPpb * model.volMultiplierPct) / 100);
      // Weak pull toward the anchor (κ·deviation), in ppb.
      r -= Number(((m.base - m.anchor) * BigInt(this.kappaPpb)) / m.anchor);
      m.base += (m.base * BigInt(r)) / PPB_N;
      if (m.base < MICRO) m.base = MICRO;
      // Scenario overlays.
      let price = m.base;
      if (m.crashes.length > 0) price = this.applyCrashes(m, t);
      let ticks = Number((price + MICRO / 2n) / MICRO);
      if (ticks < 1) ticks = 1;
      if (ticks > m.spec.maxPriceTicks) ticks = m.spec.maxPriceTicks;
      m.spot = ticks;
      m.history[slot] = ticks;
      m.emaFast += Math.trunc((ticks * EMA_SCALE - m.emaFast) / EMA_FAST_SUBSTEPS);
      m.emaSlow += Math.trunc((ticks * EMA_SCALE - m.emaSlow) / EMA_SLOW_SUBSTEPS);
      const target = this.regime === "trending" ? this.trendDir * 1_200_000 : 0;
      m.sentimentPpb += Math.trunc((target - m.sentimentPpb) / SENTIMENT_THETA) + Math.trunc((SENTIMENT_SIGMA * prng.gauss16()) / 65_536);
    }
  }

  /**
   * base × Π crash factors. A crash drops by dropPpb·g(x) over its duration with g(x) = 1 − (1 − x)³
   * (front-loaded: the first second falls at 3× the average speed, as real flash crashes do); a gap
   * moves by all of dropPpb at its first sub-step, with no price in between, and holds it. Either then
   * recovers linearly over recoverMs or, without recovery, folds into the base path.
   */
  private applyCrashes(m: MarketWorld, t: number): bigint {
    let price = m.base;
    const keep: Crash[] = [];
    for (const c of m.crashes) {
      const end = c.startMs + c.durationMs;
      let dropFrac: bigint; // ppb of dropPpb
      if (t < c.startMs) dropFrac = 0n;
      else if (t < end && c.shape === "gap") dropFrac = PPB_N;
      else if (t < end) {
        const y = PPB_N - (BigInt(t - c.startMs) * PPB_N) / BigInt(c.durationMs);
        dropFrac = PPB_N - (y * y * y) / (PPB_N * PPB_N);
      } else if (t < end + c.recoverMs) dropFrac = PPB_N - (BigInt(t - end) * PPB_N) / BigInt(c.recoverMs);
      else if (c.recoverMs === 0) {
        m.base = (m.base * (PPB_N - c.dropPpb)) / PPB_N;
        price = (price * (PPB_N - c.dropPpb)) / PPB_N;
        continue;
      } else continue;
      keep.push(c);
      const drop = (c.dropPpb * dropFrac) / PPB_N;
      price = (price * (PPB_N - drop)) / PPB_N;
    }
    m.crashes = keep;
    return price;
  }

  /** Spot at time ts (sub-step resolution; older than the ring → oldest kept). */
  priceAt(m: MarketWorld, ts: number): number {
    const age = Math.floor((this.clockMs - ts) / SUBSTEP_MS);
    if (age <= 0) return m.spot;
    const back = Math.min(age, HISTORY - 1);
    const slot = (((Math.floor(this.clockMs / SUBSTEP_MS) - back) % HISTORY) + HISTORY) % HISTORY;
    return m.history[slot];
  }

  /** Signals in ppb of the slow EMA: fast − slow (momentum) and spot − slow (mean reversion). */
  signals(m: MarketWorld): { trendPpb: number; deviationPpb: number; slowTicks: number } {
    const slow = m.emaSlow / EMA_SCALE;
    return {
      trendPpb: Math.trunc(((m.emaFast - m.emaSlow) * 1_000_000) / m.emaSlow) * 1_000,
      deviationPpb: Math.trunc(((m.spot * EMA_SCALE - m.emaSlow) * 1_000_000) / m.emaSlow) * 1_000,
      slowTicks: Math.round(slow),
    };
  }

  /** Venue quotes due at nowMs for one market (possibly none: the engine then re-ages its stored quotes). */
  publish(m: MarketWorld, nowMs: number): IndexQuotes {
    const quotes: IndexQuotes["quotes"] = [];
    const cfg = this.cfg;
    for (const v of m.venues) {
      if (v.incident !== null && nowMs >= v.incident.untilMs) v.incident = null;
      if (v.incident === null && nowMs >= v.nextIncidentMs) {
        if (m.venues.some((o) => o !== v && (o.incident !== null || o.frozenUntilMs > nowMs))) {
          v.nextIncidentMs = nowMs + 60_000; // one venue in trouble at a time, so the index stays valid
        } else {
          const durationMs = 20_000 + this.prng.int(280_001);
          v.incident = { kind: this.prng.int(10) < 6 ? "outage" : "lag", untilMs: nowMs + durationMs, lagMs: 5_000 + this.prng.int(85_001) };
          v.nextIncidentMs = nowMs + durationMs + this.jitter(cfg.venueIncidentEveryHours * 3_600_000);
        }
      }
      if (v.frozenUntilMs > nowMs) continue;
      if (v.incident?.kind === "outage") continue;
      if (nowMs - v.lastPublishMs < v.publishEveryMs) continue;
      v.lastPublishMs = nowMs;
      let ts = nowMs - this.prng.int(150); // network latency
      if (v.incident?.kind === "lag") ts = nowMs - v.incident.lagMs;
      if (ts < v.lastTimestampMs) continue; // never send a quote older than the last one
      v.lastTimestampMs = ts;
      // Persistent venue bias: discrete OU, stationary σ = venueBiasBps (reverts over ~200 quotes).
      v.biasPpb += Math.trunc(-v.biasPpb / 200) + Math.trunc((cfg.venueBiasBps * 10_000 * this.prng.gauss16()) / 65_536);
      const noise = Math.trunc((cfg.venueNoiseBps * 100_000 * this.prng.gauss16()) / 65_536);
      let p = BigInt(this.priceAt(m, ts)) * BigInt(PPB + v.biasPpb + noise);
      for (const d of v.depegs) if (nowMs >= d.fromMs && nowMs < d.untilMs) p = (p * d.factorPpb) / PPB_N;
      v.depegs = v.depegs.filter((d) => d.untilMs > nowMs);
      let price = Number((p + PPB_N / 2n) / PPB_N);
      if (price < 1) price = 1;
      if (price > m.spec.maxPriceTicks) price = m.spec.maxPriceTicks;
      // A thin spell waits while another venue is down, lagging or frozen, so at most one source of
      // five is out for any reason and the index stays valid (as the incidents above keep it).
      const othersInTrouble = m.venues.some((o) => o !== v && (o.incident !== null || o.frozenUntilMs > nowMs));
      quotes.push({ sourceId: v.id, price, timestampMs: ts, recentVolumeUsd: venueVolumeUsd(m, m.venues.indexOf(v), ts, othersInTrouble) });
    }
    return { type: "IndexQuotes", nowMs, market: m.symbol, quotes };
  }
}

/** Each venue's usual trailing volume as a multiple of the market's floor, in configuration order (the big venues first). */
const VENUE_VOLUME_MULTIPLE = [12, 6, 30, 20, 4];
/** Volume of a market without a configured floor: the venues still report one. */
const DEFAULT_VOLUME_BASE_USD = 5_000_000;
const HOUR = 3_600_000;
/** The thinnest venue's book dries up for THIN_SPELL_MS out of every THIN_EVERY_MS: its volume falls under the floor and the index drops it as low_volume. */
const THIN_EVERY_MS = 6 * HOUR;
const THIN_SPELL_MS = 20 * 60_000;

/**
 * A venue's reported trailing volume at `ts`, whole USD (MRG-5 genuine volume). Deterministic in
 * time and drawn from no random stream, so adding it left every seeded price path as it was:
 * mostly healthy (4–30× the floor, ±30 % over a 6-hour swing, each venue out of phase), except the
 * last-listed venue's spells at 40 % of the floor (not while another venue is in trouble), which the
 * index excludes while they last.
 */
export function venueVolumeUsd(m: Pick<MarketWorld, "spec">, venue: number, ts: number, othersInTrouble = false): number {
  const base = m.spec.index.minSourceVolumeUsd ?? DEFAULT_VOLUME_BASE_USD;
  const last = m.spec.index.sources.length - 1;
  const phase = (((ts + venue * HOUR) % THIN_EVERY_MS) + THIN_EVERY_MS) % THIN_EVERY_MS;
  if (venue === last && phase < THIN_SPELL_MS && !othersInTrouble) return Math.floor((base * 40) / 100);
  // Triangle wave in −30 … +30 (percent) over THIN_EVERY_MS.
  const swing = Math.floor((Math.abs(phase - THIN_EVERY_MS / 2) * 120) / THIN_EVERY_MS) - 30;
  return Math.floor((base * VENUE_VOLUME_MULTIPLE[venue % VENUE_VOLUME_MULTIPLE.length] * (100 + swing)) / 100);
}
