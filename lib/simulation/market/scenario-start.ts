/**
 * Scenario start-up: an injected scenario is validated and scheduled as a `ScenarioRun`, and when its
 * start time arrives its effect is put into the simulated world (crash or gap overlay, venue depeg or
 * freeze) or handed to the participant that carries it out (the AFMM's pull, the squeeze desk, the
 * block trader, the planter of conduct patterns in planted.ts).
 */

import { accountView, marketView, type EngineState, type MarketSpec } from "../../engine/index";
import type { AfmmQuoter } from "./afmm-quoter";
import type { SqueezeDesk } from "./agents";
import { BLOCK_TRADER_ACCOUNT_ID, SQUEEZE_DESK_ACCOUNT_ID } from "./config";
import { BUY, SELL, USD_CENTS, type OrderDesk } from "./order-desk";
import type { Planter } from "./planted";
import { ScenarioTracker, emptyOutcome, parseScenario, type ScenarioInput, type ScenarioRun } from "./scenarios";
import type { World } from "./world";

/** Validate a scenario against the markets' index sources and schedule it `delaySec` after `nowMs`. */
export function scheduleScenario(
  input: unknown,
  nowMs: number,
  specs: MarketSpec[],
  runs: ScenarioTracker[],
  scenarioSettleSec: number,
): { ok: true; scenario: ScenarioRun } | { ok: false; errors: string[] } {
  const venues = new Map(specs.map((s) => [s.symbol, s.index.sources.map((x) => x.id)] as const));
  const parsed = parseScenario(input, venues);
  if (!parsed.ok) return parsed;
  const v: ScenarioInput = parsed.value;
  const startMs = nowMs + v.delaySec * 1_000;
  // A gap comes GAP_LEAD_MS after the start (the block trade) and is held for durationSec.
  const endMs = startMs + v.durationSec * 1_000 + (v.type === "gap-through-backstop" ? GAP_LEAD_MS : 0);
  const tail = v.type === "flash-crash" || v.type === "gap-through-backstop" ? v.recoverSec * 1_000 : 0;
  const markets = v.market === undefined ? specs.map((s) => s.symbol) : [v.market];
  const run: ScenarioRun = {
    id: `S${runs.length + 1}`,
    type: v.type,
    input: v,
    injectedAtMs: nowMs,
    startMs,
    endMs,
    observeUntilMs: endMs + tail + scenarioSettleSec * 1_000,
    status: "scheduled",
    outcome: emptyOutcome(markets),
  };
  runs.push(new ScenarioTracker(run));
  return { ok: true, scenario: run };
}

/** A gap-through-backstop scenario's gap follows its start (when the block trades) by this much. */
export const GAP_LEAD_MS = 5_000;
/** The block trader posts this multiple of the block's initial margin (fees, and the mark away from spot). */
const BLOCK_MARGIN_PCT = 125n;
const PPB = 1_000_000_000n;

/**
 * Notional and margin (micro-USD) of a position that loses at least `target` beyond its margin when
 * the price gaps by `gapPpb` against it, at the highest leverage the market's tiers allow for that
 * size (margin = BLOCK_MARGIN_PCT % of initial margin); the smallest such notional, or the largest
 * loss any tier allows when none reaches the target. Null when the gap cannot take any position
 * allowed by the tiers past its margin.
 */
/** Least loss beyond its margin the gap block is sized for, micro-USD (100,000 USD). */
const MIN_BLOCK_SHORTFALL = 100_000n * 1_000_000n;

export function sizeBlock(spec: MarketSpec, gapPpb: bigint, target: bigint): { notional: bigint; margin: bigint } | null {
  if (target <= 0n) return null;
  let best: { notional: bigint; margin: bigint; loss: bigint } | null = null;
  for (const t of spec.marginTiers) {
    const lev = BigInt(t.maxLeverage);
    // Loss beyond margin per unit of notional: gap − margin/notional.
    const netPpb = gapPpb - (BLOCK_MARGIN_PCT * PPB) / (100n * lev);
    if (netPpb <= 0n) continue;
    const top = (t.capNotional < spec.maxPositionNotional ? t.capNotional : spec.maxPositionNotional) - 1n;
    if (top < t.floorNotional) continue;
    let notional = (target * PPB + netPpb - 1n) / netPpb;
    if (notional < t.floorNotional) notional = t.floorNotional;
    if (notional > top) notional = top;
    const loss = (notional * netPpb) / PPB;
    const margin = (notional * BLOCK_MARGIN_PCT) / (100n * lev);
    if (loss >= target) return { notional, margin };
    if (best === null || loss > best.loss) best = { notional, margin, loss };
  }
  return best === null ? null : { notional: best.notional, margin: best.margin };
}

/**
 * The block: the block trader wires its margin and bids (or offers) the whole size at spot on the
 * side the gap hurts; the squeeze desk takes it with an IOC at the same price; whatever did not trade
 * is cancelled. Ordinary deposits and orders of two clients.
 */
function openBlock(desk: OrderDesk, spec: MarketSpec, mi: number, side: number, spot: number, block: { notional: bigint; margin: bigint }): void {
  const lots = desk.lots(mi, block.notional, spot);
  if (lots < spec.minSizeLots) return;
  const depositId = `sim-block-${desk.now}-${spec.symbol}`;
  desk.out.push({
    type: "Deposit",
    nowMs: desk.now,
    accountId: BLOCK_TRADER_ACCOUNT_ID,
    depositId,
    assetId: "USD",
    amountMinor: (block.margin + USD_CENTS - 1n) / USD_CENTS,
  });
  desk.out.push({ type: "SettleDeposit", nowMs: desk.now, depositId });
  desk.place(BLOCK_TRADER_ACCOUNT_ID, mi, side, "limit", spot, lots);
  desk.place(SQUEEZE_DESK_ACCOUNT_ID, mi, side === BUY ? SELL : BUY, "limit", spot, lots, { tif: "IOC" });
  desk.out.push({ type: "CancelAll", nowMs: desk.now, accountId: BLOCK_TRADER_ACCOUNT_ID, market: spec.symbol });
}

/** Put a scenario's effect into the world when its start time arrives (before the path advances past it). */
export function startDueScenarios(
  runs: readonly ScenarioTracker[],
  nowMs: number,
  engine: EngineState,
  world: World,
  specs: MarketSpec[],
  afmm: AfmmQuoter,
  squeezeDesk: SqueezeDesk,
  desk: OrderDesk,
  planter?: Planter,
): void {
  for (const t of runs) {
    const run = t.run;
    if (run.status !== "scheduled" || nowMs < run.startMs) continue;
    run.status = "active";
    const v = run.input;
    const mi = v.market === undefined ? -1 : specs.findIndex((s) => s.symbol === v.market);
    switch (v.type) {
      case "flash-crash":
        world.markets[mi].crashes.push({
          scenarioId: run.id,
          market: v.market,
          shape: "crash",
          dropPpb: BigInt(Math.round(v.dropPct * 10_000_000)),
          startMs: run.startMs,
          durationMs: run.endMs - run.startMs,
          recoverMs: v.recoverSec * 1_000,
        });
        break;
      case "venue-depeg":
        world.markets[mi].venues
          .find((x) => x.id === v.venueId)!
          .depegs.push({ scenarioId: run.id, factorPpb: BigInt(Math.round(v.factor * 1_000_000_000)), fromMs: run.startMs, untilMs: run.endMs });
        break;
      case "venues-stale":
        for (const ven of world.markets[mi].venues) if (v.venueIds.includes(ven.id)) ven.frozenUntilMs = Math.max(ven.frozenUntilMs, run.endMs);
        break;
      case "afmm-pull":
        specs.forEach((s, i) => {
          if (v.market !== undefined && s.symbol !== v.market) return;
          afmm.pull(i, s.symbol, run.endMs, nowMs);
        });
        break;
      case "gap-through-backstop": {
        // The market maker steps away (as it would when its own feeds jump), so the book absorbs
        // little and the gapped accounts go past bankruptcy to the backstop, the fund and ADL.
        afmm.pull(mi, v.market, run.endMs, nowMs);
        const gapPpb = BigInt(Math.round(v.gapPct * 10_000_000));
        // A fund larger than the open positions' shortfall would stop the waterfall before ADL: the
        // block is sized against the fund's public figures so that the gap goes through it.
        const spec = specs[mi];
        const fund = marketView(engine, v.market)?.insuranceFund.available ?? 0n;
        // A fund already at its floor pays nothing, so any shortfall reaches ADL: the block then only
        // needs to go bankrupt (a floor on the target keeps it from being sized at zero).
        const target = (fund * BigInt(Math.round(v.blockPct * 100))) / 10_000n;
        const block = v.blockPct === 0 ? null : sizeBlock(spec, gapPpb, target > MIN_BLOCK_SHORTFALL ? target : MIN_BLOCK_SHORTFALL);
        if (block !== null && accountView(engine, BLOCK_TRADER_ACCOUNT_ID) !== undefined && world.markets[mi].spot > 0) {
          openBlock(desk, spec, mi, v.side === "down" ? BUY : SELL, world.markets[mi].spot, block);
        }
        world.markets[mi].crashes.push({
          scenarioId: run.id,
          market: v.market,
          shape: "gap",
          dropPpb: v.side === "down" ? gapPpb : -gapPpb,
          startMs: run.startMs + GAP_LEAD_MS,
          durationMs: run.endMs - run.startMs - GAP_LEAD_MS,
          recoverMs: v.recoverSec * 1_000,
        });
        break;
      }
      case "plant-front-run":
      case "plant-wash":
      case "plant-spoof":
        planter?.start(run.id, mi, v, run.endMs);
        break;
      case "funding-squeeze":
        squeezeDesk.start({
          scenarioId: run.id,
          mi,
          side: v.side === "buy" ? BUY : SELL,
          notionalPerMin: BigInt(Math.round(v.notionalPerMinUsd)) * 1_000_000n,
          untilMs: run.endMs,
        });
        break;
    }
  }
}
