/**
 * The surveillance seed read from an engine at a journal position (AFMM-8): its resting orders, each
 * market's last mark and index, and the accounts of kind "afmm". A replay that starts there with this seed raises the alerts of a
 * whole run (see replayStartMs in surveillance.ts).
 */

import { marketView, restingOrders, type EngineState } from "../engine/index";
import type { SurveillanceSeed } from "./surveillance";

export function surveillanceSeedFromEngine(engine: EngineState): SurveillanceSeed {
  const marks: Record<string, number> = {};
  const indexes: Record<string, number> = {};
  for (const m of engine.markets) {
    const v = marketView(engine, m.symbol);
    if (v === undefined) continue;
    marks[m.symbol] = v.mark;
    indexes[m.symbol] = v.index;
  }
  const affiliateAccountIds = engine.bySlot.filter((a) => a.kind === "afmm").map((a) => a.id);
  return { atMs: engine.now, restingOrders: restingOrders(engine), marks, indexes, affiliateAccountIds };
}
